// The selector's filter (`?q=`), the section it carries back, and the suggestion endpoint (issue 18 B).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fold, foldQuery } from '../src/regions/filter.js';
import { hrefs, htmlErrors, makeApp, textOf } from './helpers.js';

const { app } = makeApp();
const withEdge = makeApp({}, { edgeCountryHeader: 'cf-ipcountry' }).app;

/** The names of the selector's entries, in page order. */
function entries(html: string): string[] {
  return [...html.matchAll(/<li data-site="[^"]*"><a [^>]*><span lang="[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]!);
}

describe('the selector filter without JavaScript', () => {
  it('offers a labelled search field in a GET form to the selector itself', async () => {
    const res = await request(app).get('/us/en/regions').expect(200);
    expect(res.text).toMatch(/<form class="selector__filter" action="\/us\/en\/regions" method="get" role="search"/);
    expect(res.text).toContain('<label for="regions-q">Find your country or region</label>');
    expect(res.text).toMatch(/<input id="regions-q" name="q" type="search" value=""/);
    expect(entries(res.text).length).toBe(139);
  });

  it.each([
    ['/us/en/regions', 'allem'],
    ['/us/en/regions', 'germ'],
    ['/us/en/regions', 'deut'],
    ['/us/en/regions', 'GERMANY'],
    ['/fr/fr/regions', 'allem'],
    ['/fr/fr/regions', 'germ'],
    ['/fr/fr/regions', 'deut'],
    ['/jp/ja/regions', 'ドイツ'],
    ['/us/en/regions', 'Niemcy'],
  ])('on %s, "%s" finds Deutschland', async (path, q) => {
    const res = await request(app)
      .get(`${path}?q=${encodeURIComponent(q)}`)
      .expect(200);
    expect(entries(res.text)).toContain('Deutschland');
    expect(entries(res.text).length).toBeLessThan(10);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain(`value="${q}"`);
  });

  it('ignores accents and case both ways: "osterreich" and "ÖSTERREICH" find Österreich, "cote d" finds Côte d’Ivoire', async () => {
    for (const q of ['osterreich', 'ÖSTERREICH', 'Österr']) {
      const res = await request(app)
        .get(`/us/en/regions?q=${encodeURIComponent(q)}`)
        .expect(200);
      expect(entries(res.text), q).toContain('Österreich');
    }
    const ivory = await request(app).get('/us/en/regions?q=cote%20d').expect(200);
    expect(entries(ivory.text).some((n) => n.startsWith('Côte d'))).toBe(true);
  });

  it('matches any part of any name: "land" finds Deutschland and Switzerland’s sites', async () => {
    const res = await request(app).get('/us/en/regions?q=land').expect(200);
    expect(entries(res.text)).toEqual(expect.arrayContaining(['Deutschland', 'Nederland']));
  });

  it('says when nothing matches and offers the full list, keeping the page to return to', async () => {
    const res = await request(app).get('/us/en/regions?q=zzqx&from=privacy&section=cookies').expect(200);
    expect(entries(res.text)).toEqual([]);
    expect(textOf(res.text)).toContain('No country or region matches your search. Show all countries and regions');
    expect(res.text).not.toMatch(/<p data-none hidden>/);
    expect(hrefs(res.text)).toContain('/us/en/regions?from=privacy&section=cookies');
    expect(res.text).toContain('<input type="hidden" name="from" value="privacy">');
  });

  it('hides the no-match note when there are entries, and an empty query is the whole list', async () => {
    const res = await request(app).get('/us/en/regions?q=').expect(200);
    expect(entries(res.text).length).toBe(139);
    expect(res.text).toMatch(/<p data-none hidden>/);
  });

  it('answers odd input with a page, never a 500, and reflects nothing unescaped', async () => {
    const long = await request(app)
      .get(`/us/en/regions?q=${'a'.repeat(5000)}`)
      .expect(200);
    expect(long.text).toContain(`value="${'a'.repeat(100)}"`);
    expect(long.text).not.toContain('a'.repeat(101));
    const script = await request(app).get('/us/en/regions?q=%3Cscript%3E%22x').expect(200);
    expect(script.text).not.toContain('<script>"x');
    expect(script.text).toContain('value="&lt;script&gt;&#34;x"');
    await request(app).get('/us/en/regions?q=%FF%FE').expect(200);
    await request(app).get('/us/en/regions?q=%ED%A0%80').expect(200);
    await request(app).get('/us/en/regions?q=%7C%7C%7C').expect(200);
    const twice = await request(app).get('/us/en/regions?q=a&q=b');
    expect(twice.status).toBe(400);
    expect(twice.text).not.toMatch(/at .*\.ts/);
  });

  it('keeps the filter through the region-neutral /regions', async () => {
    const res = await request(app).get('/regions?q=deut').set('Accept-Language', 'fr-FR').expect(302);
    expect(res.headers.location).toBe('/fr/fr/regions?q=deut');
  });

  it('is valid HTML, filtered or not', async () => {
    for (const path of ['/us/en/regions?q=deut&from=privacy&section=cookies', '/us/en/regions?q=zzqx', '/de/de/regions']) {
      const res = await request(app).get(path).expect(200);
      expect(await htmlErrors(res.text), path).toEqual([]);
    }
  });

  it('folds the way the browser does: NFKD, marks dropped, lower case, no separator in a query', () => {
    expect(fold('Côte d’Ivoire')).toBe('cote d’ivoire');
    expect(foldQuery('  ALLE|m  ')).toBe('alle m');
  });
});

