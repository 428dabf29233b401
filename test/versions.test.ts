// The statement's life (issue 16): versions as data, the seed's 30-day notice, announced versions, archive, compare, feed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadResources } from '../src/i18n.js';
import { loadStatementVersions } from '../src/privacy/versions.js';
import { statementVersionData } from '../src/privacy/versions-data.js';
import { exampleLocalesDir, exampleVersionData, exampleVersions } from './fixtures/statement-versions/versions.js';
import { htmlErrors, makeApp, ROOT, textOf } from './helpers.js';

const resources = loadResources(path.join(ROOT, 'locales'));
const privacyJson = (locale: string) => resources[locale]?.privacy;
const load = (data: unknown, dir = exampleLocalesDir) => loadStatementVersions(data, dir, ['en', 'fr'], privacyJson);

// Instants in America/New_York, the zone versions take effect in.
const JAN_4_2027 = Date.parse('2027-01-04T05:00:00Z'); // 00:00 EST: 2027-01-04 (material) takes effect
const FEB_3_2027 = Date.parse('2027-02-03T05:00:00Z'); // 00:00 EST on day 30: its notice ends
const MAR_1_2027 = Date.parse('2027-03-01T05:00:00Z'); // 00:00 EST: 2027-03-01 (announced) takes effect
const JUN_1_2026 = Date.parse('2026-06-01T04:00:00Z'); // 00:00 EDT: 2026-06-01 (not material) takes effect
const DAY = 24 * 3600 * 1000;

/** An app on the example versions with a clock the test moves. */
function clockedApp(start: number) {
  const clock = { now: start };
  const built = makeApp({ now: () => clock.now, statementVersions: exampleVersions() });
  return { ...built, clock };
}

const notice = (html: string) => /<aside class="statement-notice"[^>]*>[\s\S]*?<\/aside>/.exec(html)?.[0];

describe('versions as data, validated at start-up', () => {
  it('ships the seed’s version of 2 January 2014 only, with its text in privacy.json', () => {
    const versions = loadStatementVersions(statementVersionData, path.join(ROOT, 'locales'), Object.keys(resources), privacyJson);
    expect(versions.list.map((v) => v.id)).toEqual(['2014-01-02']);
    expect(versions.list[0]!.material).toBeNull();
    expect(versions.timeZone).toBe('America/New_York');
  });

  it('loads the example set', () => {
    expect(load(exampleVersionData).list.map((v) => [v.id, v.material])).toEqual([
      ['2014-01-02', null],
      ['2026-06-01', false],
      ['2027-01-04', true],
      ['2027-03-01', true],
    ]);
  });

  it('takes effect at 00:00 of the date in the data’s zone, DST included', () => {
    const versions = load(exampleVersionData);
    expect(versions.byId('2027-01-04')!.start).toBe(JAN_4_2027);
    expect(versions.byId('2027-01-04')!.noticeEnds).toBe(FEB_3_2027);
    expect(versions.byId('2026-06-01')!.start).toBe(JUN_1_2026);
    expect(versions.byId('2026-06-01')!.noticeEnds).toBeUndefined();
  });

  const broken = (edit: (d: typeof exampleVersionData) => void) => {
    const copy = structuredClone(exampleVersionData);
    edit(copy);
    return () => load(copy);
  };

  it.each([
    [
      'dates out of order',
      (d: typeof exampleVersionData) => {
        d.versions[2]!.effective = '2026-05-01';
      },
      /version 2026-05-01: dates must be strictly increasing/,
    ],
    [
      'a date twice',
      (d: typeof exampleVersionData) => {
        d.versions[3]!.effective = '2027-01-04';
      },
      /strictly increasing/,
    ],
    [
      'a date not on the calendar',
      (d: typeof exampleVersionData) => {
        d.versions[1]!.effective = '2026-02-30';
      },
      /not a date of the calendar/,
    ],
    [
      'a zone that is not IANA',
      (d: typeof exampleVersionData) => {
        d.timeZone = 'EST5EDT-ish';
      },
      /not an IANA time zone/,
    ],
    [
      'two texts in privacy.json',
      (d: typeof exampleVersionData) => {
        d.versions[1]!.text = 'privacy.json';
      },
      /exactly one version has its text in privacy.json/,
    ],
    [
      'a section the English text lacks',
      (d: typeof exampleVersionData) => {
        d.versions[2]!.sections.push('no-such-section');
      },
      /en[/\\]privacy-versions[/\\]2027-01-04.json: section "no-such-section" needs a title and paragraphs/,
    ],
    [
      'a section of the text the version does not list',
      (d: typeof exampleVersionData) => {
        d.versions[2]!.sections = d.versions[2]!.sections.filter((s) => s !== 'keeping-information');
      },
      /2027-01-04.json: section "keeping-information" is not a section of version 2027-01-04/,
    ],
    [
      'a version without English text',
      (d: typeof exampleVersionData) => {
        d.versions[1]!.effective = '2026-06-02';
      },
      /version 2026-06-02 has no English text/,
    ],
  ])('stops on %s, naming the file and the version', (_name, edit, message) => {
    expect(broken(edit)).toThrow(message);
  });

  it('stops on a text file for a version the data does not list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versions-'));
    fs.cpSync(exampleLocalesDir, dir, { recursive: true });
    fs.copyFileSync(path.join(dir, 'en/privacy-versions/2027-03-01.json'), path.join(dir, 'en/privacy-versions/2027-03-02.json'));
    expect(() => load(exampleVersionData, dir)).toThrow(/2027-03-02.json: no version of the data has its text here/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops the server with the message: a bad set does not start', () => {
    const data = structuredClone(exampleVersionData);
    data.versions.reverse();
    expect(() => makeApp({ statementVersions: { data, localesDir: exampleLocalesDir } })).toThrow(
      /statement versions: .*strictly increasing/,
    );
  });
});

