// Issue 12, items 1 and 2: every region is told the truth about the phone lines it sees, and every time names its zone.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { pageLanguage } from '../src/shell/layout.js';
import { contactLineData } from '../src/support/contact-data.js';
import { buildContactBook } from '../src/support/contacts.js';
import { regionName } from '../src/support/customer-links.js';
import { fixtureLines } from './fixtures/contact-lines.js';
import { hrefs, makeApp, ROOT, textOf } from './helpers.js';

/** Intl puts narrow no-break spaces in times; tests compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ');

const between = (html: string, start: string, end: string) => {
  const from = html.indexOf(start);
  expect(from, start).toBeGreaterThanOrEqual(0);
  return html.slice(from, html.indexOf(end, from));
};

/** The old wording that called the US lines "global" or "international", in every locale that still has it. */
function oldWording(): string[] {
  const found = new Set<string>([
    'these are our global lines, with international numbers',
    'avec des numéros internationaux',
    '国際電話番号をご案内',
    'uses the global lines',
  ]);
  for (const locale of fs.readdirSync(path.join(ROOT, 'locales'))) {
    const file = path.join(ROOT, 'locales', locale, 'support.json');
    if (!fs.existsSync(file)) continue;
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { globalLines?: string; directory?: { usesGlobal?: string } };
    for (const text of [data.globalLines, data.directory?.usesGlobal]) if (text) found.add(text);
  }
  return [...found];
}

describe('every region’s contact page and header, in every shipped language (shipped data)', () => {
  const { app, site: deps } = makeApp({}, {});
  const stale = oldWording();

  it('says plainly that a region has no line of its own, shows the US lines as US lines, and no phone number in the header', async () => {
    expect(deps.registry.sites.length).toBeGreaterThan(200);
    for (const site of deps.registry.sites) {
      const { t, contentLocale } = pageLanguage(deps, site);
      const res = await request(app).get(`${site.prefix}/support/contact`);
      expect(res.status, site.prefix).toBe(200);
      const text = plain(textOf(res.text));
      const header = between(res.text, '<ul class="site-header__utility">', '</ul>');
      for (const old of stale) expect(text, `${site.prefix}: ${old}`).not.toContain(plain(old));
      const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.text)![1]!) as {
        contactPoint: { areaServed: string[] }[];
      };
      // The US lines serve the US, whichever site shows them.
      for (const point of data.contactPoint) expect(point.areaServed, site.prefix).toEqual(['US']);
      if (site.cc === 'us') {
        expect(text).not.toContain(plain(t('support:usLines')));
        expect(hrefs(header), site.prefix).toContain('tel:+18552536686');
        continue;
      }
      // Phone lines are the region's: named alone, not as the site ("Canada", not "Canada – English").
      const honest = plain(t('support:noOwnLines', { region: regionName(site.region, contentLocale) }));
      expect(text, site.prefix).toContain(honest);
      expect(text, site.prefix).toContain(plain(t('support:usLines')));
      // The Support menu says it too.
      expect(plain(textOf(between(res.text, '<nav class="mega"', '</nav>'))), site.prefix).toContain(honest);
      // Canada too, though it can dial the US lines toll-free: the header cannot label a US line as one.
      expect(header, site.prefix).not.toContain('tel:');
      expect(hrefs(header), site.prefix).toContain(`${site.prefix}/support/contact`);
      expect(plain(textOf(header)), site.prefix).toContain(plain(t('common:header.contact')));
    }
  }, 120_000);

  it('offers what works from anywhere: the privacy request form, the statement’s e-mail addresses, the shop', async () => {
    for (const prefix of ['/de/de', '/jp/ja', '/sa/ar']) {
      for (const page of ['/support/contact', '/support']) {
        const links = hrefs((await request(app).get(`${prefix}${page}`)).text);
        expect(links, prefix + page).toEqual(
          expect.arrayContaining([
            `${prefix}/privacy/request`,
            'mailto:privcy@us.lenovo.com',
            'mailto:lnvinfo@lenovo.com',
            `https://www.lenovo.com${prefix}/`,
          ]),
        );
      }
    }
  });

  it('tells the same truth in the directory and the API', async () => {
    const api = (await request(app).get('/api/contacts')).body as {
      regions: Record<string, { ownLines: boolean; lines: { dialableHere: boolean; regionsServed: string[] }[] }>;
    };
    const directory = (await request(app).get('/us/en/support/directory')).text;
    const fallback = between(directory, 'without a phone line of their own', '</section>');
    for (const [cc, region] of Object.entries(api.regions)) {
      expect(region.ownLines, cc).toBe(cc === 'us');
      expect(fallback.includes(`id="region-${cc}"`), cc).toBe(cc !== 'us');
      for (const line of region.lines) {
        expect(line.regionsServed).toEqual(['us']);
        expect(line.dialableHere, cc).toBe(cc === 'us' || cc === 'ca');
      }
    }
  });
});

