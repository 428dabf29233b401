// The body's encoding follows Accept-Encoding, the same on every request with the same header (values are
// parsed once and remembered) and whatever the header's length.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp } from './helpers.js';

describe('Accept-Encoding, asked again and again', () => {
  const { handler } = makeApp();
  const encodingOf = async (acceptEncoding: string) => {
    const res = await request(handler).get('/us/en/privacy').set('Accept-Encoding', acceptEncoding).expect(200);
    return res.headers['content-encoding'] ?? 'identity';
  };

  it.each([
    ['gzip', 'gzip'],
    ['deflate, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0', 'gzip'],
    ['br;q=0.5, gzip', 'br'],
    ['gzip;q=0, deflate', 'identity'],
    ['*', 'gzip'],
    ['identity', 'identity'],
  ])('%s → %s, the first time and every time after', async (header, expected) => {
    for (let i = 0; i < 3; i++) expect(await encodingOf(header)).toBe(expected);
  });

  it('a long header (not remembered) is still read whole', async () => {
    const long = `${Array.from({ length: 30 }, (_, i) => `x-coding-${i};q=0.1`).join(', ')}, gzip`;
    expect(long.length).toBeGreaterThan(100);
    expect(await encodingOf(long)).toBe('gzip');
    expect(await encodingOf(long.replace(', gzip', ', gzip;q=0'))).toBe('identity');
  });
});
