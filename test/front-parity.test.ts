// The front layer and Express answer region pages from one owner (src/regions/pages.ts): for the
// same request they give the same status, headers and bytes.
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, comparable, listen } from './front-compare.js';
import { makeApp } from './helpers.js';

// 10:00 on a Tuesday in New York: the contact page shows open lines and expires at their next change.
const NOW = Date.parse('2026-11-24T15:00:00Z');
const lines: string[] = [];
const built = makeApp({ now: () => NOW, logDestination: { write: (line: string) => lines.push(line) } }, { logLevel: 'info' });
let front: http.Server;
let express: http.Server;

beforeAll(async () => {
  front = await listen(built.app);
  express = await listen(built.express);
});
afterAll(() => {
  front.close();
  express.close();
  built.close();
});

/** Whether the front layer itself gave the last answer for `path` (its log line says so), not Express behind it. */
function answeredByFront(path: string): boolean {
  const mine = lines.map((l) => JSON.parse(l) as { req?: { path: string }; front?: boolean }).filter((l) => l.req?.path === path);
  return mine.at(-1)?.front === true;
}

const br = { 'accept-encoding': 'br' };
const gzip = { 'accept-encoding': 'gzip' };
const identity = {};
// In If-None-Match, BR_TAG, GZIP_TAG and IDENTITY_TAG stand for the page's ETag in that coding, as Express sent it.
const cases: [string, string, string, Record<string, string>][] = [
  ['a page in brotli', 'GET', '/us/en/privacy', br],
  ['a page in gzip', 'GET', '/fr/fr/privacy', gzip],
  ['HEAD of a page', 'HEAD', '/de/de/support', br],
  ['the time-dependent contact page', 'GET', '/us/en/support/contact', br],
  ['the time-dependent contact page in gzip', 'GET', '/us/en/support/contact', gzip],
  ['If-None-Match: * (any current page matches)', 'GET', '/us/en/regions', { ...br, 'if-none-match': '*' }],
  ['If-None-Match: * in gzip', 'GET', '/us/en/regions', { ...gzip, 'if-none-match': '*' }],
  ['If-None-Match: * uncompressed', 'GET', '/us/en/regions', { ...identity, 'if-none-match': '*' }],
  ['If-None-Match with a weak validator list', 'GET', '/us/en/', { ...br, 'if-none-match': 'W/"nope", W/BR_TAG' }],
  ['If-None-Match with the gzip tag, asking for brotli', 'GET', '/us/en/privacy', { ...br, 'if-none-match': 'GZIP_TAG' }],
  ['If-None-Match with the brotli tag, asking for gzip', 'GET', '/us/en/privacy', { ...gzip, 'if-none-match': 'BR_TAG' }],
  ['If-None-Match with the identity tag, asking for brotli', 'GET', '/us/en/privacy', { ...br, 'if-none-match': 'IDENTITY_TAG' }],
  ['If-None-Match with the brotli tag, uncompressed', 'GET', '/us/en/privacy', { ...identity, 'if-none-match': 'BR_TAG' }],
  ['If-None-Match with the gzip tag of the time-dependent page', 'GET', '/us/en/support/contact', { ...br, 'if-none-match': 'GZIP_TAG' }],
  ['If-None-Match with a tag of another page', 'GET', '/us/en/privacy', { ...br, 'if-none-match': '"nope-br", "nope"' }],
  ['a region-neutral path with a language', 'GET', '/privacy', { ...br, 'accept-language': 'fr-FR,fr;q=0.9' }],
  ['a region-neutral path with no match (fallback site)', 'GET', '/support', { ...br, 'accept-language': 'tlh' }],
];

/** The ETag Express sends for `path` in each coding. */
async function tagsOf(path: string): Promise<Record<'br' | 'gzip' | 'identity', string>> {
  const tag = async (headers: Record<string, string>) => String((await ask(express, 'GET', path, headers)).headers.etag);
  return { br: await tag(br), gzip: await tag(gzip), identity: await tag(identity) };
}

