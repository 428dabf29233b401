import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { makeApp, viewsThatThrow } from './helpers.js';

const { app } = makeApp();
const broken = makeApp({ views: viewsThatThrow('privacy/statement') });

const CSP =
  "default-src 'none';script-src 'self';style-src 'self';img-src 'self';font-src 'self';connect-src 'self';" +
  "manifest-src 'self';form-action 'self';base-uri 'none';frame-ancestors 'none';object-src 'none';upgrade-insecure-requests";

function expectSecurityHeaders(res: request.Response) {
  expect(res.headers['content-security-policy']).toBe(CSP);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(res.headers['permissions-policy']).toContain('camera=()');
  expect(res.headers['x-powered-by']).toBeUndefined();
  // HSTS only where the site is served over HTTPS: the test origin is https://site.test.
  expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
}

describe('errors', () => {
  it('answers an unknown path with a 404 page inside the shell, in the visitor’s language', async () => {
    const res = await request(app).get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1>Page not found</h1>');
    expect(res.text).toContain('<header class="site-header">');
    expect(res.text).toContain('href="/us/en/regions"');
    expectSecurityHeaders(res);
  });

  it('answers an unknown page of a known region in that region’s site', async () => {
    const res = await request(app).get('/gb/en/nothing-here');
    expect(res.status).toBe(404);
    expect(res.text).toContain('href="/gb/en/regions"');
    expect(res.text).toContain('<html lang="en-GB"');
  });

  it('answers malformed percent-encoding with a 400 page', async () => {
    for (const path of ['/us/en/%E0%A4%A', '/%', '/us/%zz/privacy']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(400);
      expect(res.text).toContain('<h1>Bad request</h1>');
      expectSecurityHeaders(res);
    }
  });

  it.each(['development', 'production', 'test'])('reveals nothing in a 500 page (NODE_ENV=%s)', async (nodeEnv) => {
    const { app: failing } = makeApp({ views: viewsThatThrow('privacy/statement') }, { nodeEnv });
    const res = await request(failing).get('/us/en/privacy');
    expect(res.status).toBe(500);
    expect(res.text).toContain('<h1>Something went wrong</h1>');
    expect(res.text).not.toMatch(/secret failure|etc\/passwd|statement\.ejs|\bat \S+ \(|Error:/);
    expect(res.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(res);
  });

  it('answers other methods on a page with 405 and Allow', async () => {
    const res = await request(app).post('/us/en/privacy').send('x=1');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    const trace = await request(app).trace('/us/en/privacy');
    expect(trace.status).toBe(405);
  });

  it.each(['/', '/privacy', '/support', '/support/contact', '/regions'])(
    'answers TRACE, POST, PUT, DELETE and OPTIONS on the region-neutral %s with 405 and Allow',
    async (path) => {
      for (const method of ['trace', 'post', 'put', 'delete', 'options'] as const) {
        const res = await request(app)[method](path).set('Accept-Language', 'fr');
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
        expect(res.headers.location).toBeUndefined();
      }
      expect((await request(app).head(path).set('Accept-Language', 'fr')).status).toBe(302);
    },
  );

  it.each([
    '/robots.txt',
    '/sitemap.xml',
    '/sitemaps/home.xml',
    '/us/en/privacy/versions.atom',
    '/us/en/privacy/versions/compare',
    '/regions/choose',
    '/healthz',
    '/readyz',
    '/api/contacts',
    '/api/contacts/us',
    '/api/region-names',
    '/api/suggest',
  ])('answers every method but GET and HEAD on the read-only %s with 405 and Allow, OPTIONS included', async (path) => {
    for (const method of ['put', 'delete', 'post', 'patch', 'options', 'trace'] as const) {
      const res = await request(app)[method](path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow, `${method} ${path}`).toBe('GET, HEAD');
      // A page like every other error, or JSON under /api/; never Express's bare "GET, HEAD".
      expect(res.headers['content-type'], `${method} ${path}`).toMatch(path.startsWith('/api/') ? /^application\/json/ : /^text\/html/);
    }
    // GET is the path's own business (a missing parameter is a 400, say), never a 405.
    const get = await request(app).get(path);
    expect(get.status, `GET ${path}`).not.toBe(405);
    expect(get.status, `GET ${path}`).toBeLessThan(500);
  });

  it('keeps the error page’s own markup safe from the path', async () => {
    const res = await request(app).get('/%3Cscript%3Ealert(1)%3C/script%3E');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<script>alert');
  });

  it('still works after a failure', async () => {
    expect((await request(broken.app).get('/us/en/privacy')).status).toBe(500);
    expect((await request(broken.app).get('/us/en/')).status).toBe(200);
  });
});

describe('headers of pages', () => {
  it('sends the security headers, Content-Language equal to <html lang>, and cache validators', async () => {
    const res = await request(app).get('/us/en/privacy');
    expectSecurityHeaders(res);
    expect(res.headers['content-language']).toBe('en-US');
    expect(res.text).toContain('<html lang="en-US"');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
  });

  it('answers If-None-Match with 304', async () => {
    const first = await request(app).get('/us/en/privacy');
    const again = await request(app).get('/us/en/privacy').set('If-None-Match', String(first.headers.etag));
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('serves brotli and gzip when asked', async () => {
    const br = await request(app).get('/us/en/privacy').set('Accept-Encoding', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    const gz = await request(app).get('/us/en/privacy').set('Accept-Encoding', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toContain('<h1>Privacy statement</h1>');
  });

  it('builds absolute URLs from the configured origin, never from Host', async () => {
    const res = await request(app).get('/us/en/privacy').set('Host', 'evil.example');
    expect(res.text).toContain('<link rel="canonical" href="https://site.test/us/en/privacy">');
    expect(res.text).not.toContain('evil.example');
  });
});

describe('health and static files', () => {
  it('answers /healthz and /readyz', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.text).toBe('ok');
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await request(app).get('/readyz')).status).toBe(200);
  });

  it('serves fingerprinted assets for a year, immutable, with validators', async () => {
    const html = (await request(app).get('/us/en/')).text;
    const css = /<link rel="stylesheet" href="(\/assets\/css\/site\.[^"]+\.css)">/.exec(html)![1]!;
    const res = await request(app).get(css);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await request(app).get(css).set('If-None-Match', String(res.headers.etag));
    expect(again.status).toBe(304);
    expect((await request(app).get('/assets/css/site.css')).status).toBe(404);
    expect((await request(app).get('/assets/../package.json')).status).toBe(404);
  });

  it('uses no inline styles or scripts, so a page is the same bytes for everybody', async () => {
    const html = (await request(app).get('/us/en/privacy')).text;
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/<style/);
    expect(html.match(/<script(?![^>]*\ssrc=)(?![^>]*type="application\/ld\+json")/g)).toBeNull();
  });
});

