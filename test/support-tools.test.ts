// Issue 18 C, as a visitor's browser would ask: links for a customer in another country (`?for=`), open-now in the
// directory, the Support menu's data for open/closed, and a 404 that offers the site's search and main pages.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { renderError } from '../src/http/error-page.js';
import { fixtureLines } from './fixtures/contact-lines.js';
import { makeApp, textOf } from './helpers.js';

/** Intl puts narrow no-break spaces in times; tests compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ');

function appAt(iso: string, fixtures = true) {
  return makeApp({ ...(fixtures ? { contactLines: fixtureLines } : {}), now: () => Date.parse(iso) });
}

/** The value of each line's "link to this line" field, by line id. */
function lineLinks(html: string): Record<string, string> {
  return Object.fromEntries(
    [
      ...html.matchAll(
        /<textarea id="([a-z-]+)-link" class="deep-link__url" readonly rows="2" dir="ltr" spellcheck="false">([^<]*)<\/textarea>/g,
      ),
    ].map((m) => [m[1]!, m[2]!]),
  );
}

function labelOf(html: string, id: string): string {
  return new RegExp(`<label for="${id}-link">([^<]*)</label>`).exec(html)?.[1] ?? '';
}

describe('contact page: links for a customer in another country or region (?for=)', () => {
  // Wednesday 10:00 in New York.
  const { app } = appAt('2026-11-25T15:00:00Z');

  it('without a choice, gives the region-neutral links that follow the customer, and offers every region', async () => {
    const res = await request(app).get('/us/en/support/contact');
    expect(lineLinks(res.text)).toEqual({
      'order-help': 'https://site.test/support/contact#order-help',
      'existing-order': 'https://site.test/support/contact#existing-order',
      outlet: 'https://site.test/support/contact#outlet',
      payment: 'https://site.test/support/contact#payment',
    });
    const select = /<select id="customer-for" name="for">([\s\S]*?)<\/select>/.exec(res.text)![1]!;
    const values = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(values[0]).toBe('');
    // Every region once, and a region whose sites are in several languages once per language.
    expect(new Set(values.slice(1).map((v) => v!.slice(0, 2))).size).toBe(129);
    expect(values.slice(1).length).toBe(new Set(values.slice(1)).size);
    expect(select).toContain('<option value="de">Germany (Deutschland)</option>');
    expect(select).toContain('<option value="be-fr">Belgium – French (Belgique – Français)</option>');
    expect(select).toContain('<option value="be-nl">Belgium – Dutch (België – Nederlands)</option>');
    expect(select).toContain('<option value="" selected>');
    // Within a continent, ordered by name in the page's language, as the footer's selector is.
    const europe = /<optgroup label="Europe">([\s\S]*?)<\/optgroup>/.exec(select)![1]!;
    const names = [...europe.matchAll(/>([^<]+)<\/option>/g)].map((m) => m[1]!);
    expect(names).toEqual([...names].sort(new Intl.Collator('en-US').compare));
    expect(names.indexOf('Austria (Österreich)')).toBeLessThan(names.indexOf('Germany (Deutschland)'));
    expect(res.text).toContain('<form class="customer-links" action="/us/en/support/contact" method="get"');
  });

  it('gives each line’s link on that region’s site in its default language, and a plain page link where its site lacks the line', async () => {
    const res = await request(app).get('/us/en/support/contact?for=de');
    expect(res.status).toBe(200);
    // Germany (fixtures) has its own order-help and payment lines; its page has no outlet or existing-order section.
    expect(lineLinks(res.text)).toEqual({
      'order-help': 'https://site.test/de/de/support/contact#order-help',
      'existing-order': 'https://site.test/de/de/support/contact',
      outlet: 'https://site.test/de/de/support/contact',
      payment: 'https://site.test/de/de/support/contact#payment',
    });
    expect(labelOf(res.text, 'payment')).toBe('Link to this line (Germany)');
    expect(labelOf(res.text, 'outlet')).toBe('Link to the contact page (Germany); this line is not listed there');
    expect(res.text).toContain('<option value="de" selected>');
    // Copy copies what the field shows.
    expect(res.text).toContain('data-copy="https://site.test/de/de/support/contact#payment"');
    const swiss = lineLinks((await request(app).get('/us/en/support/contact?for=CH')).text);
    expect(swiss.payment).toBe('https://site.test/ch/de/support/contact#payment');
    const japan = await request(app).get('/fr/fr/support/contact?for=jp');
    expect(lineLinks(japan.text)['order-help']).toBe('https://site.test/jp/ja/support/contact');
    expect(labelOf(japan.text, 'order-help')).toBe('Lien vers la page de contact (Japon)\u00a0; cette ligne n’y figure pas');
  });

  it('links to the customer’s language where the region has several: French for a French-speaking Belgian', async () => {
    const french = await request(app).get('/us/en/support/contact?for=be-fr');
    expect(lineLinks(french.text).payment).toBe('https://site.test/be/fr/support/contact#payment');
    expect(labelOf(french.text, 'payment')).toBe('Link to this line (Belgium – French)');
    expect(french.text).toContain('<option value="be-fr" selected>');
    // The region alone is its default language, shown as such in the list; case does not matter.
    const region = await request(app).get('/us/en/support/contact?for=BE');
    expect(lineLinks(region.text).payment).toBe('https://site.test/be/nl/support/contact#payment');
    expect(region.text).toContain('<option value="be-nl" selected>');
    expect(lineLinks((await request(app).get('/us/en/support/contact?for=CA-FR')).text).payment).toBe(
      'https://site.test/ca/fr/support/contact#payment',
    );
    // A language the region has no site in is not recognised.
    const german = await request(app).get('/us/en/support/contact?for=be-de');
    expect(textOf(german.text)).toContain('This country or region was not recognised. Choose one from the list.');
  });

  it('is cacheable and the same for everyone who asks the same URL, as long as its open-now is right', async () => {
    const a = await request(app).get('/us/en/support/contact?for=de');
    const b = await request(app).get('/us/en/support/contact?for=de').set('Accept-Language', 'ja').set('Cookie', 'region=jp-ja');
    expect(b.text).toBe(a.text);
    expect(a.headers['cache-control']).toMatch(/^public, max-age=(\d+)$/);
    expect(Number(/max-age=(\d+)/.exec(a.headers['cache-control']!)![1])).toBeLessThanOrEqual(300);
    expect(a.headers['content-language']).toBe('en-US');
  });

  it('says plainly when the value names no region, with the region-neutral links, and reflects nothing', async () => {
    for (const value of ['zz', 'deu', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '12']) {
      const res = await request(app).get(`/us/en/support/contact?for=${value}`);
      expect(res.status).toBe(200);
      expect(textOf(res.text)).toContain('This country or region was not recognised. Choose one from the list.');
      expect(lineLinks(res.text).payment).toBe('https://site.test/support/contact#payment');
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('deu');
    }
    const empty = await request(app).get('/us/en/support/contact?for=');
    expect(textOf(empty.text)).not.toContain('not recognised');
    expect((await request(app).get('/us/en/support/contact?for=de&for=fr')).status).toBe(400);
  });
});

