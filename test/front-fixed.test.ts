// The front layer's cached answers beyond region pages (issue 15): the root chooser, assets,
// robots.txt, sitemaps, the 404 of an unknown path and each site's 404. Each is answered by the front layer (its log
// line says so) with the same status, headers and bytes as Express gives for the same request.
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_SUB_PATHS, TOP_LEVEL_PATHS } from '../src/app.js';
import { ask, comparable, listen } from './front-compare.js';
import { makeApp } from './helpers.js';

const lines: string[] = [];
const built = makeApp({ logDestination: { write: (line: string) => lines.push(line) } }, { logLevel: 'info' });
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

/** The last request log line for `path`, parsed. */
function lastLog(path: string): { front?: boolean; res: { statusCode: number } } {
  const mine = lines
    .map((l) => JSON.parse(l) as { req?: { path: string }; front?: boolean; res: { statusCode: number } })
    .filter((l) => l.req?.path === path);
  return mine.at(-1)!;
}

const css = built.site.assets.url('css/site.css');
const svg = built.site.assets.url('img/favicon.svg');
const br = { 'accept-encoding': 'br' };
const gzip = { 'accept-encoding': 'gzip' };
const identity = {};

/** The ETag Express sends for `path` in each coding. */
async function tagsOf(path: string): Promise<Record<'br' | 'gzip' | 'identity', string>> {
  const tag = async (headers: Record<string, string>) => String((await ask(express, 'GET', path, headers)).headers.etag);
  return { br: await tag(br), gzip: await tag(gzip), identity: await tag(identity) };
}

const cases: [string, string, string, Record<string, string>][] = [
  ['the root chooser in brotli (no Accept-Language: a crawler)', 'GET', '/', br],
  ['the root chooser in gzip', 'GET', '/', gzip],
  ['the root chooser uncompressed', 'GET', '/', identity],
  ['HEAD of the root chooser', 'HEAD', '/', br],
  ['the root chooser with If-None-Match: *', 'GET', '/', { ...br, 'if-none-match': '*' }],
  ['the root chooser with its ETag', 'GET', '/', { ...br, 'if-none-match': 'ETAG' }],
  ['the root chooser with its gzip ETag, asking for brotli', 'GET', '/', { ...br, 'if-none-match': 'GZIP_TAG' }],
  ['the root chooser with its brotli ETag, uncompressed', 'GET', '/', { ...identity, 'if-none-match': 'BR_TAG' }],
  ['a stylesheet in brotli', 'GET', css, br],
  ['a stylesheet in gzip', 'GET', css, gzip],
  ['a stylesheet uncompressed', 'GET', css, identity],
  ['a stylesheet with a query string', 'GET', `${css}?v=1`, br],
  ['a stylesheet with If-None-Match: *', 'GET', css, { ...br, 'if-none-match': '*' }],
  ['a stylesheet with If-None-Match: *, in gzip', 'GET', css, { ...gzip, 'if-none-match': '*' }],
  ['a stylesheet with its brotli ETag, asking for gzip', 'GET', css, { ...gzip, 'if-none-match': 'BR_TAG' }],
  ['a stylesheet with its identity ETag, asking for brotli', 'GET', css, { ...br, 'if-none-match': 'IDENTITY_TAG' }],
  ['the favicon with its ETag', 'GET', svg, { ...br, 'if-none-match': 'ETAG' }],
  ['the favicon in gzip', 'GET', svg, gzip],
  ['robots.txt in brotli', 'GET', '/robots.txt', br],
  ['robots.txt uncompressed', 'GET', '/robots.txt', identity],
  ['robots.txt with its ETag', 'GET', '/robots.txt', { ...br, 'if-none-match': 'ETAG' }],
  ['robots.txt with its gzip ETag, weak, asking for brotli', 'GET', '/robots.txt', { ...br, 'if-none-match': 'W/GZIP_TAG' }],
  ['the sitemap index in gzip', 'GET', '/sitemap.xml', gzip],
  ['the sitemap index with If-None-Match: *', 'GET', '/sitemap.xml', { ...gzip, 'if-none-match': '*' }],
  ['a sitemap with its identity ETag, in gzip', 'GET', '/sitemaps/privacy.xml', { ...gzip, 'if-none-match': 'IDENTITY_TAG' }],
  ['a sitemap in brotli', 'GET', '/sitemaps/privacy.xml', br],
  ['HEAD of a sitemap', 'HEAD', '/sitemaps/privacy.xml', gzip],
  ['a 404 in French (Accept-Language)', 'GET', '/nope', { ...br, 'accept-language': 'fr-FR,fr;q=0.9' }],
  ['a 404 with no Accept-Language (fallback site)', 'GET', '/nope', gzip],
  ['a 404 uncompressed', 'GET', '/no-such-page.html', identity],
  ['a 404 with If-None-Match: * (no validator on errors)', 'GET', '/nope', { ...br, 'if-none-match': '*' }],
  ['a site 404 in brotli', 'GET', '/us/en/nope', br],
  ['a site 404 below a page, in gzip', 'GET', '/de/de/support/nope', gzip],
  ['a site 404 uncompressed, in the site language whatever Accept-Language says', 'GET', '/fr/fr/nope.html', { 'accept-language': 'de' }],
  ['HEAD of a site 404', 'HEAD', '/jp/ja/privacy/nope', br],
  ['a site 404 with If-None-Match: *', 'GET', '/us/en/nope', { ...br, 'if-none-match': '*' }],
  ['a site 404 with a query string', 'GET', '/gb/en/a/b/c?q=1&from=home', gzip],
];

