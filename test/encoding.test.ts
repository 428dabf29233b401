// The body's encoding follows Accept-Encoding as RFC 9110 §12.5.3 says (the highest q wins, br before gzip on a
// tie, q=0 refuses, `*` stands for the codings not named), the same from the front layer as from Express, on every
// request with the same header (values are parsed once and remembered) and whatever the header's length.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { ask, bothPaths, comparable } from './front-compare.js';
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
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0, deflate', 'identity'],
    ['*', 'br'],
    ['identity', 'identity'],
  ])('%s → %s, the first time and every time after', async (header, expected) => {
    for (let i = 0; i < 3; i++) expect(await encodingOf(header)).toBe(expected);
  });

  it('a long header (not remembered) is still read whole', async () => {
    const long = `${Array.from({ length: 30 }, (_, i) => `x-coding-${i};q=0.1`).join(', ')}, gzip`;
    expect(long.length).toBeGreaterThan(100);
    expect(await encodingOf(long)).toBe('gzip');
    expect(await encodingOf(long.replace(', gzip', ', gzip;q=0'))).toBe('identity');
    expect(await encodingOf(long.replace(', gzip', ', gzip;q=0.5, br;q=0.4'))).toBe('gzip');
  });
});

describe('Accept-Encoding q-values, front layer and Express alike', () => {
  const paths = bothPaths(makeApp());

  const decode = (encoding: string | string[] | undefined, body: Buffer) =>
    encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;

  it.each([
    ['br;q=0.5, gzip;q=1', 'gzip'],
    ['gzip;q=0.8, br;q=0.9', 'br'],
    ['gzip, br', 'br'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    ['BR;Q=0.4, GZip', 'gzip'],
    ['br ; q=0.4 , gzip ; q=0.3', 'br'],
    ['x-gzip;q=0.9, br;q=0.1', 'gzip'],
    ['br;q=0.001, identity;q=0', 'br'],
    ['gzip;q=0.5, identity', 'identity'],
    ['gzip, identity;q=0.5', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['gzip;q=0.9, *;q=0.2', 'gzip'],
    ['*;q=0', 'identity'],
    ['identity;q=0', 'identity'],
    ['br;q=2, gzip;q=0.1', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
  ])('%s → %s', async (acceptEncoding, expected) => {
    for (const path of ['/us/en/privacy', '/robots.txt']) {
      const identity = await ask(paths.express, 'GET', path, {});
      const viaExpress = await ask(paths.express, 'GET', path, { 'accept-encoding': acceptEncoding });
      // Twice through the front: the first may render the page (Express's), the second is the front's own.
      await ask(paths.front, 'GET', path, { 'accept-encoding': acceptEncoding });
      const viaFront = await ask(paths.front, 'GET', path, { 'accept-encoding': acceptEncoding });
      expect(comparable(viaFront)).toEqual(comparable(viaExpress));
      expect([path, viaFront.status, viaFront.headers['content-encoding'] ?? 'identity']).toEqual([path, 200, expected]);
      expect(viaFront.headers.vary).toBe('Accept-Encoding');
      expect(decode(viaFront.headers['content-encoding'], viaFront.body).equals(identity.body)).toBe(true);
    }
  });

  it('compresses a page built per request (a search) by the same rule', async () => {
    const path = '/us/en/search?q=privacy';
    for (const [acceptEncoding, expected] of [
      ['br;q=0.5, gzip;q=1', 'gzip'],
      ['gzip;q=0.2, *;q=0.3', 'br'],
    ] as const) {
      const res = await ask(paths.front, 'GET', path, { 'accept-encoding': acceptEncoding });
      expect([res.status, res.headers['content-encoding']]).toEqual([200, expected]);
      expect(decode(expected, res.body).toString('utf8')).toContain('</html>');
    }
  });
});