describe('the live filter’s names', () => {
  it('are one public JSON for every site: each entry’s names in every registry language, folded', async () => {
    const res = await request(app).get('/api/region-names').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toMatch(/^public/);
    expect(res.headers['set-cookie']).toBeUndefined();
    const names = res.body as Record<string, string>;
    expect(Object.keys(names)).toHaveLength(139);
    expect(names['de-de']!.split('|')).toEqual(expect.arrayContaining(['deutschland', 'germany', 'allemagne', 'niemcy', fold('ドイツ')]));
    // The picker page itself names each entry's site for the script, and carries none of this.
    const picker = await request(app).get('/us/en/regions').expect(200);
    expect(picker.text).toContain('<li data-site="de-de">');
    expect(picker.text).not.toContain('allemagne');
  });

  it('come compressed and with an ETag, so a browser revalidates instead of fetching 52 KB again', async () => {
    const br = await request(app).get('/api/region-names').set('Accept-Encoding', 'br').expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBeLessThan(26_000);
    const etag = br.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(app).get('/api/region-names').set('Accept-Encoding', 'br').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
  });
});

describe('the selector keeps the section', () => {
  it('ends every choice link in #section when the section is a plain id', async () => {
    const res = await request(app).get('/us/en/regions?from=privacy&section=data-we-collect').expect(200);
    expect(hrefs(res.text)).toContain('/regions/choose?site=de-de&page=privacy#data-we-collect');
  });

  it('drops a section that is not a plain id, and never takes a page outside the route table', async () => {
    const res = await request(app).get('/us/en/regions?from=https%3A%2F%2Fevil.example&section=%22%3E%3Cx').expect(200);
    expect(hrefs(res.text)).toContain('/regions/choose?site=de-de');
    expect(res.text).not.toContain('evil.example');
    expect(res.text).not.toContain('"><x');
    const upper = await request(app).get('/us/en/regions?from=privacy&section=Top').expect(200);
    expect(hrefs(upper.text)).toContain('/regions/choose?site=de-de&page=privacy');
  });

  it('the choice lands on the page; the fragment rides the 303 to it', async () => {
    const res = await request(app).get('/regions/choose?site=de-de&page=privacy').expect(303);
    expect(res.headers.location).toBe('/de/de/privacy');
  });
});

