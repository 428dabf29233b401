// The front layer and Express answer region pages from one owner (src/regions/pages.ts): for the
// same request they give the same status, headers and bytes.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, comparable, listen } from './front-compare.js';
import { makeApp } from './helpers.js';

// 10:00 on a Tuesday in New York: the contact page shows open lines and expires at their next change.
const NOW = Date.parse('2026-11-24T15:00:00Z');
const built = makeApp({ now: () => NOW });
let front: http.Server;
let express: http.Server;

beforeAll(async () => {
  front = await listen(built.app);
  express = await listen(built.express);
});
afterAll(() => {
  front.close();
  express.close();
});

const br = { 'accept-encoding': 'br' };
const cases: [string, string, string, Record<string, string>][] = [
  ['a page in brotli', 'GET', '/us/en/privacy', br],
  ['a page in gzip', 'GET', '/fr/fr/privacy', { 'accept-encoding': 'gzip' }],
  ['HEAD of a page', 'HEAD', '/de/de/support', br],
  ['the time-dependent contact page', 'GET', '/us/en/support/contact', br],
  ['If-None-Match: * (any current page matches)', 'GET', '/us/en/regions', { ...br, 'if-none-match': '*' }],
  ['If-None-Match with a weak validator list', 'GET', '/us/en/', { ...br, 'if-none-match': 'W/"nope", W/"ETAG"' }],
  ['a region-neutral path with a language', 'GET', '/privacy', { ...br, 'accept-language': 'fr-FR,fr;q=0.9' }],
  ['a region-neutral path with no match (fallback site)', 'GET', '/support', { ...br, 'accept-language': 'tlh' }],
];

describe('front layer and Express', () => {
  it.each(cases)('give the same answer for %s', async (_name, method, path, headers) => {
    const etag = (await ask(express, 'GET', path, br)).headers.etag;
    const sent = { ...headers };
    if (sent['if-none-match'] && typeof etag === 'string') sent['if-none-match'] = sent['if-none-match'].replace('"ETAG"', etag);
    const viaExpress = await ask(express, method, path, sent);
    const viaFront = await ask(front, method, path, sent);
    expect(comparable(viaFront)).toEqual(comparable(viaExpress));
  });

  it('answers If-None-Match: * with 304 whether or not the page was cached', async () => {
    const fresh = makeApp();
    const server = await listen(fresh.app);
    try {
      const miss = await ask(server, 'GET', '/gb/en/privacy', { ...br, 'if-none-match': '*' });
      const hit = await ask(server, 'GET', '/gb/en/privacy', { ...br, 'if-none-match': '*' });
      expect([miss.status, hit.status]).toEqual([304, 304]);
    } finally {
      server.close();
      fresh.close();
    }
  });
});
