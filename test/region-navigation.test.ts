// Issue 12, items 3–5: navigation per region, no dead ends, a region list that reads sorted.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../src/config.js';
import { navigationData, shopPaths, socialLinks, supportPaths } from '../src/shell/navigation-data.js';
import { buildNavigation, NavigationError, type NavNodeInput } from '../src/shell/navigation.js';
import { hrefs, makeApp, ROOT } from './helpers.js';

const SUPPORT = 'https://help.example.test';
const { app, site } = makeApp({}, { supportBaseUrl: SUPPORT });
const registry = site.registry;

const CRAWL_SITES = ['us/en', 'de/de', 'jp/ja', 'fr/fr', 'sa/ar', 'cn/zh'];
const START_PAGES = ['/', '/privacy', '/support/contact'];
const BLOCKED_IN_CN = /^https?:\/\/([a-z0-9-]+\.)*(facebook|twitter|x|youtube|pinterest|flickr)\.com(\/|$)/;
const US_ONLY_IDS = ['state-local-government', 'federal-government', 'k12-education', 'military'];

interface Page {
  status: number;
  html: string;
  /** Only HTML pages are judged by the heading rule; a feed (versions.atom) is data for readers, not a page. */
  isHtml: boolean;
}

const pages = new Map<string, Promise<Page>>();

/** GET a path, following one same-site redirect. */
function get(url: string): Promise<Page> {
  let page = pages.get(url);
  if (!page) {
    page = (async () => {
      let res = await request(app).get(url);
      if (res.status >= 300 && res.status < 400 && typeof res.headers.location === 'string' && res.headers.location.startsWith('/')) {
        res = await request(app).get(res.headers.location);
      }
      return { status: res.status, html: res.text, isHtml: /^text\/html\b/.test(String(res.headers['content-type'])) };
    })();
    pages.set(url, page);
  }
  return page;
}

function internalPath(href: string): string | undefined {
  const origin = site.config.siteOrigin;
  const link = href.startsWith(`${origin}/`) ? href.slice(origin.length) : href;
  if (!link.startsWith('/') || link.startsWith('//')) return undefined;
  return link.split('#')[0];
}

function mainOf(html: string): string {
  return /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
}

function words(text: string, locale: string): number {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).length;
}

/**
 * The rule for "a page that is only its heading": remove the <h1> and the breadcrumb from <main>; what
 * remains must hold at least one link to another page, or 40 words of text (words as Intl.Segmenter
 * counts them, so that Japanese and Chinese count too). A category page must also link every entry it
 * lists: a list of plain labels is no content.
 */
function hollowReason(url: string, html: string, locale: string): string | undefined {
  const main = mainOf(html)
    .replace(/<h1\b[\s\S]*?<\/h1>/, '')
    .replace(/<nav class="breadcrumb"[\s\S]*?<\/nav>/, '');
  const own = url.split('?')[0];
  const links = hrefs(main).filter((h) => h.split('#')[0] !== own && !h.startsWith('#'));
  const text = main.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');
  if (links.length === 0 && words(text, locale) < 40) return 'main content is only its heading';
  if (/class="category__list"/.test(main) && /<li[^>]*>\s*<span/.test(main)) return 'lists entries without links';
  return undefined;
}

/** Which entries are aliases of each other in the navigation data (by entry id; social entries as `social:{id}`). */
function aliasPairs(): Set<string> {
  const pairs = new Set<string>();
  const walk = (nodes: readonly NavNodeInput[]) => {
    for (const n of nodes) {
      if (n.aliasOf) {
        const target = n.aliasOf.startsWith('social:') ? n.aliasOf : n.aliasOf.split('/').pop()!;
        pairs.add(`${n.id}|${target}`).add(`${target}|${n.id}`);
      }
      walk(n.children ?? []);
    }
  };
  walk(navigationData);
  return pairs;
}