describe('a region with lines of its own (fixture data)', () => {
  const { app } = makeApp({ contactLines: fixtureLines, now: () => Date.parse('2026-11-25T15:00:00Z') });

  it('shows its own number in the header where it can be dialled, and "Contact" where it has no sales line', async () => {
    const de = between((await request(app).get('/de/de/support/contact')).text, '<ul class="site-header__utility">', '</ul>');
    expect(hrefs(de)).toContain('tel:+493012345678');
    expect(plain(textOf(de))).toContain('030 12345678');
    const jp = between((await request(app).get('/jp/ja/support/contact')).text, '<ul class="site-header__utility">', '</ul>');
    expect(jp).not.toContain('tel:');
    expect(hrefs(jp)).toContain('/jp/ja/support/contact');
  });

  it('declares in JSON-LD the regions its lines serve, and says nothing about missing lines', async () => {
    const res = await request(app).get('/de/de/support/contact');
    const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.text)![1]!) as {
      contactPoint: { areaServed: string[] }[];
    };
    expect(data.contactPoint.map((p) => p.areaServed)).toEqual([['DE', 'AT'], ['DE']]);
    expect(textOf(res.text)).not.toContain('US-Leitungen');
  });
});

describe('the contact data refuses at start-up what the pages would say wrongly', () => {
  const line = contactLineData[0]!;
  it.each([
    [{ ...line, dialableFrom: ['us', 'ca', 'fr'] }, /toll-free; it can be dialled only from us, ca, not from us, ca, fr/],
    [{ ...line, regions: ['us', 'fr'], fallback: false }, /serves "fr" but cannot be dialled from there/],
    [{ ...line, dialableFrom: ['us'] }, /fallback line "order-help" must be a US line dialable from exactly us and ca/],
    [{ ...line, dialableFrom: ['us', 'zz'] }, /dialable from unknown region "zz"/],
  ])('%#: %s', (entry, message) => {
    expect(() => buildContactBook([entry], (cc) => cc !== 'zz')).toThrow(message);
  });

  it('accepts the shipped data', () => {
    expect(() => buildContactBook(contactLineData, () => true)).not.toThrow();
  });
});

/**
 * Visitors of Berlin, Tokyo, São Paulo and Sydney, at 12:00 UTC on a Sunday when their zone or the US changes clocks.
 * The US lines are closed on Sundays and open Monday 9:00 New York time: 13:00 UTC in EDT (from 8 March to 1 November
 * 2026), 14:00 UTC in EST. The expected local times below are worked out by hand from each zone's UTC offset that day.
 */