describe('front layer and Express', () => {
  it.each(cases)('give the same answer for %s', async (_name, method, path, headers) => {
    const tags = await tagsOf(path);
    const sent = { ...headers };
    if (sent['if-none-match']) {
      sent['if-none-match'] = sent['if-none-match']
        .replace('BR_TAG', tags.br)
        .replace('GZIP_TAG', tags.gzip)
        .replace('IDENTITY_TAG', tags.identity);
    }
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

describe('each coding of a region page has its own strong ETag (RFC 9110 §8.8.3), from both paths', () => {
  const codings = [
    ['br', br],
    ['gzip', gzip],
    ['identity', identity],
  ] as const;
  const paths = () =>
    [
      ['the front layer', front],
      ['Express', express],
    ] as const;

  it.each(['/us/en/privacy', '/us/en/support/contact'])(
    '%s: the brotli, gzip and identity bodies carry three different strong tags, the same from both paths',
    async (path) => {
      const tags = await tagsOf(path);
      expect(new Set(Object.values(tags)).size).toBe(3);
      for (const tag of Object.values(tags)) expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      for (const [name, server] of paths()) {
        for (const [coding, headers] of codings) {
          // Twice: the front layer's first answer may be Express's (a miss), the second is its own.
          await ask(server, 'GET', path, headers);
          const res = await ask(server, 'GET', path, headers);
          expect([name, coding, res.status, res.headers['content-encoding'] ?? 'identity', res.headers.etag]).toEqual([
            name,
            coding,
            200,
            coding,
            tags[coding],
          ]);
          // The front layer leaves identity to Express, which decompresses.
          if (server === front) expect(answeredByFront(path)).toBe(coding !== 'identity');
        }
      }
    },
  );

  it('answers a revalidation with the tag of the coding asked for with a 304, and with another coding’s tag with the body', async () => {
    const path = '/gb/en/privacy';
    const tags = await tagsOf(path);
    for (const [name, server] of paths()) {
      for (const held of Object.values(tags)) {
        for (const [coding, headers] of codings) {
          const res = await ask(server, 'GET', path, { ...headers, 'if-none-match': held });
          // Another coding's tag names other bytes: a 304 would let a cache serve its gzip copy under the br tag.
          const same = held === tags[coding];
          const sentCoding = same || coding === 'identity' ? undefined : coding;
          expect([name, held, coding, res.status, res.headers.etag, res.headers['content-encoding'], res.body.length > 0]).toEqual([
            name,
            held,
            coding,
            same ? 304 : 200,
            tags[coding],
            sentCoding,
            !same,
          ]);
          // Identity's body is Express's to decompress; everything else is the front layer's.
          if (server === front && (same || coding !== 'identity')) expect(answeredByFront(path)).toBe(true);
        }
      }
    }
  });

  it('answers If-None-Match: * with a 304 that carries the tag of the coding asked for', async () => {
    const path = '/gb/en/support';
    const tags = await tagsOf(path);
    for (const [name, server] of paths()) {
      for (const [coding, headers] of codings) {
        const res = await ask(server, 'GET', path, { ...headers, 'if-none-match': '*' });
        expect([name, coding, res.status, res.headers.etag]).toEqual([name, coding, 304, tags[coding]]);
        if (server === front) expect(answeredByFront(path)).toBe(true);
      }
    }
  });

  it('answers 200 with the body when no listed tag is one of the page’s', async () => {
    const other = await tagsOf('/gb/en/support');
    for (const [name, server] of paths()) {
      const res = await ask(server, 'GET', '/gb/en/privacy', { ...br, 'if-none-match': `${other.br}, ${other.gzip}, W/${other.identity}` });
      expect([name, res.status, res.headers['content-encoding']]).toEqual([name, 200, 'br']);
      expect(zlib.brotliDecompressSync(res.body).toString()).toContain('</html>');
    }
  });
});