describe('the front layer', () => {
  it('answers a cached page with the same status, headers and bytes as Express', async () => {
    const { app, page, site } = makeApp();
    const first = await request(app).get('/gb/en/privacy').set('Accept-Encoding', 'br');
    expect(page(site.registry.site('gb', 'en')!, 'privacy')).toBeDefined();
    const second = await request(app).get('/gb/en/privacy').set('Accept-Encoding', 'br');
    const strip = (h: Record<string, unknown>) => {
      const { date: _d, 'x-request-id': _id, connection: _c, 'keep-alive': _k, ...rest } = h;
      return rest;
    };
    expect(strip(second.headers)).toEqual(strip(first.headers));
    expect(second.text).toBe(first.text);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('echoes a well-formed X-Request-Id and replaces anything else', async () => {
    const { app } = makeApp();
    await request(app).get('/us/en/');
    const given = await request(app).get('/us/en/').set('X-Request-Id', 'edge-1234abcd');
    expect(given.headers['x-request-id']).toBe('edge-1234abcd');
    const junk = await request(app).get('/us/en/').set('X-Request-Id', '<script>');
    expect(junk.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sheds load with 503 and Retry-After while overloaded, but keeps answering health checks', async () => {
    const { app, state } = makeApp();
    state.overloaded = true;
    const res = await request(app).get('/us/en/privacy');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect((await request(app).get('/healthz')).status).toBe(200);
    state.overloaded = false;
    expect((await request(app).get('/us/en/privacy')).status).toBe(200);
  });

  it("answers a 503 under a site in that site's language, whatever the browser prefers", async () => {
    const { app, state } = makeApp();
    state.overloaded = true;
    const th = await request(app).get('/th/th/privacy/request').set('Accept-Language', 'en-US,en;q=0.9');
    const sa = await request(app).get('/sa/ar/support').set('Accept-Language', 'th');
    const bare = await request(app).get('/nope').set('Accept-Language', 'th');
    state.overloaded = false;
    expect(th.status).toBe(503);
    expect(th.text).toMatch(/<html lang="th-TH"/);
    expect(th.headers['content-language']).toBe('th-TH');
    expect(th.headers.vary ?? '').not.toMatch(/Accept-Language/);
    expect(sa.status).toBe(503);
    expect(sa.text).toMatch(/<html lang="ar-SA" dir="rtl"/);
    expect(sa.text).toContain('href="/sa/ar/"');
    expect(sa.text).not.toContain('href="/th/th/"');
    // Outside any site the visitor's languages are all there is to go on.
    expect(bare.text).toMatch(/<html lang="th-TH"/);
    expect(bare.headers.vary).toMatch(/Accept-Language/);
  });

  it('flips /readyz to 503 and closes connections after each answer while draining', async () => {
    const { app, state } = makeApp();
    await request(app).get('/us/en/privacy');
    state.draining = true;
    expect((await request(app).get('/readyz')).status).toBe(503);
    expect((await request(app).get('/healthz')).status).toBe(200);
    const page = await request(app).get('/us/en/privacy');
    expect(page.status).toBe(200);
    expect(page.headers.connection).toBe('close');
    const miss = await request(app).get('/us/en/support');
    expect(miss.headers.connection).toBe('close');
  });
});