describe('the suggestion endpoint', () => {
  const ask = (path: string, headers: Record<string, string> = {}, target = app) =>
    request(target)
      .get(`/api/suggest?path=${encodeURIComponent(path)}`)
      .set(headers);

  it('suggests the German site, in German, for de-DE on /us/en/, privately', async () => {
    const res = await ask('/us/en/', { 'Accept-Language': 'de-DE,de;q=0.9,en;q=0.5' }).expect(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers.vary).toMatch(/Accept-Language/);
    expect(res.headers.vary).toMatch(/Cookie/);
    expect(res.body).toEqual({
      suggestion: {
        site: 'de-de',
        lang: 'de-DE',
        dir: 'ltr',
        href: '/regions/choose?site=de-de',
        label: expect.any(String),
        text: 'Diese Seite gibt es auch für ein anderes Land oder eine andere Region und Sprache:',
        name: 'Deutschland · Deutsch',
        dismiss: 'Schließen',
      },
    });
  });

  it('keeps the page: from the privacy statement it offers the German statement', async () => {
    const res = await ask('/us/en/privacy', { 'Accept-Language': 'de-DE' }).expect(200);
    expect(res.body.suggestion.href).toBe('/regions/choose?site=de-de&page=privacy');
  });

  it('suggests nothing for en-US on /us/en/, for bare "en" on /gb/en/, nor without any clue', async () => {
    expect((await ask('/us/en/', { 'Accept-Language': 'en-US,en;q=0.8' }).expect(200)).body).toEqual({ suggestion: null });
    expect((await ask('/gb/en/', { 'Accept-Language': 'en' }).expect(200)).body).toEqual({ suggestion: null });
    expect((await ask('/us/en/').expect(200)).body).toEqual({ suggestion: null });
  });

  it.each(['/sa/ar/privacy/request', '/sa/ar/email-signup', '/sa/ar/search?q=x', '/sa/ar/nope'])(
    'offers nothing on %s, which is not a page the other site has too (the banner would say it is)',
    async (path) => {
      expect((await ask(path, { 'Accept-Language': 'en-US' }).expect(200)).body).toEqual({ suggestion: null });
    },
  );

  it('follows the remembered choice first: a visitor who chose the US site is not sent away', async () => {
    const res = await ask('/us/en/', { 'Accept-Language': 'de-DE', Cookie: 'region=us-en' }).expect(200);
    expect(res.body).toEqual({ suggestion: null });
  });

  it('uses the trusted edge country when configured, in that country’s language', async () => {
    const res = await ask('/us/en/support', { 'cf-ipcountry': 'JP' }, withEdge).expect(200);
    expect(res.body.suggestion).toMatchObject({ site: 'jp-ja', lang: 'ja-JP', href: '/regions/choose?site=jp-ja&page=support' });
    expect(res.headers.vary).toMatch(/cf-ipcountry/);
  });

  it('writes right-to-left languages as such', async () => {
    const res = await ask('/us/en/', { 'Accept-Language': 'ar-SA' }).expect(200);
    expect(res.body.suggestion).toMatchObject({ site: 'sa-ar', lang: 'ar-SA', dir: 'rtl' });
  });

  it.each([
    ['no path', '/api/suggest'],
    ['two paths', '/api/suggest?path=/us/en/&path=/de/de/'],
    ['not a site', '/api/suggest?path=/nowhere'],
    ['not a path', '/api/suggest?path=https://evil.example/'],
    ['too long', `/api/suggest?path=/us/en/${'a'.repeat(600)}`],
    ['junk', '/api/suggest?path=%FF%00'],
  ])('answers %s with a 400 in JSON', async (_, url) => {
    const res = await request(app).get(url).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(typeof res.body.error).toBe('string');
  });
});

describe('pages stay the same for everybody', () => {
  it('/us/en/ has the same bytes and ETag with and without Accept-Language: de-DE', async () => {
    const plain = await request(app).get('/us/en/').expect(200);
    const german = await request(app).get('/us/en/').set('Accept-Language', 'de-DE').expect(200);
    expect(german.text).toBe(plain.text);
    expect(german.headers.etag).toBe(plain.headers.etag);
    expect(plain.headers.etag).toBeTruthy();
    expect(plain.text).not.toContain('Deutschland · Deutsch');
  });
});