/** Every navigation link of a page: its destination and the entry (data-nav) it stands for. */
function navLinks(html: string): { href: string; entry: string }[] {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*\sdata-nav="([^"]*)"/g)].map((m) => {
    const nav = m[2]!;
    return { href: m[1]!.replace(/&amp;/g, '&'), entry: nav.startsWith('social:') ? nav : nav.split('/').pop()! };
  });
}

describe('no dead ends (crawl from home, privacy and contact, two levels deep)', () => {
  it('finds no page that is only its heading, no duplicate destinations under different names, no US-only entry off the US site, no network cn blocks', async () => {
    const problems: string[] = [];
    const aliases = aliasPairs();
    let crawled = 0;
    for (const id of CRAWL_SITES) {
      const s = registry.sites.find((x) => x.prefix === `/${id}`)!;
      const seen = new Set<string>();
      /** destination → entries that lead there, on this site */
      const destinations = new Map<string, Set<string>>();
      let level = START_PAGES.map((p) => `${s.prefix}${p}`);
      for (let depth = 0; depth <= 2 && level.length > 0; depth++) {
        const next = new Set<string>();
        const answers = await Promise.all(level.map(async (url) => ({ url, page: await get(url) })));
        for (const { url, page } of answers) {
          seen.add(url);
          crawled++;
          if (page.status !== 200) {
            problems.push(`${url}: answers ${page.status}`);
            continue;
          }
          // Pages of other sites (the selector's links) are checked by their own crawl.
          const lang = /<html lang="([^"]+)"/.exec(page.html)?.[1] ?? 'en';
          const onThisSite = url.startsWith(`${s.prefix}/`);
          if (onThisSite && page.isHtml) {
            const hollow = hollowReason(url, page.html, lang);
            if (hollow) problems.push(`${url}: ${hollow}`);
            // i18next's text for a key that names a group of strings instead of one: a code error on the page.
            const keyError = /key (?:'|&#39;)[^&']*(?:'|&#39;) returned an object instead of string/.exec(page.html);
            if (keyError) problems.push(`${url}: shows "${keyError[0]}"`);
            for (const l of navLinks(page.html)) {
              const set = destinations.get(l.href) ?? new Set<string>();
              destinations.set(l.href, set.add(l.entry));
              if (s.cc !== 'us' && US_ONLY_IDS.includes(l.entry)) problems.push(`${url}: US-only entry ${l.entry}`);
            }
            if (s.cc !== 'us' && /data-nav="deals/.test(page.html)) problems.push(`${url}: links the US Deals`);
            if (s.cc === 'cn')
              for (const h of hrefs(page.html)) if (BLOCKED_IN_CN.test(h)) problems.push(`${url}: links ${h}, blocked in China`);
          }
          if (depth === 2) continue;
          for (const href of hrefs(page.html)) {
            const target = internalPath(href);
            if (target && !seen.has(target) && !target.startsWith('/assets/')) next.add(target);
          }
        }
        level = [...next].filter((u) => !seen.has(u));
      }
      for (const [href, entries] of destinations) {
        const list = [...entries];
        for (const a of list) {
          for (const b of list) {
            if (a < b && !aliases.has(`${a}|${b}`)) problems.push(`${id}: "${a}" and "${b}" both lead to ${href}`);
          }
        }
      }
    }
    expect(crawled).toBeGreaterThan(CRAWL_SITES.length * 20);
    expect(problems.slice(0, 40), `${problems.length} problems`).toEqual([]);
  }, 240_000);

  it('the rule catches a page that is only its heading, and a category page of plain labels', () => {
    expect(hollowReason('/x', '<main><h1>Investor Relations</h1></main>', 'en')).toBe('main content is only its heading');
    expect(hollowReason('/x', '<main><h1>Jobs</h1><p><a href="/x#top">here</a></p></main>', 'en')).toBe('main content is only its heading');
    expect(
      hollowReason(
        '/x',
        '<main><h1>About</h1><ul class="category__list"><li id="a"><span class="category__name">Culture and history of the company in many words</span></li></ul></main>',
        'en',
      ),
    ).toBeDefined();
    expect(
      hollowReason('/x', '<main><h1>About</h1><ul class="category__list"><li><a href="/y">Culture</a></li></ul></main>', 'en'),
    ).toBeUndefined();
  });
});

