import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { contactLineData } from '../src/support/contact-data.js';
import { buildContactBook, displayNumber } from '../src/support/contacts.js';
import { FRESH_CAP_MS, freshUntil, fromLocal, openState } from '../src/support/hours.js';
import { fixtureLines } from './fixtures/contact-lines.js';
import { hrefs, makeApp, textOf } from './helpers.js';

/** Intl puts narrow no-break spaces in times; tests compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ');

function appAt(iso: string) {
  return makeApp({ contactLines: fixtureLines, now: () => Date.parse(iso) });
}

describe('the shipped contact data', () => {
  it('is exactly the seed’s US lines', () => {
    const byKey = Object.fromEntries(contactLineData.map((l) => [l.id, l]));
    expect(Object.keys(byKey).sort()).toEqual(['existing-order', 'order-help', 'outlet', 'payment']);
    expect(byKey['order-help']).toMatchObject({ number: '+18552536686', option: 1, timeZone: 'America/New_York' });
    expect(byKey['order-help']!.hours).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '21:00' },
      { days: ['sat'], open: '09:00', close: '18:00' },
    ]);
    expect(byKey['existing-order']).toMatchObject({ number: '+18552536686', option: 2 });
    expect(byKey['existing-order']!.hours).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '21:00' },
      { days: ['sat'], open: '09:00', close: '17:30' },
    ]);
    expect(byKey.outlet).toMatchObject({ number: '+18776984465', option: 1 });
    expect(byKey.outlet!.hours).toEqual(byKey['order-help']!.hours);
    expect(byKey.payment).toMatchObject({ number: '+18004263325', option: 3 });
    expect(byKey.payment!.hours).toEqual([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:30' }]);
    for (const l of contactLineData) expect(l.regions).toEqual(['us']);
  });

  it('refuses a bad line at start-up, naming it', () => {
    const bad = [{ ...contactLineData[0]!, id: 'bad-line', number: '+1855' }];
    expect(() => buildContactBook(bad, () => true)).toThrow(/line #0 \(bad-line\) is invalid: number/);
    const unknown = [{ ...contactLineData[0]!, regions: ['zz'] }];
    expect(() => buildContactBook(unknown, (cc) => cc !== 'zz')).toThrow(/serves unknown region "zz"/);
    const zone = [{ ...contactLineData[0]!, timeZone: 'EST5EDT/Nowhere' }];
    expect(() => buildContactBook(zone, () => true)).toThrow(/timeZone/);
  });
});

describe('numbers', () => {
  it.each([
    ['+18552536686', 'US', 'us', '(855) 253-6686'],
    ['+18552536686', 'US', 'fr', '+1 855 253 6686'],
    ['+493012345678', 'DE', 'de', '030 12345678'],
    ['+493012345678', 'DE', 'at', '+49 30 12345678'],
    ['+81312345678', 'JP', 'jp', '03-1234-5678'],
  ])('writes %s as visitors of %s… in %s do: %s', (number, country, cc, shown) => {
    expect(displayNumber({ number, country }, cc)).toBe(shown);
  });
});

describe('open now', () => {
  const ny = contactLineData.find((l) => l.id === 'order-help')!;
  const state = (hours: typeof ny.hours, zone: string, iso: string) => {
    const s = openState(hours, zone, new Date(iso));
    return { open: s.open, next: s.nextChange?.toISOString() };
  };

  it.each([
    ['2026-11-25T15:00:00Z', true, '2026-11-26T02:00:00.000Z'], // Wednesday 10:00 EST, closes 21:00 EST
    ['2026-11-25T13:59:00Z', false, '2026-11-25T14:00:00.000Z'], // 08:59 EST, opens 09:00
    ['2026-11-29T15:00:00Z', false, '2026-11-30T14:00:00.000Z'], // Sunday: opens Monday 09:00 EST
    ['2026-03-08T12:00:00Z', false, '2026-03-09T13:00:00.000Z'], // spring-forward Sunday: Monday 09:00 is EDT
    ['2026-11-01T12:00:00Z', false, '2026-11-02T14:00:00.000Z'], // fall-back Sunday: Monday 09:00 is EST
    ['2026-03-07T22:59:00Z', true, '2026-03-07T23:00:00.000Z'], // Saturday before the switch, closes 18:00 EST
  ])('New York line at %s: open=%s, next change %s', (iso, open, next) => {
    expect(state(ny.hours, ny.timeZone, iso)).toEqual({ open, next });
  });

  const berlin = [{ days: ['sun'] as const, open: '08:00', close: '20:00' }].map((h) => ({ ...h, days: [...h.days] }));
  it.each([
    ['2026-03-29T05:30:00Z', false, '2026-03-29T06:00:00.000Z'], // Berlin spring forward: 08:00 CEST = 06:00 UTC
    ['2026-03-29T06:00:00Z', true, '2026-03-29T18:00:00.000Z'],
    ['2026-10-25T06:30:00Z', false, '2026-10-25T07:00:00.000Z'], // Berlin fall back: 08:00 CET = 07:00 UTC
    ['2026-10-25T18:59:00Z', true, '2026-10-25T19:00:00.000Z'],
  ])('Berlin Sunday line at %s: open=%s, next change %s', (iso, open, next) => {
    expect(state(berlin, 'Europe/Berlin', iso)).toEqual({ open, next });
  });

  it('shifts a wall-clock time skipped by DST forward by the jump, and resolves ordinary times', () => {
    expect(fromLocal(2026, 3, 8, 2 * 60 + 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(fromLocal(2026, 3, 8, 3 * 60, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(fromLocal(2026, 11, 1, 9 * 60, 'America/New_York').toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });
});

describe('/{cc}/{lang}/support/contact', () => {
  it('lists every line with its id, number, tel: links, option and hours in the line’s zone', async () => {
    const { app } = appAt('2026-11-25T15:00:00Z');
    const res = await request(app).get('/us/en/support/contact');
    expect(res.status).toBe(200);
    for (const id of ['order-help', 'existing-order', 'outlet', 'payment']) expect(res.text).toContain(`id="${id}"`);
    const links = hrefs(res.text);
    expect(links).toContain('tel:+18552536686');
    expect(links).toContain('tel:+18552536686,1');
    expect(links).toContain('tel:+18004263325,3');
    const text = plain(textOf(res.text));
    expect(text).toContain('(855) 253-6686 (1-855-2-LENOVO) then press 1');
    expect(text).toContain(
      'Opening hours (Eastern Time, United States) Monday – Friday 9:00 AM – 9:00 PM Saturday 9:00 AM – 6:00 PM Sunday Closed',
    );
    // A US visitor's clock is the line's: no second time.
    expect(text).toContain('Open now — closes at 9:00 PM (Eastern Time, United States) ');
    expect(text).toContain('Open now — closes at 5:30 PM (Eastern Time, United States) ');
    expect(text).not.toContain('which is');
  });

  it('says when a closed line opens', async () => {
    const { app } = appAt('2026-11-29T15:00:00Z');
    const text = plain(textOf((await request(app).get('/us/en/support/contact')).text));
    expect(text).toContain('Closed — opens Monday 9:00 AM');
    const early = plain(textOf((await request(appAt('2026-11-25T12:00:00Z').app).get('/us/en/support/contact')).text));
    expect(early).toContain('Closed — opens today at 9:00 AM');
  });

  it('shows a region’s own lines in national format, in the line’s zone', async () => {
    const { app } = appAt('2026-11-25T15:00:00Z');
    const res = await request(app).get('/de/en/support/contact');
    const text = plain(textOf(res.text));
    expect(text).toContain('030 12345678');
    expect(text).toContain('Central European Time');
    expect(text).not.toContain('253-6686');
    expect(hrefs(res.text)).toContain('tel:+493012345678,1');
    // English for Germany writes the 24-hour clock.
    expect(text).toContain('Open now — closes at 20:00');
    const jp = plain(textOf((await request(app).get('/jp/en/support/contact')).text));
    expect(jp).toContain('03-1234-5678');
    expect(jp).toContain('Japan Standard Time');
  });

  it('shows a region without lines the US lines as US lines, in international format, and what works from anywhere', async () => {
    const { app } = appAt('2026-11-25T15:00:00Z');
    const res = await request(app).get('/fr/en/support/contact');
    const text = plain(textOf(res.text));
    expect(text).toContain('Lenovo has no phone line for France on this site yet.');
    expect(text).toContain('The lines below are US lines: toll-free from the US and Canada');
    expect(text).not.toMatch(/global lines|international numbers/);
    expect(hrefs(res.text)).toEqual(
      expect.arrayContaining([
        '/fr/en/privacy/request',
        'mailto:privcy@us.lenovo.com',
        'mailto:lnvinfo@lenovo.com',
        'https://www.lenovo.com/fr/en/',
      ]),
    );
    expect(text).toContain('+1 855 253 6686');
    expect(text).not.toContain('(855) 253-6686');
  });

  it.each([
    ['/ca/en', 'Lenovo has no phone line for Canada on this site yet.', 'for Canada – English'],
    ['/ca/fr', 'Lenovo n’a pas encore, sur ce site, de ligne téléphonique pour ce pays ou cette région (Canada).', '(Canada – Français)'],
    [
      '/be/fr',
      'Lenovo n’a pas encore, sur ce site, de ligne téléphonique pour ce pays ou cette région (Belgique).',
      '(Belgique – Français)',
    ],
  ])('on %s, says the region has no phone line, naming the region and not the site', async (prefix, says, site) => {
    const { app } = appAt('2026-11-25T15:00:00Z');
    for (const page of ['/support/contact', '/support']) {
      const text = plain(textOf((await request(app).get(`${prefix}${page}`)).text));
      // The page's own notice and the Support menu's.
      expect(text.split(says).length - 1, page).toBe(2);
      expect(text, page).not.toContain(site);
    }
  });

  it.each([
    // A zone named after the place is not prefixed with the place's long name ("中國香港特別行政區香港標準時間").
    ['/hk/zh', '（香港標準時間）', '中國香港特別行政區香港標準時間'],
    ['/hk/en', '(Hong Kong Standard Time)', 'Hong Kong Standard Time, Hong Kong SAR China'],
    // Other regions keep their labels.
    ['/de/de', '(Mitteleuropäische Zeit, Deutschland)', '(Mitteleuropäische Zeit)'],
    ['/jp/ja', '（日本標準時）', '日本・日本標準時'],
    ['/jp/ja', '（アメリカ合衆国・米国東部時間）', '（米国東部時間）'],
    ['/us/en', '(Eastern Time, United States)', '(Eastern Time)'],
    ['/sa/ar', '(التوقيت العربي الرسمي، المملكة العربية السعودية)', '(التوقيت العربي الرسمي)'],
  ])('names the zone on %s as %s, not repeating the place', async (prefix, label, not) => {
    const { app } = makeApp({ now: () => Date.parse('2026-11-25T15:00:00Z') });
    const checked = /<time datetime="[^"]*">([^<]*)<\/time>/.exec((await request(app).get(`${prefix}/support/contact`)).text)![1]!;
    expect(checked).toContain(label);
    expect(checked).not.toContain(not);
  });

  it('gives each line a visible deep link for staff', async () => {
    const { app } = appAt('2026-11-25T15:00:00Z');
    const res = await request(app).get('/us/en/support/contact');
    expect(res.text).toContain('spellcheck="false">https://site.test/support/contact#payment</textarea>');
  });

  it('describes every line as a schema.org ContactPoint with hoursAvailable', async () => {
    const { app } = appAt('2026-11-25T15:00:00Z');
    const res = await request(app).get('/us/en/support/contact');
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.text)![1]!;
    const data = JSON.parse(json);
    expect(data['@type']).toBe('Organization');
    expect(data.contactPoint).toHaveLength(4);
    expect(data.contactPoint[0]).toMatchObject({ '@type': 'ContactPoint', telephone: '+1 855 253 6686' });
    expect(data.contactPoint[0].hoursAvailable[0]).toMatchObject({
      '@type': 'OpeningHoursSpecification',
      opens: '09:00:00',
      closes: '21:00:00',
    });
  });

  it('stays right in the page cache: the page is rendered again after the next change, and shared caches keep it no longer', async () => {
    let now = Date.parse('2026-11-26T01:59:00Z'); // 20:59 EST Wednesday
    const { app } = makeApp({ contactLines: fixtureLines, now: () => now });
    const open = await request(app).get('/us/en/support/contact');
    expect(plain(textOf(open.text))).toContain('Open now — closes at 9:00 PM');
    expect(open.headers['cache-control']).toBe('public, max-age=60');
    now = Date.parse('2026-11-26T02:01:00Z');
    const closed = await request(app).get('/us/en/support/contact');
    expect(plain(textOf(closed.text))).toContain('Closed — opens Thursday 9:00 AM');
  });
});

describe('a line on another clock than the region’s: its hours on both (DESIGN: the visitor’s local time where the region lies elsewhere)', () => {
  const captions = (text: string) => [...text.matchAll(/Opening hours \(([^)]*)\)/g)].map((m) => m[1]);

  it('gives a French visitor the US hours in Eastern Time and in French time, split at French midnights', async () => {
    const { app } = makeApp({ now: () => Date.parse('2026-11-25T15:00:00Z') });
    const text = plain(textOf((await request(app).get('/fr/en/support/contact')).text));
    expect(text).toContain(
      'Opening hours (Eastern Time, United States) Monday – Friday 9:00–21:00 Saturday 9:00–18:00 Sunday Closed ' +
        'Opening hours (Central European Time, France) Monday 15:00–0:00 Tuesday – Saturday 0:00–3:00, 15:00–0:00 Sunday Closed',
    );
    expect(text).toContain(
      'Opening hours (Eastern Time, United States) Monday – Friday 9:00–17:30 Saturday – Sunday Closed ' +
        'Opening hours (Central European Time, France) Monday – Friday 15:00–23:30 Saturday – Sunday Closed',
    );
  });

  it('follows this week’s daylight-saving time of both zones (the US changes three weeks before Europe)', async () => {
    const { app } = makeApp({ now: () => Date.parse('2026-03-10T15:00:00Z') });
    const text = plain(textOf((await request(app).get('/fr/en/support/contact')).text));
    expect(text).toContain(
      'Opening hours (Central European Time, France) Monday 14:00–0:00 Tuesday – Friday 0:00–2:00, 14:00–0:00 Saturday 0:00–2:00, 14:00–23:00 Sunday Closed',
    );
  });

  it('shows the hub’s lines on the Japanese clock too, a Saturday in New York being a Sunday morning in Tokyo', async () => {
    const { app } = makeApp({ now: () => Date.parse('2026-11-25T15:00:00Z') });
    const text = plain(textOf((await request(app).get('/jp/ja/support')).text));
    expect(text).toContain(
      '受付時間（アメリカ合衆国・米国東部時間） 月曜日 – 金曜日 9:00～21:00 土曜日 9:00～18:00 日曜日 休業 ' +
        '受付時間（日本標準時） 月曜日 23:00～0:00 火曜日 – 土曜日 0:00～11:00, 23:00～0:00 日曜日 0:00～8:00',
    );
  });

  it('adds nothing where the lines keep the region’s clock: the US, and a region’s own lines', async () => {
    const { app } = appAt('2026-11-25T15:00:00Z');
    const us = plain(textOf((await request(app).get('/us/en/support/contact')).text));
    expect(new Set(captions(us))).toEqual(new Set(['Eastern Time, United States']));
    const de = plain(textOf((await request(app).get('/de/en/support/contact')).text));
    expect(new Set(captions(de))).toEqual(new Set(['Central European Time, Germany']));
  });

  it('renders the hub again at the region’s midnight, and shared caches keep it no longer', async () => {
    // Saturday 23:59 in Paris, the night before Europe's change to summer time (the US changed three weeks earlier).
    let now = Date.parse('2026-03-28T22:59:00Z');
    const { app } = makeApp({ now: () => now });
    const before = await request(app).get('/fr/en/support');
    expect(before.headers['cache-control']).toBe('public, max-age=60');
    expect(plain(textOf(before.text))).toContain(
      'Monday 15:00–0:00 Tuesday – Friday 0:00–3:00, 15:00–0:00 Saturday 0:00–2:00, 14:00–23:00 Sunday Closed',
    );
    now = Date.parse('2026-03-28T23:01:00Z');
    const after = plain(textOf((await request(app).get('/fr/en/support')).text));
    expect(after).toContain('Monday 15:00–0:00 Tuesday – Saturday 0:00–3:00, 15:00–0:00 Sunday Closed');
  });
});

describe('region-neutral support links', () => {
  it('land a German visitor on the German contact page; the #fragment survives because Location has none', async () => {
    const { app } = makeApp();
    const res = await request(app).get('/support/contact').set('Accept-Language', 'de-DE,de;q=0.9');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/de/de/support/contact');
  });
});

describe('/{cc}/{lang}/support', () => {
  it('is the hub of the Support menu', async () => {
    const { app } = makeApp();
    const res = await request(app).get('/us/en/support');
    expect(res.status).toBe(200);
    for (const id of [
      'order-help',
      'existing-order',
      'technical',
      'technical-pc',
      'technical-servers',
      'technical-storage',
      'technical-accessories',
      'payment',
      'more-help',
    ]) {
      expect(res.text).toContain(`id="${id}"`);
    }
    expect(hrefs(res.text)).toContain('https://www.lenovo.com/us/en/orderstatus');
    expect(hrefs(res.text)).toContain('/us/en/support/contact');
  });
});

describe('/{cc}/{lang}/support/directory', () => {
  const { app } = appAt('2026-11-25T15:00:00Z');

  it('lists every region once, regions sharing the same lines under one table, with deep links', async () => {
    const res = await request(app).get('/us/en/support/directory');
    expect(res.text.match(/<li class="directory__region"/g)).toHaveLength(129);
    // Fixture: de, at (shares one line with de, but de has two), jp have lines of their own, and the US; 125 get the US lines.
    expect(res.text.match(/<table class="directory__lines"/g)).toHaveLength(5);
    const usGroup = res.text.slice(res.text.indexOf('without a phone line of their own'));
    expect(usGroup.match(/<li class="directory__region"/g)).toHaveLength(125);
    expect(plain(textOf(usGroup))).toContain('France');
    expect(plain(textOf(usGroup))).toContain('+1 855 253 6686');
    expect(res.text).toContain('https://site.test/de/de/support/contact#order-help');
    expect(res.text).toContain('030 12345678');
  });

  it('filters by a query parameter without JavaScript, escaping what it shows back', async () => {
    const germany = await request(app).get('/us/en/support/directory?q=germany');
    expect(germany.text.match(/<li class="directory__region"/g)).toHaveLength(1);
    expect(germany.text).toContain('id="region-de"');
    expect(germany.text).toContain('1 of 129 countries and regions');
    const tokyo = await request(app).get('/us/en/support/directory?q=03-1234');
    expect(tokyo.text).toContain('id="region-jp"');
    // A region of the shared group is found by name, alone, with the US lines.
    const france = await request(app).get('/us/en/support/directory?q=fran');
    expect(france.text.match(/<li class="directory__region"/g)).toHaveLength(1);
    expect(france.text).toContain('id="region-fr"');
    expect(plain(textOf(france.text))).toContain('+1 855 253 6686');
    // A number of the shared lines finds every region that shows it: the 125 and the US, which writes it "(877) …".
    const shared = await request(app).get('/us/en/support/directory?q=%2B1%20877');
    expect(shared.text.match(/<li class="directory__region"/g)).toHaveLength(126);
    // However the number is typed, it finds the US (its own table, national format) and the 125 regions that show
    // it in international format; a number from a Japanese keyboard or in Arabic-Indic digits too.
    for (const typed of [
      '(855) 253-6686',
      '+1 855 253 6686',
      '855-253-6686',
      '8552536686',
      '+18552536686',
      '８５５－２５３',
      '٨٥٥٢٥٣٦٦٨٦',
    ]) {
      const found = await request(app).get(`/us/en/support/directory?q=${encodeURIComponent(typed)}`);
      expect(found.text, typed).toContain('126 of 129 countries and regions');
      expect(found.text, typed).toContain('id="region-us"');
    }
    // The German national 0 as written in Germany finds Germany's line.
    expect((await request(app).get('/us/en/support/directory?q=030%2012345678')).text).toContain('id="region-de"');
    // A single digit is no number: it is matched as text, as before.
    expect((await request(app).get('/us/en/support/directory?q=1')).text).not.toContain('126 of 129');
    const hostile = await request(app).get('/us/en/support/directory?q=%3Cscript%3Ex%3C%2Fscript%3E');
    expect(hostile.status).toBe(200);
    expect(hostile.text).toContain('value="&lt;script&gt;x&lt;/script&gt;"');
    expect(hostile.text).not.toContain('<script>x');
    expect((await request(app).get('/us/en/support/directory?q=a&q=b')).status).toBe(400);
  });

  it('matches a line’s name only at the start of a word, so a region code is not found inside "order" or "issues"', async () => {
    const regionsOf = (html: string) => [...html.matchAll(/<li class="directory__region" id="region-([a-z]+)"/g)].map((m) => m[1]!);
    // "de" is Germany's code, and "or-de-r" in a line's name: only the regions named so are shown.
    const de = (await request(app).get('/us/en/support/directory?q=de')).text;
    expect(regionsOf(de)).toContain('de');
    expect(regionsOf(de)).not.toContain('us');
    expect(regionsOf(de)).not.toContain('fr');
    expect(regionsOf(de).length).toBeLessThan(20);
    for (const code of ['in', 'it', 'es']) {
      const found = (await request(app).get(`/us/en/support/directory?q=${code}`)).text;
      expect(regionsOf(found), code).toContain(code);
      expect(found, code).not.toContain('129 of 129');
    }
    // A word of a line's name, or its start, still finds every region with that line: all but Japan (fixtures).
    for (const word of ['order', 'ord', 'Help placing', 'payment']) {
      const found = (await request(app).get(`/us/en/support/directory?q=${encodeURIComponent(word)}`)).text;
      expect(regionsOf(found), word).toContain('fr');
      expect(regionsOf(found), word).not.toContain('jp');
    }
    expect(regionsOf((await request(app).get('/us/en/support/directory?q=order')).text)).toHaveLength(128);
    // Part of a number still finds its line.
    expect(regionsOf((await request(app).get('/us/en/support/directory?q=12345678')).text)).toEqual(['at', 'de', 'jp']);
  });
});

describe('/api/contacts', () => {
  const { app } = appAt('2026-11-25T15:00:00Z');

  it('gives a region’s lines as JSON, cacheable', async () => {
    const res = await request(app).get('/api/contacts/de');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(res.body.region).toBe('de');
    expect(res.body.lines[0]).toMatchObject({
      id: 'order-help',
      number: '+493012345678',
      display: '030 12345678',
      option: 1,
      timeZone: 'Europe/Berlin',
      openNow: true,
    });
    const fr = await request(app).get('/api/contacts/fr');
    expect(fr.body.ownLines).toBe(false);
    expect(fr.body.lines[0]).toMatchObject({
      display: '+1 855 253 6686',
      regionsServed: ['us'],
      dialableFrom: ['us', 'ca'],
      dialableHere: false,
    });
    expect(fr.body.lines.map((l: { id: string }) => l.id)).toEqual(['order-help', 'existing-order', 'outlet', 'payment']);
  });

  it('gives every region at /api/contacts', async () => {
    const res = await request(app).get('/api/contacts');
    expect(Object.keys(res.body.regions)).toHaveLength(129);
    expect(res.body.regions.us.lines[3]).toMatchObject({ id: 'payment', option: 3, openNow: true });
  });

  it('answers an unknown region with a JSON 404', async () => {
    for (const cc of ['zz', 'USA', '..', '%3Cx%3E']) {
      let res = await request(app).get(`/api/contacts/${cc}`);
      // Capitals first go to the lower-case path (DESIGN: upper- or mixed-case paths redirect permanently).
      if (res.status === 301) res = await request(app).get(res.headers.location as string);
      expect(res.status, cc).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ error: { status: 404, message: 'not found' } });
    }
  });
});

describe('how long open-now stays right (one freshUntil for the contact page, its Cache-Control and the API)', () => {
  const line = {
    hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], open: '09:00', close: '21:00' }],
    timeZone: 'America/New_York',
  };

  it.each([
    ['a minute before closing: until closing', '2026-11-26T01:59:00Z', undefined, '2026-11-26T02:00:00Z'],
    ['mid-morning: five minutes at most', '2026-11-25T15:00:00Z', undefined, '2026-11-25T15:05:00Z'],
    ['the API cap of a minute', '2026-11-25T15:00:00Z', 60_000, '2026-11-25T15:01:00Z'],
  ])('%s', (_name, at, cap, until) => {
    expect(new Date(freshUntil([line], new Date(at), cap)).toISOString()).toBe(new Date(until).toISOString());
  });

  it('sends the contact page with the same freshness as the page cache keeps it', async () => {
    const now = Date.parse('2026-11-25T15:00:00Z');
    const { app } = makeApp({ now: () => now });
    const res = await request(app).get('/us/en/support/contact');
    expect(res.headers['cache-control']).toBe(`public, max-age=${FRESH_CAP_MS / 1000}`);
  });
});

describe('the directory names each region in its own language, marked as such', () => {
  const { app } = makeApp();

  it('marks a region’s own name and the language its contact page is in (WCAG 3.1.2)', async () => {
    const res = await request(app).get('/de/de/support/directory');
    expect(res.status).toBe(200);
    const egypt = /<li class="directory__region" id="region-eg">.*?<\/li>/.exec(res.text)?.[0];
    expect(egypt).toBe(
      '<li class="directory__region" id="region-eg"><a href="/eg/ar/support/contact" hreflang="ar">Ägypten</a> <span class="selector__translation" lang="ar">(مصر)</span></li>',
    );
    const austria = /<li class="directory__region" id="region-at">.*?<\/li>/.exec(res.text)?.[0];
    expect(austria).toContain('hreflang="de"');
  });
});