describe('directory: open-now per line, from the page clock', () => {
  it('says open or closed with the contact page’s words, and changes once the lines do', async () => {
    let now = Date.parse('2026-11-26T01:59:00Z'); // Wednesday 20:59 in New York
    const { app } = makeApp({ contactLines: fixtureLines, now: () => now });
    const open = await request(app).get('/us/en/support/directory');
    const openText = plain(textOf(open.text));
    expect(openText).toContain(
      'Help placing an order (855) 253-6686 then press 1 Open now — closes at 9:00 PM (Eastern Time, United States)',
    );
    // Payment closed at 17:30 and opens tomorrow.
    expect(openText).toContain('Payment issues (800) 426-3325 then press 3 Closed — opens Thursday 9:00 AM');
    // The page expires at the next change (21:00): shared caches keep it one minute.
    expect(open.headers['cache-control']).toBe('public, max-age=60');
    const contact = plain(textOf((await request(app).get('/us/en/support/contact')).text));
    expect(contact).toContain('Open now — closes at 9:00 PM (Eastern Time, United States)');
    now = Date.parse('2026-11-26T02:01:00Z');
    const closed = plain(textOf((await request(app).get('/us/en/support/directory')).text));
    expect(closed).toContain('Help placing an order (855) 253-6686 then press 1 Closed — opens Thursday 9:00 AM');
    expect(closed).not.toContain('Open now — closes at 9:00 PM (Eastern Time');
    // A filtered view says the same.
    const filtered = await request(app).get('/us/en/support/directory?q=germany');
    expect(plain(textOf(filtered.text))).toContain(
      '030 12345678 then press 1 Closed — opens today at 8:00 AM (Central European Time, Germany)',
    );
    expect(filtered.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
  });

  it('shows the German line open on Sunday morning and the US lines closed until Monday', async () => {
    const { app } = appAt('2026-11-29T09:00:00Z'); // Sunday 10:00 in Berlin, 04:00 in New York
    const text = plain(textOf((await request(app).get('/us/en/support/directory')).text));
    expect(text).toContain('030 12345678 then press 1 Open now — closes at 8:00 PM (Central European Time, Germany)');
    expect(text).toContain('(800) 426-3325 then press 3 Closed — opens Monday 9:00 AM');
  });

  it('groups the regions that share the shipped lines into one table, and links one region’s own page when filtered to it', async () => {
    const { app } = appAt('2026-11-25T15:00:00Z', false);
    const html = (await request(app).get('/us/en/support/directory')).text;
    expect(html.match(/<table class="directory__lines"/g)).toHaveLength(2);
    const shared = html.split('<section class="directory__group"')[2]!;
    expect(shared).toContain('the US lines');
    expect(shared.match(/<li class="directory__region"/g)).toHaveLength(128);
    // The shared table links region-neutrally; filtered down to one region, to that region's own page.
    expect(shared).toContain('data-copy="https://site.test/support/contact#payment"');
    const germany = (await request(app).get('/us/en/support/directory?q=deutschland')).text;
    expect(germany).toContain('data-copy="https://site.test/de/de/support/contact#payment"');
    expect(germany).not.toContain('data-copy="https://site.test/support/contact#payment"');
  });

  it('writes long links with a break opportunity only after a slash, and a Copy button with the whole link', async () => {
    const { app } = appAt('2026-11-25T15:00:00Z');
    const html = (await request(app).get('/us/en/support/directory?q=germany')).text;
    expect(html).toContain(
      '>https://site.test<wbr>/<wbr>de/<wbr>de/<wbr>support/<wbr>contact#payment</a>\n<span class="copy" hidden><button type="button" class="copy__button" data-copy="https://site.test/de/de/support/contact#payment">Copy</button>',
    );
  });
});

describe('Support menu: the hours as data, open/closed left to the browser', () => {
  it('carries each line’s schedule and the status words, and pages do not change with the clock', async () => {
    const morning = (await request(appAt('2026-11-25T15:00:00Z').app).get('/us/en/privacy')).text;
    const night = (await request(appAt('2026-11-26T04:00:00Z').app).get('/us/en/privacy')).text;
    const menu = (html: string) =>
      /<details class="mega__details" data-menu>\s*<summary class="mega__summary">Support[\s\S]*?<\/details>/.exec(html)![0];
    expect(menu(night)).toBe(menu(morning));
    const m = menu(morning);
    expect(m).toContain('data-open="Open now — closes at {t}"');
    expect(m).toContain('data-today="Closed — opens today at {t}"');
    expect(m).toContain('data-on="Closed — opens {d} {t}"');
    expect(m).toContain('data-time-in="{t} ({z})"');
    const schedules = [...m.matchAll(/data-schedule="([^"]*)" data-zone="([^"]*)" hidden><\/p>/g)].map((x) => ({
      data: JSON.parse(x[1]!.replace(/&#34;|&quot;/g, '"')) as unknown,
      zone: x[2],
    }));
    expect(schedules).toHaveLength(4);
    expect(schedules[0]).toEqual({
      data: {
        z: 'America/New_York',
        h: [
          [[1, 2, 3, 4, 5], '09:00', '21:00'],
          [[6], '09:00', '18:00'],
        ],
      },
      zone: 'Eastern Time, United States',
    });
    // Without JavaScript nothing claims open or closed: the status paragraphs are empty and hidden.
    expect(textOf(m)).not.toMatch(/Open now|Closed —/);
  });
});

describe('the 404 helps', () => {
  const { app } = makeApp();

  it.each([
    ['/us/en/no-such-page', '/us/en', 'Search this site', ['Go to the home page', 'Privacy statement', 'Support', 'Contact us']],
    ['/jp/ja/no-such-page', '/jp/ja', 'このサイト内を検索', ['ホームページへ移動', 'プライバシーに関する声明', 'お問い合わせ']],
    ['/de/de/support/nothing', '/de/de', 'Diese Website durchsuchen', ['Datenschutzerklärung', 'Support']],
  ])('%s offers the site’s search and its main pages in its language', async (path, prefix, searchLabel, names) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(404);
    const main = /<main[\s\S]*<\/main>/.exec(res.text)![0];
    expect(main).toContain(`<form class="error-page__search" action="${prefix}/search" method="get">`);
    expect(main).toContain(`<label class="visually-hidden" for="error-search-q">${searchLabel}</label>`);
    expect(main).toContain('<input id="error-search-q" name="q" type="search">');
    for (const page of ['/', '/privacy', '/support', '/support/contact', '/support/directory', '/regions', '/sitemap']) {
      expect(main).toContain(`href="${prefix}${page}"`);
    }
    for (const name of names) expect(textOf(main)).toContain(name);
  });

  it('is one page per site: the same bytes whatever the path, and the top-level 404 is the visitor’s site’s', async () => {
    const a = await request(app).get('/us/en/one');
    const b = await request(app).get('/us/en/two/three?x=%3Cb%3E');
    expect(b.text).toBe(a.text);
    const top = await request(app).get('/no-such-thing').set('Accept-Language', 'ja-JP');
    expect(top.status).toBe(404);
    expect(top.text).toContain('action="/jp/ja/search"');
    expect(top.text).toContain('href="/jp/ja/privacy"');
    // The search form works: it leads to the site's search page.
    const search = await request(app).get('/us/en/search?q=cookies');
    expect(search.status).toBe(200);
  });

  it('keeps a server error plain: no search or page list when the fault is ours', () => {
    const { site } = makeApp();
    const fallback = site.registry.fallbackSite;
    const main = (status: number) => /<main[\s\S]*<\/main>/.exec(renderError(site, fallback, status).html)![0];
    expect(main(500)).not.toContain('error-page__search');
    expect(main(503)).not.toContain('href="/us/en/privacy"');
    expect(main(404)).toContain('href="/us/en/privacy"');
    expect(renderError(site, fallback, 400).html).toContain('error-page__search');
  });
});