describe('navigation per region', () => {
  it('shows the US public-sector entries and Deals on the US site only, in header, footer and category pages', async () => {
    const us = (await request(app).get('/us/en/privacy')).text;
    for (const id of ['for-work/state-local-government', 'shop-by-industry/military', 'deals']) expect(us).toContain(`data-nav="${id}`);
    for (const prefix of ['/ca/en', '/gb/en', '/jp/ja', '/fr/fr', '/de/de']) {
      const html = (await request(app).get(`${prefix}/privacy`)).text;
      for (const id of US_ONLY_IDS) expect(html, `${prefix} ${id}`).not.toMatch(new RegExp(`data-nav="[^"]*/${id}"`));
      const forWork = (await request(app).get(`${prefix}/for-work`)).text;
      expect(forWork).toContain(`data-nav="for-work/small-business"`);
      expect(forWork).not.toContain('federal-government');
      expect((await request(app).get(`${prefix}/deals`)).status).toBe(404);
    }
    expect((await request(app).get('/jp/ja/privacy')).text).not.toContain('連邦政府');
    expect((await request(app).get('/fr/fr/privacy')).text).not.toContain('Gouvernement fédéral');
  });

  it('offers cn/zh no network mainland China blocks, and ru no network Russia blocks; others keep them', async () => {
    const cn = (await request(app).get('/cn/zh/privacy')).text;
    for (const h of hrefs(cn)) expect(BLOCKED_IN_CN.test(h), h).toBe(false);
    expect(cn).toContain('https://forums.lenovo.com/');
    const ru = (await request(app).get('/ru/ru/privacy')).text;
    expect(ru).not.toMatch(/facebook\.com|twitter\.com/);
    expect(ru).toContain('https://www.youtube.com/lenovo');
    const de = (await request(app).get('/de/de/privacy')).text;
    for (const n of ['facebook', 'twitter', 'youtube', 'pinterest', 'flickr']) expect(de).toContain(`data-nav="social:${n}"`);
  });

  it('marks every navigation entry that leaves the site, and links the technical support cards to SUPPORT_BASE_URL', async () => {
    const html = (await request(app).get('/de/de/support')).text;
    for (const area of ['pc', 'servers', 'storage', 'accessories']) {
      const card = new RegExp(`id="technical-${area}"><h3><a href="${SUPPORT}/de/de/${supportPaths[area]}" class="external"`);
      expect(html).toMatch(card);
    }
    for (const page of ['/us/en/privacy', '/jp/ja/products/laptops', '/sa/ar/about']) {
      const text = (await request(app).get(page)).text;
      // Navigation entries (data-nav): the header's utility links and the statement's own links are not covered here.
      for (const m of text.matchAll(/<a href="(https?:[^"]*)"([^>]*data-nav="[^"]*"[^>]*)>([\s\S]*?)<\/a>/g)) {
        if (m[1]!.startsWith(site.config.siteOrigin)) continue;
        expect(m[2], `${page}: ${m[1]}`).toMatch(/class="external"/);
        expect(m[3], `${page}: ${m[1]}`).toMatch(/class="visually-hidden"/);
      }
    }
  });

  it('links product series to the shop, and the footer’s Terms of Use to the shop’s terms', async () => {
    const html = (await request(app).get('/jp/ja/products/laptops')).text;
    expect(html).toContain(`href="${site.config.shopBaseUrl}/jp/ja/laptops/thinkpad-t" class="external"`);
    expect(html).toContain(
      `href="${site.config.shopBaseUrl}/jp/ja/${shopPaths['terms-of-use']}" class="external" rel="noopener">ご利用条件`,
    );
  });
});