describe('the front layer answers cacheable URLs like Express', () => {
  it.each(cases)('%s', async (_name, method, path, headers) => {
    const first = await ask(express, 'GET', path, { ...headers, 'if-none-match': '' });
    const sent = { ...headers };
    // ETAG stands for the tag of the coding asked for; BR_TAG, GZIP_TAG and IDENTITY_TAG for that coding's.
    const tags = await tagsOf(path);
    sent['if-none-match'] &&= sent['if-none-match']
      .replace('ETAG', String(first.headers.etag))
      .replace('BR_TAG', tags.br)
      .replace('GZIP_TAG', tags.gzip)
      .replace('IDENTITY_TAG', tags.identity);
    const viaExpress = await ask(express, method, path, sent);
    // Twice through the front: a miss there may still be Express's; the second is the front's own.
    await ask(front, method, path, sent);
    const viaFront = await ask(front, method, path, sent);
    expect(comparable(viaFront)).toEqual(comparable(viaExpress));
    const logged = lastLog(path.split('?')[0]!);
    expect(logged.front).toBe(true);
    expect(logged.res.statusCode).toBe(viaFront.status);
  });
});

describe('cached answers a user can see', () => {
  it('answers a 304 to the chooser, an asset, robots.txt and a sitemap when the ETag matches, without a body', async () => {
    for (const path of ['/', css, '/robots.txt', '/sitemaps/privacy.xml']) {
      const first = await ask(front, 'GET', path, br);
      expect(first.status).toBe(200);
      const again = await ask(front, 'GET', path, { ...br, 'if-none-match': String(first.headers.etag) });
      expect([path, again.status, again.body.length, again.headers['content-encoding']]).toEqual([path, 304, 0, undefined]);
    }
  });

  it('gives the chooser, an asset, robots.txt and a sitemap a strong ETag per coding, and a 304 only to the tag of the coding asked for (or *)', async () => {
    for (const path of ['/', css, '/robots.txt', '/sitemaps/privacy.xml']) {
      const tags = await tagsOf(path);
      expect([path, new Set(Object.values(tags)).size]).toEqual([path, 3]);
      for (const tag of Object.values(tags)) expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      for (const [coding, headers] of [
        ['br', br],
        ['gzip', gzip],
        ['identity', identity],
      ] as const) {
        const sent = await ask(front, 'GET', path, headers);
        expect([path, sent.headers['content-encoding'] ?? 'identity', sent.headers.etag]).toEqual([path, coding, tags[coding]]);
        for (const held of [...Object.values(tags), '*']) {
          const again = await ask(front, 'GET', path, { ...headers, 'if-none-match': held });
          const same = held === '*' || held === tags[coding];
          expect([path, held, coding, again.status, again.headers.etag, again.body.length > 0]).toEqual([
            path,
            held,
            coding,
            same ? 304 : 200,
            tags[coding],
            !same,
          ]);
          expect(lastLog(path).front).toBe(true);
        }
      }
    }
  });

  it('gives the same bytes in brotli, gzip and identity, with the right Content-Encoding and Length', async () => {
    for (const path of ['/', css, '/robots.txt', '/sitemap.xml', '/nope', '/us/en/nope']) {
      const b = await ask(front, 'GET', path, br);
      const g = await ask(front, 'GET', path, gzip);
      const i = await ask(front, 'GET', path, identity);
      expect([b.headers['content-encoding'], g.headers['content-encoding'], i.headers['content-encoding']]).toEqual([
        'br',
        'gzip',
        undefined,
      ]);
      expect(zlib.brotliDecompressSync(b.body).equals(i.body)).toBe(true);
      expect(zlib.gunzipSync(g.body).equals(i.body)).toBe(true);
      expect(Number(i.headers['content-length'])).toBe(i.body.length);
    }
  });

  it('keeps the chooser private and the crawler files public', async () => {
    const chooser = await ask(front, 'GET', '/', br);
    expect(chooser.headers['cache-control']).toBe('private, no-store');
    expect(chooser.headers.vary).toBe('Cookie, Accept-Language, Accept-Encoding');
    const robots = await ask(front, 'GET', '/robots.txt', identity);
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body.toString()).toContain('Sitemap: ');
    const asset = await ask(front, 'GET', css, br);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it("answers a site's 404 in that site's language, with no Vary on Accept-Language", async () => {
    const de = await ask(front, 'GET', '/de/de/nope', { ...identity, 'accept-language': 'fr' });
    expect([de.status, de.headers['content-language'], de.headers.vary]).toEqual([404, 'de-DE', 'Accept-Encoding']);
    expect(de.body.toString()).toContain('lang="de-DE"');
  });

  it('leaves the paths below a site that other routes answer, and redirects, to Express', async () => {
    for (const [path, status] of [
      ['/us/en/search', 200],
      ['/us/en/privacy/request', 200],
      ['/us/en/email-signup', 200],
      ['/us/en/privacy/versions.atom', 200],
      ['/us/en/privacy/', 301],
      ['/US/en/privacy', 301],
    ] as const) {
      const first = await ask(front, 'GET', path, br);
      const again = await ask(front, 'GET', path, br);
      expect([path, first.status, again.status]).toEqual([path, status, status]);
      expect([path, lastLog(path).front]).toEqual([path, undefined]);
    }
  });

  it('answers an unknown path 404 in the visitor language, and leaves known top-level paths to Express', async () => {
    const fr = await ask(front, 'GET', '/nope', { ...identity, 'accept-language': 'fr' });
    expect(fr.status).toBe(404);
    expect(fr.headers['content-language']).toMatch(/^fr/);
    expect(fr.headers['cache-control']).toBe('no-store');
    expect((await ask(front, 'GET', '/healthz', identity)).status).toBe(200);
    // Capitals are Express's to redirect to lower case, not a 404 of the front layer.
    const upper = await ask(front, 'GET', '/ROBOTS.TXT', identity);
    expect(upper.status).toBe(301);
    expect(upper.headers.location).toBe('/robots.txt');
    expect((await ask(front, 'GET', '/us', identity)).status).not.toBe(500);
  });
});

describe('the paths the front layer may answer 404 to', () => {
  it('include none that a route of the app answers', () => {
    const claimed: string[] = [];
    const walk = (stack: unknown[]) => {
      for (const layer of stack as { rawPath?: unknown; route?: { path: unknown; stack?: unknown[] }; handle?: { stack?: unknown[] } }[]) {
        const p = layer.route?.path ?? layer.rawPath;
        if (typeof p === 'string' && p !== '/' && p !== '') claimed.push(p);
        if (layer.handle?.stack) walk(layer.handle.stack);
        if (layer.route?.stack) walk(layer.route.stack);
      }
    };
    walk((built.express as unknown as { router: { stack: unknown[] } }).router.stack);
    expect(claimed.length).toBeGreaterThan(3);
    for (const p of claimed) {
      const segment = p.split('/')[1]!.toLowerCase();
      if (segment === '' || segment.startsWith(':')) continue;
      expect(TOP_LEVEL_PATHS.has(segment), p).toBe(true);
    }
  });

  it('include none below a site that a route of the app answers (every such route is in SITE_SUB_PATHS)', () => {
    const below: string[] = [];
    const walk = (stack: unknown[]) => {
      for (const layer of stack as { route?: { path: unknown; stack?: unknown[] }; handle?: { stack?: unknown[] } }[]) {
        const p = layer.route?.path;
        if (typeof p === 'string' && p.startsWith('/:cc/:lang/')) below.push(p.slice('/:cc/:lang'.length));
        // A pattern route may match below any site: its literal tail must be listed.
        if (p instanceof RegExp) below.push(p.source.replaceAll('\\/', '/').replace(/^\^/, '').replace(/\$$/, ''));
        if (layer.handle?.stack) walk(layer.handle.stack);
        if (layer.route?.stack) walk(layer.route.stack);
      }
    };
    walk((built.express as unknown as { router: { stack: unknown[] } }).router.stack);
    expect(below.length).toBeGreaterThan(5);
    for (const p of below)
      expect(
        SITE_SUB_PATHS.some((sub) => p.includes(sub)),
        p,
      ).toBe(true);
  });
});