describe('every time names its zone, and gives the visitor’s local time, across DST changes (injected clock)', () => {
  const cases: [string, string, string, string, string, string][] = [
    // prefix, Sunday (12:00 UTC), as-of in New York, as-of locally, opening locally, [zone labels]
    // Berlin: CET +1, CEST +2 from 29 March to 25 October.
    ['/de/de', '2026-03-08', '8:00', '13:00', '14:00', 'US spring forward; Berlin still CET'],
    ['/de/de', '2026-03-29', '8:00', '14:00', '15:00', 'Berlin spring forward (CEST)'],
    ['/de/de', '2026-10-25', '8:00', '13:00', '14:00', 'Berlin fall back (CET); New York still EDT'],
    ['/de/de', '2026-11-01', '7:00', '13:00', '15:00', 'US fall back (EST)'],
    // Tokyo: JST +9, no DST.
    ['/jp/ja', '2026-03-08', '8:00', '21:00', '22:00', 'US spring forward'],
    ['/jp/ja', '2026-11-01', '7:00', '21:00', '23:00', 'US fall back'],
    // São Paulo: BRT −3, no DST since 2019.
    ['/br/pt', '2026-03-08', '8:00', '9:00', '10:00', 'US spring forward'],
    ['/br/pt', '2026-11-01', '7:00', '9:00', '11:00', 'US fall back'],
    // Sydney: AEDT +11 until 5 April (03:00 local), AEST +10 until 4 October (02:00 local).
    ['/au/en', '2026-03-08', '8:00 am', '11:00 pm', 'Tue 12:00 am', 'US spring forward; Sydney AEDT'],
    ['/au/en', '2026-04-05', '8:00 am', '10:00 pm', '11:00 pm', 'Sydney back to AEST'],
    ['/au/en', '2026-10-04', '8:00 am', '11:00 pm', 'Tue 12:00 am', 'Sydney forward to AEDT'],
    ['/au/en', '2026-11-01', '7:00 am', '11:00 pm', 'Tue 1:00 am', 'US fall back; Sydney AEDT'],
  ];
  const zones: Record<string, [string, string]> = {
    '/de/de': ['Nordamerikanische Ostküstenzeit, Vereinigte Staaten', 'Mitteleuropäische Zeit'],
    '/jp/ja': ['米国東部時間', '日本標準時'],
    '/br/pt': ['Horário do Leste, Estados Unidos', 'Horário Padrão de Brasília'],
    '/au/en': ['Eastern Time, United States', 'Australian Eastern Time'],
  };

  it.each(cases)(
    '%s on %s: as of %s New York = %s locally; opens 9:00 New York = %s locally (%s)',
    async (prefix, day, nyNow, localNow, localOpen) => {
      const { app } = makeApp({ now: () => Date.parse(`${day}T12:00:00Z`) });
      const html = (await request(app).get(`${prefix}/support/contact`)).text;
      const [lineZone, localZone] = zones[prefix]!;
      const checked = plain(textOf(between(html, '<p class="contact__checked">', '</p>')));
      expect(checked).toContain(nyNow);
      expect(checked).toContain(lineZone);
      expect(checked.indexOf(localNow, checked.indexOf(lineZone))).toBeGreaterThan(0);
      expect(checked).toContain(localZone);
      const status = plain(textOf(between(between(html, 'id="order-help"', '</section>'), '<p class="status', '</p>')));
      expect(status).toMatch(/\b9:00/);
      const afterLine = status.slice(status.indexOf(lineZone));
      expect(status).toContain(lineZone);
      // Not a longer time that ends the same way ("12:00" inside "22:00").
      expect(afterLine).toMatch(new RegExp(`(^|[^\\d:])${localOpen}`));
      expect(afterLine).toContain(localZone);
      // The hours tables, the Support menu's too, name the line's zone; on the page each line's hours follow on the
      // local clock as well.
      const captions = (part: string) => (part.match(/<caption>.*?<\/caption>/g) ?? []).map(plain);
      for (const caption of captions(between(html, '<nav class="mega"', '</nav>'))) expect(caption).toContain(lineZone);
      const orderHelp = captions(between(html, 'id="order-help"', '</section>'));
      expect(orderHelp).toHaveLength(2);
      expect(orderHelp[0]).toContain(lineZone);
      expect(orderHelp[1]).toContain(localZone);
      expect(plain(between(html, '<nav class="mega"', '</nav>'))).toContain(lineZone);
    },
  );
});

describe('a line is offered as a call only where it can be dialled', () => {
  const { app } = makeApp({}, {});
  const telLinks = (html: string) => [...html.matchAll(/href="(tel:[^"]+)"/g)].map((m) => m[1]!);

  it.each(['/de/de/support/contact', '/jp/ja/support', '/sa/ar/support/contact', '/fr/fr/'])(
    'shows the US lines on %s as numbers, without a tel: link or a “call and choose” link',
    async (path) => {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      expect(telLinks(res.text)).toEqual([]);
      expect(res.text).not.toContain('phone-line__dial');
      // The number is still there to read, in international form, with its menu option.
      expect(res.text).toContain('<span dir="ltr">+1 855 253 6686</span>');
      expect(res.text).toContain('phone-line__option');
    },
  );

  it.each(['/us/en/support/contact', '/ca/fr/support/contact'])('offers the lines on %s as calls', async (path) => {
    const res = await request(app).get(path);
    expect(telLinks(res.text)).toContain('tel:+18552536686');
    expect(res.text).toContain('phone-line__dial');
  });
});