describe('the navigation data is validated at start-up', () => {
  const data = { tree: navigationData as unknown[], shopPaths, supportPaths, social: socialLinks as unknown[] };
  const isRegion = (cc: string) => registry.region(cc) !== undefined;
  const build =
    (tree: unknown[], social: unknown[] = data.social) =>
    () =>
      buildNavigation({ ...data, tree, social }, isRegion);

  it('accepts the shipped data', () => {
    expect(build(data.tree)).not.toThrow();
  });

  it('stops on an entry that leads nowhere, naming the file and the entry', () => {
    expect(build([{ id: 'about', children: [{ id: 'culture' }] }])).toThrow(
      new NavigationError(
        'src/shell/navigation-data.ts: entry "about/culture" has no link: every entry must lead somewhere a visitor can use',
      ),
    );
  });

  it('stops on an unknown region, a bad shop path, an http link and a bad blocked region', () => {
    expect(build([{ id: 'a', children: [{ id: 'b', link: { shop: 'x' }, regions: ['zz'] }] }])).toThrow(
      /entry "a\/b" names unknown region "zz"/,
    );
    expect(build([{ id: 'a', children: [{ id: 'b', link: { shop: '../x' } }] }])).toThrow(/entry "a\/b" is invalid/);
    expect(build([{ id: 'a', children: [{ id: 'b', link: { external: 'http://x.example/' } }] }])).toThrow(/entry "a\/b" is invalid/);
    expect(build(data.tree, [{ id: 'facebook', href: 'https://facebook.com/x', blockedIn: ['qq'] }])).toThrow(
      /entry "social:facebook" names unknown region "qq"/,
    );
  });

  it('stops on two names for one destination unless the data names the alias', () => {
    const two = [
      {
        id: 'c',
        children: [
          { id: 'help', link: { page: 'support' } },
          { id: 'support', link: { page: 'support' } },
        ],
      },
    ];
    expect(build(two)).toThrow(/entry "c\/support" leads to the same place as "c\/help" \(page:support\)/);
    const aliased = [
      {
        id: 'c',
        children: [
          { id: 'help', link: { page: 'support' }, aliasOf: 'c/support' },
          { id: 'support', link: { page: 'support' } },
        ],
      },
    ];
    expect(build(aliased)).not.toThrow();
    expect(build([{ id: 'c', children: [{ id: 'help', link: { page: 'support' }, aliasOf: 'c/nothing' }] }])).toThrow(
      /alias of unknown entry "c\/nothing"/,
    );
  });

  it('reads SUPPORT_BASE_URL like SHOP_BASE_URL', () => {
    expect(loadConfig({}).supportBaseUrl).toBe('https://support.lenovo.com');
    expect(loadConfig({ SUPPORT_BASE_URL: 'https://help.example/' }).supportBaseUrl).toBe('https://help.example');
    expect(() => loadConfig({ SUPPORT_BASE_URL: 'ftp://x' })).toThrow(ConfigError);
  });
});

