import fs from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseAcceptLanguage } from '../src/regions/match.js';
import { redirectRules } from '../src/regions/redirect-rules.js';
import { regionData } from '../src/regions/registry-data.js';
import { buildRegistry } from '../src/regions/registry.js';
import { selectorSites } from '../src/regions/names.js';
import { hrefs, makeApp } from './helpers.js';

const { app, site } = makeApp();
const registry = site.registry;

const seedLine = fs
  .readFileSync(new URL('./fixtures/seed-page.txt', import.meta.url), 'utf8')
  .split('\n')
  .find((l) => l.startsWith('Selected Country/Region '))!
  .slice('Selected Country/Region '.length)
  .trim();

describe('the region registry', () => {
  it('holds every entry of the seed’s selector, in order, once: 133 entries, 129 regions, and 6 added French sites', () => {
    const entries = selectorSites(registry);
    expect(entries).toHaveLength(133 + 6);
    expect(registry.regions).toHaveLength(129);
    const seedNames = registry.regions.flatMap((r) => r.languages.filter((l) => l.seedName).map((l) => l.seedName!));
    // Reading the seed line from the start, one registry name at a time, uses every name once and spells it out.
    const unused = new Set(seedNames);
    let rest = seedLine;
    while (rest.length > 0) {
      const next = [...unused].filter((n) => rest.startsWith(n)).sort((a, b) => b.length - a.length)[0];
      expect(next, `no registry entry at "${rest.slice(0, 30)}"`).toBeDefined();
      unused.delete(next!);
      rest = rest.slice(next!.length);
    }
    expect([...unused]).toEqual([]);
    expect(seedNames).toHaveLength(133);
  });

  it.each([
    ['Deutschland', 'de', 'de'],
    ['Swaziland', 'sz', 'en'],
    ['Gambia, The', 'gm', 'en'],
    ['Western Sahara', 'eh', 'ar'],
    ['Japan', 'jp', 'ja'],
    ['Brazil', 'br', 'pt'],
    ['México', 'mx', 'es'],
    ['Saudi Arabia', 'sa', 'ar'],
    ['Belgium - Dutch', 'be', 'nl'],
    ['Belgium - Francais', 'be', 'fr'],
    ['Canada - English', 'ca', 'en'],
    ['Canada - Français', 'ca', 'fr'],
    ['Switzerland - Deutsch', 'ch', 'de'],
    ['Switzerland - Français', 'ch', 'fr'],
    ['Hong Kong S.A.R of China - English', 'hk', 'en'],
    ['Hong Kong S.A.R of China - 繁體中文', 'hk', 'zh'],
    ['United Kingdom', 'gb', 'en'],
  ])('codes the seed’s "%s" as /%s/%s/ and serves it', async (name, cc, lang) => {
    const region = registry.region(cc)!;
    expect(region.languages.find((l) => l.seedName === name)?.lang).toBe(lang);
    const res = await request(app).get(`/${cc}/${lang}/`);
    expect(res.status).toBe(200);
  });

  it('serves every seed entry’s home page, and English for every region', async () => {
    for (const s of selectorSites(registry)) {
      const res = await request(app).get(`${s.prefix}/`);
      expect(res.status, s.prefix).toBe(200);
    }
    for (const r of registry.regions) expect(registry.site(r.code, 'en'), r.code).toBeDefined();
  });

  it('maps sites to full locales', () => {
    expect(registry.site('be', 'fr')!.locale).toBe('fr-BE');
    expect(registry.site('hk', 'zh')!.locale).toBe('zh-Hant-HK');
    expect(registry.site('cn', 'zh')!.locale).toBe('zh-Hans-CN');
    expect(registry.site('us', 'en')!.locale).toBe('en-US');
    expect(registry.region('us')!.timeZone).toBe('America/New_York');
  });

  it('stops the start with a message naming a broken entry', () => {
    const broken = regionData.map((r) => (r.code === 'fr' ? { ...r, timeZone: 'Europe/Nowhere' } : r));
    expect(() => buildRegistry(broken)).toThrow(/region #\d+ \(fr\) is invalid: timeZone/);
    const twice = [...regionData, regionData[0]];
    expect(() => buildRegistry(twice)).toThrow(/"ae" is listed twice/);
    const noEnglish = regionData.map((r) => (r.code === 'jp' ? { ...r, languages: [{ lang: 'ja', locale: 'ja-JP' }] } : r));
    expect(() => buildRegistry(noEnglish)).toThrow(/\(jp\) is invalid: .*every region offers English/);
  });
});

describe('Accept-Language', () => {
  it('parses q-values, wildcards and junk', () => {
    expect(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en', 'de']);
    expect(parseAcceptLanguage('en;q=0.1, ja')).toEqual(['ja', 'en']);
    expect(parseAcceptLanguage('de;q=0, it')).toEqual(['it']);
    expect(parseAcceptLanguage('!!!, zh-hant-tw')).toEqual(['zh-Hant-TW']);
    expect(parseAcceptLanguage('x'.repeat(5000))).toEqual([]);
  });

  it.each([
    ['fr-CA', '/ca/fr/'],
    ['de-CH', '/ch/de/'],
    ['zh-HK', '/hk/zh/'],
    ['pt-BR', '/br/pt/'],
    ['fr', '/fr/fr/'],
    ['zh-TW', '/tw/zh/'],
    ['zh-Hant', '/tw/zh/'],
    ['zh-CN', '/cn/zh/'],
    ['ja-JP,en;q=0.5', '/jp/ja/'],
    ['en-GB', '/gb/en/'],
    ['nl-BE', '/be/nl/'],
    ['fr-BE', '/be/fr/'],
    ['tlh', '/us/en/'],
    ['*', '/us/en/'],
  ])('redirects / with Accept-Language %s to %s', async (header, target) => {
    const res = await request(app).get('/').set('Accept-Language', header);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(target);
    expect(res.headers.vary).toBe('Cookie, Accept-Language');
    expect(res.headers['cache-control']).toBe('private, no-store');
  });
});

describe('region-neutral URLs', () => {
  it('keep the page and the query string', async () => {
    const res = await request(app).get('/support/contact?utm_source=mail&x=1').set('Accept-Language', 'de-DE');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/de/de/support/contact?utm_source=mail&x=1');
  });

  it('carry Vary even when the request lacked the headers', async () => {
    const res = await request(app).get('/privacy');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/us/en/privacy');
    expect(res.headers.vary).toBe('Cookie, Accept-Language');
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('answer a request with no clue at / with the chooser (200), the x-default', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<link rel="canonical" href="https://site.test/">');
    expect(res.text).toContain('<link rel="alternate" hreflang="x-default" href="https://site.test/">');
    expect(res.text).toContain('<link rel="alternate" hreflang="de-DE" href="https://site.test/de/de/">');
    expect(hrefs(res.text)).toContain('/jp/ja/');
    expect(res.headers.vary).toBe('Cookie, Accept-Language, Accept-Encoding');
  });

  it('honour a trusted edge country header only when configured', async () => {
    const trusting = makeApp({}, { edgeCountryHeader: 'cf-ipcountry' }).app;
    const res = await request(trusting).get('/privacy').set('CF-IPCountry', 'JP').set('Accept-Language', 'fr');
    expect(res.headers.location).toBe('/jp/ja/privacy');
    expect(res.headers.vary).toBe('Cookie, cf-ipcountry, Accept-Language');
    const ignoring = await request(app).get('/privacy').set('CF-IPCountry', 'JP').set('Accept-Language', 'fr');
    expect(ignoring.headers.location).toBe('/fr/fr/privacy');
  });
});

describe('choosing a region', () => {
  it('sets a cookie on the choosing request only, and lands on the page the visitor came from', async () => {
    const res = await request(app).get('/regions/choose?site=de-de&page=privacy');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/de/de/privacy');
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^region=de-de; Max-Age=31536000; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('is honoured by the next region-neutral link, before Accept-Language', async () => {
    const res = await request(app).get('/support/contact').set('Cookie', 'region=de-de').set('Accept-Language', 'fr-FR');
    expect(res.headers.location).toBe('/de/de/support/contact');
  });

  it('is ignored when the cookie names no site', async () => {
    for (const value of ['xx-yy', 'https://evil.example', '//evil.example', 'de-de; region=fr-fr', 'x'.repeat(5000)]) {
      const res = await request(app).get('/privacy').set('Cookie', `region=${value}`).set('Accept-Language', 'it');
      expect(res.headers.location, value).toBe('/it/it/privacy');
    }
  });

  it('never sets cookies on region pages', async () => {
    for (const path of ['/us/en/', '/us/en/privacy', '/de/de/regions', '/us/en/support/contact']) {
      const res = await request(app).get(path).set('Cookie', 'region=fr-fr');
      expect(res.headers['set-cookie'], path).toBeUndefined();
      expect(res.headers.vary, path).toBe('Accept-Encoding');
    }
  });

  it('works from the privacy page without JavaScript: the footer form keeps the page', async () => {
    const html = (await request(app).get('/us/en/privacy')).text;
    expect(html).toContain('<form class="region-form" action="/regions/choose" method="get">');
    expect(html).toContain('<input type="hidden" name="page" value="privacy">');
    expect(html).toMatch(/<option value="de-de" lang="de">Deutschland<\/option>/);
    expect(html).toMatch(/<option value="us-en" lang="en" selected>/);
    const res = await request(app).get('/regions/choose?site=be-fr&page=privacy');
    expect(res.headers.location).toBe('/be/fr/privacy');
  });

  it('accepts, for every site, the id its links and cookie are built with (one siteId/parseSiteId)', async () => {
    const html = (await request(app).get('/us/en/regions')).text;
    const ids = [...html.matchAll(/\/regions\/choose\?site=([^&"]+)/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) {
      const chosen = await request(app).get(`/regions/choose?site=${id}`);
      expect(chosen.status, id).toBe(303);
      const cookie = chosen.headers['set-cookie']![0]!.split(';')[0]!;
      expect(cookie, id).toBe(`region=${id}`);
      const back = await request(app).get('/privacy').set('Cookie', cookie).set('Accept-Language', 'ja');
      expect(back.headers.location, id).toBe(`${chosen.headers.location!.replace(/\/$/, '')}/privacy`);
    }
  });

  it('marks exactly the site being shown as selected in the footer, page after page', async () => {
    // The option list is shared by every site; each page marks its own entry.
    const pages: [string, string][] = [
      ['/us/en/', 'us-en'],
      ['/de/de/privacy', 'de-de'],
      ['/be/fr/support', 'be-fr'],
      ['/us/en/privacy', 'us-en'],
    ];
    for (const [path, value] of pages) {
      const html = (await request(app).get(path)).text;
      expect(html.match(/<option [^>]*selected>/g), path).toEqual([expect.stringContaining(`value="${value}"`)]);
    }
  });
});

describe('the selector page', () => {
  it('groups the seed’s entries by continent, each named in its own language, the current one marked', async () => {
    const res = await request(app).get('/us/en/regions');
    expect(res.status).toBe(200);
    expect(res.text.match(/<li data-site="[^"]*"><a href="\/regions\/choose\?site=/g)).toHaveLength(133 + 6);
    expect(res.text).toContain('<h2 id="continent-europe">Europe</h2>');
    expect(res.text).toContain('<span lang="de">Deutschland</span> <span class="selector__translation">(Germany)</span>');
    expect(res.text).toContain('<span lang="fr">Belgique – Français</span> <span class="selector__translation">(Belgium – French)</span>');
    expect(res.text).toContain('<span lang="zh-Hant">中國香港特別行政區 – 繁體中文</span>');
    expect(res.text).toMatch(/href="\/regions\/choose\?site=us-en" hreflang="en" aria-current="true">/);
  });

  it('leads each entry to the page the visitor came from', async () => {
    const res = await request(app).get('/us/en/regions?from=privacy');
    expect(res.text).toContain('href="/regions/choose?site=jp-ja&amp;page=privacy"');
    const junk = await request(app).get('/us/en/regions?from=//evil.example');
    expect(junk.text).toContain('href="/regions/choose?site=jp-ja"');
  });
});

describe('normalisation and redirect rules', () => {
  it.each([
    ['/US/EN/Privacy', '/us/en/privacy'],
    ['/us/en', '/us/en/'],
    ['/de/', '/de/de/'],
    ['/de', '/de/de/'],
    ['/jp/fr/privacy', '/jp/ja/privacy'],
    ['/de/privacy', '/de/de/privacy'],
    ['/uk/en/privacy', '/gb/en/privacy'],
    ['/uk/', '/gb/en/'],
    ['/us/en/privacy/', '/us/en/privacy'],
    ['/be/', '/be/nl/'],
    ['/hk/', '/hk/zh/'],
    // The query goes along.
    ['/US/EN/support/contact?for=de', '/us/en/support/contact?for=de'],
    ['/uk/en/support/contact?for=de', '/gb/en/support/contact?for=de'],
    ['/us/en/support/directory/?q=germany', '/us/en/support/directory?q=germany'],
    ['/US/EN/regions?from=privacy&section=cookies', '/us/en/regions?from=privacy&section=cookies'],
    ['/lenovo/us/en/privacy?x=%3Cy%3E', '/us/en/privacy?x=%3Cy%3E'],
  ])('redirects %s permanently to %s', async (from, to) => {
    const res = await request(app).get(from);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(to);
  });

  it.each(redirectRules.map((r) => [r.from, r.to, r.regions?.[0] ?? 'fr'] as const))('applies the rule %s → %s', async (from, to, cc) => {
    const site = registry.defaultSite(registry.region(cc)!);
    const path = from.replace(':cc', site.cc).replace(':lang', site.lang);
    const res = await request(app).get(path);
    expect(res.status).toBe(301);
    const target = { privacy: '/privacy', contact: '/support/contact', regions: '/regions' }[to as string];
    expect(res.headers.location).toBe(`${site.prefix}${target}`);
    expect((await request(app).get(res.headers.location as string)).status).toBe(200);
  });

  it.each([
    ['/Privacy', '/privacy'],
    ['/PRIVACY?x=1', '/privacy?x=1'],
    ['/Support/Contact', '/support/contact'],
    ['/REGIONS', '/regions'],
    ['/US/en/search?q=privacy', '/us/en/search?q=privacy'],
    ['/Robots.txt', '/robots.txt'],
    ['/SITEMAP.XML', '/sitemap.xml'],
    ['/API/contacts', '/api/contacts'],
    ['/NOPE', '/nope'],
    ['/US/EN/privacy', '/us/en/privacy'],
    ['/Lenovo/US/EN/privacy', '/us/en/privacy'],
    ['/UK/EN/support/contact?for=de', '/gb/en/support/contact?for=de'],
  ])('redirects the mixed-case %s permanently to lower case, in one hop: %s', async (from, to) => {
    const res = await request(app).get(from);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(to);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('leaves percent-escapes and fingerprinted assets as they are', async () => {
    expect((await request(app).get('/%3Cx%3E')).status).toBe(404);
    const css = /href="(\/assets\/css\/site\.[^"]+\.css)"/.exec((await request(app).get('/us/en/')).text)![1]!;
    expect((await request(app).get(css)).status).toBe(200);
  });

  it('applies a region’s own rule only in that region', async () => {
    expect((await request(app).get('/gb/en/privacy-notice')).headers.location).toBe('/gb/en/privacy');
    expect((await request(app).get('/fr/fr/privacy-notice')).status).toBe(404);
  });

  it('refuses, at start-up, a rule that chains, loops or lands nowhere', () => {
    expect(() => makeApp({ redirectRules: [{ from: '/:cc/:lang/privacy', to: 'privacy', reason: 'test' }] })).toThrow(/does not redirect/);
    expect(() => makeApp({ redirectRules: [{ from: '/:cc/:lang/x', to: 'nowhere' as never, reason: 'test' }] })).toThrow(/unknown page/);
    expect(() => makeApp({ redirectRules: [{ from: '/:cc/:lang/x', to: 'privacy', regions: ['zz'], reason: 'test' }] })).toThrow(
      /unknown region/,
    );
    expect(() => makeApp({ redirectRules: [{ from: '/:cc/:lang/x', to: 'privacy', reason: ' ' }] })).toThrow(/gives no reason/);
  });

  it('answers an unknown region with a 404 page linking to the selector, in the visitor’s language', async () => {
    const res = await request(app).get('/zz/en/privacy').set('Accept-Language', 'en-GB');
    expect(res.status).toBe(404);
    expect(hrefs(res.text)).toContain('/gb/en/regions');
  });
});

describe('for crawlers', () => {
  it('gives the same hreflang alternates in a page’s head, in its sitemap and, for homes, at the chooser', async () => {
    const pairs = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => `${m[1]} ${m[2]}`).sort();
    const head = pairs((await request(app).get('/be/fr/privacy')).text, /<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g);
    const xml = (await request(app).get('/sitemaps/privacy.xml')).text;
    const entry = xml.slice(xml.indexOf('<loc>https://site.test/be/fr/privacy</loc>'));
    const inSitemap = pairs(entry.slice(0, entry.indexOf('</url>')), /<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g);
    expect(inSitemap).toEqual(head);
    const homeHead = pairs((await request(app).get('/be/fr/')).text, /<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g);
    const chooser = pairs((await request(app).get('/')).text, /<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g);
    expect(chooser).toEqual(homeHead);
  });

  it('puts a canonical link and hreflang alternates of every region version in the head', async () => {
    const html = (await request(app).get('/be/fr/privacy')).text;
    expect(html).toContain('<link rel="canonical" href="https://site.test/be/fr/privacy">');
    const alternates = [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)];
    expect(alternates).toHaveLength(registry.sites.length + 1);
    expect(alternates.map((a) => a[1])).toContain('zh-Hant-HK');
    expect(alternates.find((a) => a[1] === 'x-default')![2]).toBe('https://site.test/');
  });

  it('lists every region page with its alternates in the sitemap, named in robots.txt', async () => {
    const robots = await request(app).get('/robots.txt');
    expect(robots.text).toContain('Sitemap: https://site.test/sitemap.xml');
    const index = await request(app).get('/sitemap.xml');
    expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
    const maps = [...index.text.matchAll(/<loc>https:\/\/site\.test(\/sitemaps\/[^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(maps).toContain('/sitemaps/privacy.xml');
    expect(maps).toContain('/sitemaps/category-products~laptops.xml');
    const privacy = await request(app).get('/sitemaps/privacy.xml');
    expect(privacy.text.match(/<loc>/g)).toHaveLength(registry.sites.length);
    expect(privacy.text).toContain('<loc>https://site.test/jp/ja/privacy</loc>');
    expect(privacy.text).toContain('<xhtml:link rel="alternate" hreflang="ja-JP" href="https://site.test/jp/ja/privacy"/>');
    const deals = await request(app).get('/sitemaps/category-deals.xml');
    expect(deals.text.match(/<loc>/g)).toHaveLength(1);
    for (const m of maps) expect((await request(app).get(m)).status, m).toBe(200);
  });
});

describe('hostile input', () => {
  const hostile = [
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    '/%2F%2Fevil.example',
    'javascript:alert(1)',
    'de-de%0d%0aSet-Cookie:%20x=1',
    'x'.repeat(5000),
    '<script>alert(1)</script>',
  ];

  it.each(hostile)('keeps the visitor on the site when the chooser gets %s', async (value) => {
    for (const url of [
      `/regions/choose?site=${encodeURIComponent(value)}`,
      `/regions/choose?site=de-de&page=${encodeURIComponent(value)}`,
      `/us/en/regions?from=${encodeURIComponent(value)}`,
      `/privacy?next=${encodeURIComponent(value)}`,
    ]) {
      const res = await request(app).get(url).set('Referer', value.slice(0, 200)).set('Accept-Language', 'en');
      expect(res.status, url).toBeLessThan(500);
      if (res.headers.location) expect(res.headers.location, url).toMatch(/^\/[a-z]/);
      expect(res.text, url).not.toContain('<script>alert');
      expect(res.headers['set-cookie']?.[0] ?? '', url).not.toContain('x=1');
    }
  });

  // One parse of a path's site (Resolver.site): the forms, the statement's feed and search used to read the
  // decoded route parameters, so `/%75s/en/email-signup` served the us/en form while `/%75s/en/privacy` was a 404.
  it.each(['/email-signup', '/privacy/request', '/privacy/versions.atom', '/search', '/privacy'])(
    'answers %s under a site prefix only as written: /us/en, not /US/en nor /%75s/en',
    async (page) => {
      expect((await request(app).get(`/us/en${page}`)).status).toBe(200);
      expect((await request(app).get(`/%75s/en${page}`)).status).toBe(404);
      const upper = await request(app).get(`/US/en${page}`);
      expect(upper.status === 404 || upper.headers.location === `/us/en${page}`, `${upper.status} ${upper.headers.location}`).toBe(true);
    },
  );

  it('refuses a parameter given twice', async () => {
    const res = await request(app).get('/regions/choose?site=de-de&site=fr-fr');
    expect(res.status).toBe(400);
  });

  it.each(['//evil.example', '/\\evil.example', '/%2F%2Fevil.example', '/%5Cevil.example', '/..%2F..%2Fetc%2Fpasswd'])(
    'never redirects off-site from the path %s',
    async (path) => {
      const res = await request(app).get(path).set('Accept-Language', 'en');
      expect(res.status).toBeLessThan(500);
      if (res.headers.location) expect(res.headers.location).toMatch(/^\/[a-z]/);
    },
  );
});