describe('what a submission agreed to', () => {
  it('is the id of the version in effect at the instant of the submission, switching at 00:00 in the data’s zone', () => {
    const versions = load(exampleVersionData);
    expect(versions.statementVersion(JAN_4_2027 - 1)).toBe('2026-06-01');
    expect(versions.statementVersion(JAN_4_2027)).toBe('2027-01-04');
    expect(versions.statementVersion(MAR_1_2027 + DAY)).toBe('2027-03-01');
    const { site } = makeApp();
    expect(site.versions.statementVersion(Date.parse('2026-11-30T18:00:00Z'))).toBe('2014-01-02');
  });
});

describe('the seed’s promise: a notice on the home page for 30 days after a material change', () => {
  it('appears at 00:00 on day 0, on the home page and the statement, and not a millisecond before', async () => {
    const { app, clock } = clockedApp(JAN_4_2027 - 1);
    // Warm the cache just before: the cached pages must expire at the boundary.
    for (const p of ['/us/en/', '/fr/fr/', '/us/en/privacy']) expect(notice((await request(app).get(p)).text)).toBeUndefined();
    clock.now = JAN_4_2027;
    const home = await request(app).get('/us/en/');
    expect(textOf(notice(home.text)!)).toContain('This privacy statement changed on January 4, 2027. See what changed');
    expect(notice(home.text)).toContain('href="/us/en/privacy/versions/compare?from=2026-06-01&amp;to=2027-01-04"');
    expect(textOf(notice((await request(app).get('/fr/fr/')).text)!)).toContain(
      'La présente déclaration de confidentialité a été modifiée le 4 janvier 2027.',
    );
    expect(textOf(notice((await request(app).get('/us/en/privacy')).text)!)).toContain('changed on January 4, 2027');
  });

  it('is still there on day 29 and gone at 00:00 on day 30', async () => {
    const { app, clock } = clockedApp(FEB_3_2027 - DAY);
    expect(notice((await request(app).get('/us/en/')).text)).toBeDefined();
    clock.now = FEB_3_2027 - 1;
    expect(notice((await request(app).get('/us/en/')).text)).toBeDefined();
    clock.now = FEB_3_2027;
    expect(notice((await request(app).get('/us/en/')).text)).toBeUndefined();
    expect(notice((await request(app).get('/us/en/privacy')).text)).toBeUndefined();
  });

  it('lets shared caches keep a page only until the boundary, and as long as any other page when none is near', async () => {
    const { app, clock } = clockedApp(JAN_4_2027 - 90_000);
    expect((await request(app).get('/us/en/')).headers['cache-control']).toBe('public, max-age=90');
    clock.now = JAN_4_2027 - 1000;
    expect((await request(app).get('/us/en/privacy')).headers['cache-control']).toBe('public, max-age=1');
    clock.now = JAN_4_2027 + 10 * DAY;
    expect((await request(app).get('/us/en/')).headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
  });

  it('posts no notice for a change that is not material', async () => {
    const { app } = clockedApp(JUN_1_2026 + 1000);
    const home = await request(app).get('/us/en/');
    expect(notice(home.text)).toBeUndefined();
    const statement = (await request(app).get('/us/en/privacy')).text;
    expect(textOf(statement)).toContain('If you request something from a Lenovo Web site');
  });
});

describe('a version announced ahead', () => {
  it('is announced on the statement, not the home page, and becomes current at its instant without a restart', async () => {
    const { app, clock } = clockedApp(MAR_1_2027 - 1);
    const before = (await request(app).get('/us/en/privacy')).text;
    expect(textOf(before)).toContain('This privacy statement changes on March 1, 2027. See what changes');
    expect(before).toContain('href="/us/en/privacy/versions/compare?from=2027-01-04&amp;to=2027-03-01"');
    expect(textOf(before)).toContain('such as banner ads');
    expect(textOf((await request(app).get('/us/en/')).text)).not.toContain('changes on March 1, 2027');
    clock.now = MAR_1_2027;
    const after = (await request(app).get('/us/en/privacy')).text;
    expect(textOf(after)).not.toContain('changes on March 1, 2027');
    expect(textOf(after)).toContain('such as banner and video ads');
    expect(textOf(after)).toContain('Last updated: March 1, 2027');
    expect(textOf(notice(after)!)).toContain('changed on March 1, 2027');
  });
});

describe('the archive and each version at its own URL', () => {
  const { app } = clockedApp(JAN_4_2027 + DAY);

  it('lists every version, newest first, with its date, material flag and summary', async () => {
    const res = await request(app).get('/us/en/privacy/versions');
    expect(res.status).toBe(200);
    const rows = [...res.text.matchAll(/<tr id="v([\d-]+)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1], textOf(m[2]!).trim()]);
    expect(rows.map((r) => r[0])).toEqual(['2027-03-01', '2027-01-04', '2026-06-01', '2014-01-02']);
    expect(rows[0]![1]).toMatch(/^March 1, 2027 Not yet in effect Yes Example version/);
    expect(rows[1]![1]).toMatch(/^January 4, 2027 Current version Yes /);
    expect(rows[2]![1]).toMatch(/^June 1, 2026 No /);
    expect(rows[3]![1]).toMatch(/^January 2, 2014 Not recorded The earliest version kept here/);
  });

  it('keeps markup in a summary as text', async () => {
    const html = (await request(app).get('/us/en/privacy/versions')).text;
    expect(html).toMatch(/&lt;script&gt;alert\((&quot;|&#34;)x(&quot;|&#34;)\)&lt;\/script&gt; &amp; &lt;b&gt;bold&lt;\/b&gt; stay text\./);
    expect(html).not.toContain('<script>alert');
  });

  it('renders old versions at their URLs, each with its own sections and text', async () => {
    const seed = await request(app).get('/us/en/privacy/versions/2014-01-02');
    expect(seed.status).toBe(200);
    expect(textOf(seed.text)).toContain('This version is no longer in effect.');
    expect(textOf(seed.text)).toContain('If you request something from an Lenovo Web site');
    expect(textOf(seed.text)).toContain('This privacy statement was last updated on January 2, 2014.');
    expect(seed.text).toContain('id="privacy-technology"');
    const later = await request(app).get('/us/en/privacy/versions/2027-01-04');
    expect(textOf(later.text)).toContain('This is the version in effect now.');
    expect(later.text).toContain('id="keeping-information"');
    expect(later.text).not.toContain('id="privacy-technology"');
    expect(textOf(later.text)).toContain('This privacy statement was last updated on January 4, 2027.');
  });

  it('answers 404 for a date that is no version, and sends other cases to the lower-case URL', async () => {
    expect((await request(app).get('/us/en/privacy/versions/2027-01-05')).status).toBe(404);
    const upper = await request(app).get('/US/EN/privacy/versions/2014-01-02');
    expect(upper.status).toBe(301);
    expect(upper.headers.location).toBe('/us/en/privacy/versions/2014-01-02');
  });

  it('shows a version without text in the visitor’s language in English, saying so, with lang="en"', async () => {
    const fr = (await request(app).get('/fr/fr/privacy/versions/2027-01-04')).text;
    expect(fr).toContain('<html lang="fr-FR"');
    expect(textOf(fr)).toContain('Cette version n’est pas disponible dans votre langue ; elle est donc affichée en anglais.');
    // Dates inside English text are written the English way.
    expect(textOf(fr)).toContain('This privacy statement was last updated on 4 January 2027.');
    expect(fr).toMatch(/<section class="statement__section" id="cookies" aria-labelledby="cookies-title" lang="en" dir="ltr">/);
    const own = (await request(app).get('/fr/fr/privacy/versions/2026-06-01')).text;
    expect(own).not.toContain('lang="en" dir="ltr"');
    expect(textOf(own)).toContain('Version d’exemple');
  });

  it('gives the same answer from the front layer’s cache as from Express, a minute before a boundary too', async () => {
    const near = clockedApp(JAN_4_2027 - 60_000);
    for (const p of ['/us/en/', '/us/en/privacy', '/us/en/privacy/versions', '/us/en/privacy/versions/2026-06-01']) {
      const viaExpress = await request(near.express).get(p).set('accept-encoding', 'br');
      const viaFront = await request(near.app).get(p).set('accept-encoding', 'br'); // cached by the first: the front answers
      for (const h of ['cache-control', 'etag', 'content-language', 'content-type', 'content-encoding']) {
        expect(viaFront.headers[h], `${p} ${h}`).toBe(viaExpress.headers[h]);
      }
      expect(viaFront.headers['cache-control'], p).toBe('public, max-age=60');
      expect(viaFront.status).toBe(viaExpress.status);
    }
  });
});

describe('comparing two versions', () => {
  const { app } = clockedApp(JAN_4_2027 + DAY);
  const compare = async (from: string, to: string) => await request(app).get(`/us/en/privacy/versions/compare?from=${from}&to=${to}`);

  it('shows exactly the changed words of a section, as ins and del with hidden words for screen readers', async () => {
    const res = await compare('2026-06-01', '2027-01-04');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    const section = /<section[^>]+id="disclosures-required-by-law"[\s\S]*?<\/section>/.exec(res.text)![0];
    const dels = [...section.matchAll(/<del>([\s\S]*?)<\/del>/g)].map((m) => m[1]);
    const inss = [...section.matchAll(/<ins>([\s\S]*?)<\/ins>/g)].map((m) => m[1]);
    expect(dels).toEqual([
      '<span class="visually-hidden">Removed text: </span>or<span class="visually-hidden"> End of removed text.</span>',
    ]);
    expect(inss).toEqual([
      '<span class="visually-hidden">Added text: </span>court<span class="visually-hidden"> End of added text.</span>',
    ]);
    expect(textOf(section)).toContain('subpoenas, warrants,');
  });

  it('summarises which sections were added, removed and changed, and marks the others unchanged', async () => {
    const html = (await compare('2026-06-01', '2027-01-04')).text;
    const summary = /<section class="compare__summary"[\s\S]*?<\/section>/.exec(html)![0];
    const items = [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!).trim());
    expect(items).toEqual(
      [
        'Keeping Information — Section added',
        'Disclosures Required By Law — Changed',
        'Notification of Changes — Changed',
        'Privacy Technology — Section removed',
      ].sort((a, b) => html.indexOf(a.split(' — ')[0]!) - html.indexOf(b.split(' — ')[0]!)),
    );
    expect(html).toMatch(
      /id="cookies"[^>]*>\s*<h2[^>]*>Cookies, Web Beacons and Other Technologies<\/h2>\s*<p class="compare__change">Unchanged<\/p>/,
    );
    // A removed section keeps its place, after the section it followed.
    expect(html.indexOf('id="privacy-technology"')).toBeGreaterThan(html.indexOf('id="disclosures-required-by-law"'));
  });

  it('needs no script: the choice of versions is a plain GET form', async () => {
    const html = (await request(app).get('/us/en/privacy/versions')).text;
    expect(html).toMatch(/<form class="compare-form" method="get" action="\/us\/en\/privacy\/versions\/compare">/);
    expect(html).toMatch(/<select id="compare-from" name="from">/);
  });

  it('answers 404 for an unknown version and 400 for the same version or a parameter twice, echoing nothing', async () => {
    const bad = await compare('2026-06-01', '<script>');
    expect(bad.status).toBe(404);
    expect(bad.text).not.toContain('<script>');
    expect((await compare('2026-06-01', '2026-06-01')).status).toBe(400);
    expect((await request(app).get('/us/en/privacy/versions/compare?from=2026-06-01&from=2014-01-02&to=2027-01-04')).status).toBe(400);
  });

  it('passes HTML validation', async () => {
    expect(await htmlErrors((await compare('2014-01-02', '2027-03-01')).text)).toEqual([]);
    expect(await htmlErrors((await request(app).get('/us/en/privacy/versions')).text)).toEqual([]);
    expect(await htmlErrors((await request(app).get('/fr/fr/privacy/versions/2027-01-04')).text)).toEqual([]);
    expect(await htmlErrors((await request(app).get('/us/en/privacy')).text)).toEqual([]);
    expect(await htmlErrors((await request(app).get('/us/en/')).text)).toEqual([]);
  });
});

describe('the Atom feed', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) });

  /** Atom (RFC 4287) requires id, title and updated of the feed and of every entry, and an author for the feed or each entry. */
  function checkAtom(xml: string) {
    const doc = parser.parse(xml, true) as {
      feed: Record<string, unknown> & { entry?: Record<string, unknown>[]; link: Record<string, string>[] };
    };
    const feed = doc.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const k of ['id', 'title', 'updated', 'author']) expect(feed[k], k).toBeDefined();
    expect(String(feed.updated)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(feed.link.some((l) => l['@rel'] === 'self')).toBe(true);
    for (const e of feed.entry ?? []) {
      for (const k of ['id', 'title', 'updated']) expect(e[k], k).toBeDefined();
      expect(String(e.updated)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    return feed;
  }

  it('is valid Atom with one entry per version, linked from the statement’s head', async () => {
    const { app } = clockedApp(JAN_4_2027);
    const res = await request(app).get('/us/en/privacy/versions.atom');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = checkAtom(res.text);
    expect(feed.entry!.map((e) => e.id)).toEqual(
      ['2027-03-01', '2027-01-04', '2026-06-01', '2014-01-02'].map((d) => `https://site.test/us/en/privacy/versions/${d}`),
    );
    expect(res.text).toContain('&lt;script&gt;');
    const statement = (await request(app).get('/us/en/privacy')).text;
    expect(statement).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" href="\/us\/en\/privacy\/versions.atom" title="Privacy statement versions">/,
    );
  });
});

describe('with the shipped data', () => {
  const { app, site } = makeApp();
  // One site per locale of the registry.
  const sites = [...new Map(site.registry.sites.map((s) => [s.locale, s])).values()];

  it('renders the statement, its versions page and its feed in every locale', async () => {
    for (const s of sites) {
      for (const p of ['/privacy', '/privacy/versions', '/privacy/versions/2014-01-02']) {
        const res = await request(app).get(`${s.prefix}${p}`);
        expect(res.status, `${s.prefix}${p}`).toBe(200);
      }
      const feed = await request(app).get(`${s.prefix}/privacy/versions.atom`);
      expect(feed.status, s.prefix).toBe(200);
      expect(new XMLParser().parse(feed.text).feed.entry.id).toBe(`https://site.test${s.prefix}/privacy/versions/2014-01-02`);
    }
  });

  it('lists 2014-01-02 at /{cc}/{lang}/privacy/versions, and no notice anywhere', async () => {
    const html = (await request(app).get('/us/en/privacy/versions')).text;
    expect(html).toContain('<time datetime="2014-01-02">January 2, 2014</time>');
    expect([...html.matchAll(/<tr id="v/g)]).toHaveLength(1);
    expect(notice((await request(app).get('/us/en/')).text)).toBeUndefined();
    expect((await request(app).get('/us/en/')).headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
  });

  it('offers a privacy request near the top of the statement as well as at the end', async () => {
    const html = (await request(app).get('/us/en/privacy')).text;
    const links = [...html.matchAll(/href="\/us\/en\/privacy\/request"/g)].map((m) => m.index);
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(links[0]!).toBeLessThan(html.indexOf('id="personal-information"'));
  });
});