describe('the HTML site map', () => {
  it('lists every page of the site in its language, and is in the sitemaps', async () => {
    const us = await request(app).get('/us/en/sitemap');
    expect(us.status).toBe(200);
    const links = hrefs(mainOf(us.text));
    for (const p of [
      '/us/en/',
      '/us/en/privacy',
      '/us/en/privacy/request',
      '/us/en/support',
      '/us/en/support/contact',
      '/us/en/support/directory',
      '/us/en/regions',
      '/us/en/email-signup',
      '/us/en/deals',
      '/us/en/products/laptops',
      '/us/en/about',
    ]) {
      expect(links).toContain(p);
    }
    for (const route of site.navigation.categories.keys()) expect(links).toContain(`/us/en/${route}`);
    // The forms are named as their own pages name them, in the site's language.
    expect(mainOf(us.text)).toContain('<a href="/us/en/privacy/request">Privacy request</a>');
    expect(mainOf(us.text)).toContain('<a href="/us/en/email-signup">E-mail sign-up</a>');

    const de = await request(app).get('/de/de/sitemap');
    expect(de.text).toContain('<h1>Sitemap</h1>');
    expect(mainOf(de.text)).toContain('<a href="/de/de/privacy/request">Datenschutzanfrage</a>');
    expect(mainOf(de.text)).toContain('<a href="/de/de/email-signup">E-Mail-Anmeldung</a>');
    expect(hrefs(mainOf(de.text))).not.toContain('/de/de/deals');
    const cn = await request(app).get('/cn/zh/sitemap');
    expect(cn.text).toContain('<h1>网站地图</h1>');
    expect(cn.text).toMatch(/<html lang="zh-Hans/);

    for (const page of ['/us/en/privacy', '/sa/ar/privacy']) {
      const html = (await request(app).get(page)).text;
      expect(html).toContain(`href="${page.slice(0, 6)}/sitemap"`);
    }
    const xml = await request(app).get('/sitemaps/sitemap.xml');
    expect(xml.status).toBe(200);
    expect(xml.text).toContain(`<loc>${site.config.siteOrigin}/jp/ja/sitemap</loc>`);
    expect((await request(app).get('/sitemap.xml')).text).toContain('/sitemaps/sitemap.xml');
  });
});

/** The footer selector's groups: continent label and the option labels, in document order. */
function selectorGroups(html: string): { label: string; options: string[]; selected: string[] }[] {
  const select = /<select id="region-form-site"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
  return [...select.matchAll(/<optgroup label="([^"]*)">([\s\S]*?)<\/optgroup>/g)].map((g) => ({
    label: g[1]!,
    options: [...g[2]!.matchAll(/<option [^>]*>([^<]*)<\/option>/g)].map((o) => o[1]!.replace(/&amp;/g, '&')),
    selected: [...g[2]!.matchAll(/<option value="([^"]*)"[^>]* selected>/g)].map((o) => o[1]!),
  }));
}

describe('a region list that reads sorted', () => {
  const cases = [
    { prefix: '/us/en', locale: 'en', selected: 'us-en' },
    { prefix: '/de/de', locale: 'de', selected: 'de-de' },
    { prefix: '/fr/fr', locale: 'fr', selected: 'fr-fr' },
    { prefix: '/jp/ja', locale: 'ja', selected: 'jp-ja' },
    { prefix: '/sa/ar', locale: 'ar', selected: 'sa-ar' },
  ];
  for (const c of cases) {
    it(`sorts the footer selector by the names it shows, in ${c.locale} collation, by continent, current site selected`, async () => {
      const html = (await request(app).get(`${c.prefix}/privacy`)).text;
      const groups = selectorGroups(html);
      expect(groups.length).toBe(6);
      const collator = new Intl.Collator(c.locale);
      for (const g of groups) {
        const sorted = [...g.options].sort((a, b) => collator.compare(a, b));
        expect(g.options, g.label).toEqual(sorted);
      }
      expect(groups.flatMap((g) => g.selected)).toEqual([c.selected]);
      expect(groups.reduce((n, g) => n + g.options.length, 0)).toBe(139);
    });
  }

  it('reads as a visitor expects: Österreich among the O names in German, not after Australia or at the end', async () => {
    const europe = selectorGroups((await request(app).get('/de/de/privacy')).text).find((g) => g.label === 'Europa')!.options;
    const at = europe.indexOf('Österreich');
    expect(europe[at - 1]!.localeCompare('Österreich', 'de')).toBeLessThan(0);
    expect(europe.indexOf('Deutschland')).toBeLessThan(europe.indexOf('España'));
    expect(europe.indexOf('Österreich')).toBeLessThan(europe.indexOf('Polska'));
    expect(europe.indexOf('Österreich')).toBeGreaterThan(europe.indexOf('Norge'));
  });

  it('lays the /regions grid out down each column (CSS columns), in DOM order', () => {
    const css = fs.readFileSync(path.join(ROOT, 'public/css/site.css'), 'utf8');
    const rule = /\.selector__list \{([^}]*)\}/.exec(css)![1]!;
    expect(rule).toMatch(/columns:/);
    expect(rule).not.toMatch(/display:\s*grid/);
  });
});
