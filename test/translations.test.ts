import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { compareLocale, pseudoLocalize } from '../src/i18n-check.js';
import { loadResources } from '../src/i18n.js';
import { languageTag, nativeName, visitorName } from '../src/regions/names.js';
import { ROOT, makeApp, textOf } from './helpers.js';

const resources = loadResources(path.join(ROOT, 'locales'));
const { app, site } = makeApp();
/** Regional variants hold only what differs from their parent; every other locale folder is a whole language. */
const VARIANTS = ['en-GB', 'fr-CA', 'de-CH', 'zh-Hant-HK', 'pt-PT', 'es-419'];
const SHIPPED = Object.keys(resources).filter((l) => l !== 'en' && !VARIANTS.includes(l));
/** The language of every site of the registry, as its folder under locales/ is named (`zh-Hant`, `sr-Latn`, `fr`). */
const REGISTRY_LANGUAGES = [...new Set(site.registry.sites.map((s) => languageTag(s.locale)))].filter((l) => l !== 'en');

describe('completeness of translations', () => {
  it.each(SHIPPED)('%s has every key of en, no other keys, and the same variables', (locale) => {
    const report = compareLocale(resources, locale);
    expect(report.missing).toEqual([]);
    expect(report.extra).toEqual([]);
    expect(report.variables).toEqual([]);
  });

  it('ships every language of the registry as a whole language (40 of them)', () => {
    expect(SHIPPED).toEqual(expect.arrayContaining(REGISTRY_LANGUAGES));
    expect(SHIPPED.length).toBeGreaterThanOrEqual(40);
  });

  it('lets variants omit keys, but never add keys or change variables', () => {
    const others = Object.keys(resources).filter((l) => l !== 'en' && !SHIPPED.includes(l));
    expect(others.sort()).toEqual([...VARIANTS].sort());
    for (const locale of others) {
      const report = compareLocale(resources, locale);
      expect(report.extra, locale).toEqual([]);
      expect(report.variables, locale).toEqual([]);
    }
  });

  it('has the untranslated-page notice in every language of the registry', () => {
    const languages = new Set(site.registry.sites.map((s) => new Intl.Locale(s.locale).language));
    for (const lang of languages) {
      if (lang === 'en') continue;
      const t = site.translations.t(site.registry.sites.find((s) => s.lang === lang)!.locale);
      const message = t('common:untranslated.message', { language: 'X' });
      expect(message, lang).toContain('X');
      if (lang !== 'en')
        expect(message, lang).not.toBe(
          (resources.en!.common as { untranslated: { message: string } }).untranslated.message.replace('{{language}}', 'X'),
        );
    }
  });

  it('translates the footer’s copyright line in every language of the registry (ja had kept the English)', () => {
    const english = site.translations.t('en')('common:footer.copyright', { year: 2026 });
    for (const s of site.registry.sites) {
      if (new Intl.Locale(s.locale).language === 'en') continue;
      const line = site.translations.t(s.locale)('common:footer.copyright', { year: 2026 });
      expect(line, s.locale).toMatch(/^© 2026 /);
      expect(line, s.locale).not.toBe(english);
    }
  });

  it('keeps every shipped language’s arrays of paragraphs as long as the English ones', () => {
    const en = resources.en!.privacy as { sections: Record<string, { paragraphs: string[] }> };
    for (const locale of SHIPPED) {
      const mine = resources[locale]!.privacy as typeof en;
      for (const [id, section] of Object.entries(en.sections)) {
        expect(mine.sections[id]!.paragraphs.length, `${locale} ${id}`).toBe(section.paragraphs.length);
      }
    }
  });
});

const ENGLISH_UI = [
  'Privacy statement',
  'Back to top',
  'Skip to main content',
  'Contents',
  'Last updated',
  'Choose your country or region',
  'All countries/regions',
];

describe.each([
  ['/fr/fr/privacy', 'fr-FR', '2 janvier 2014'],
  ['/de/de/privacy', 'de-DE', '2. Januar 2014'],
  ['/be/nl/privacy', 'nl-BE', '2 januari 2014'],
  ['/es/es/privacy', 'es-ES', '2 de enero de 2014'],
  ['/br/pt/privacy', 'pt-BR', '2 de janeiro de 2014'],
  ['/jp/ja/privacy', 'ja-JP', '2014年1月2日'],
  ['/hk/zh/privacy', 'zh-Hant-HK', '2014年1月2日'],
  ['/cn/zh/privacy', 'zh-Hans-CN', '2014年1月2日'],
  ['/sa/ar/privacy', 'ar-SA', '٢ يناير ٢٠١٤'],
])('%s', (url, lang, date) => {
  it(`is entirely in ${lang}, its date too, with the line that the English version prevails`, async () => {
    const res = await request(app).get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe(lang);
    expect(res.text).toContain(`<html lang="${lang}" dir="${lang.startsWith('ar') ? 'rtl' : 'ltr'}">`);
    const text = textOf(res.text).replace(/[\u200f\u200e\u061c]/g, '');
    expect(text).toContain(date);
    for (const english of ENGLISH_UI) expect(text, english).not.toContain(english);
    expect(res.text).toContain('class="statement__translation-notice"');
    expect(res.text).not.toContain('class="notice"');
    // Section ids are the same in every language, so support staff can link #cookies anywhere.
    expect(res.text).toContain('id="cookies"');
  });
});

describe('country variants', () => {
  it('writes British English on /gb/en/privacy', async () => {
    const text = textOf((await request(app).get('/gb/en/privacy')).text);
    expect(text).toContain('a global organisation');
    expect(text).toContain('Personalised URL Link');
    expect(text).not.toMatch(/organization|personalized/i);
    expect(text).toContain('2 January 2014');
    const us = textOf((await request(app).get('/us/en/privacy')).text);
    expect(us).toContain('a global organization');
  });

  it('writes no ß on /ch/de/privacy, but does on /de/de/privacy', async () => {
    const ch = (await request(app).get('/ch/de/privacy')).text;
    expect(ch).not.toContain('ß');
    expect(ch).toContain('<html lang="de-CH"');
    expect((await request(app).get('/de/de/privacy')).text).toContain('ß');
  });

  it('uses Canadian French on /ca/fr/ where it differs, French elsewhere', async () => {
    const ca = textOf((await request(app).get('/ca/fr/privacy')).text);
    const fr = textOf((await request(app).get('/fr/fr/privacy')).text);
    expect(ca).toContain('courriel');
    expect(fr).not.toContain('courriel');
  });

  it('uses Hong Kong wording on /hk/zh/ and Taiwan wording on /tw/zh/', async () => {
    const hk = textOf((await request(app).get('/hk/zh/privacy')).text);
    const tw = textOf((await request(app).get('/tw/zh/privacy')).text);
    expect(hk).toContain('私隱');
    expect(tw).toContain('隱私');
    expect(tw).not.toContain('私隱');
  });
});

describe('right to left', () => {
  it('marks Arabic pages rtl and keeps numbers and Latin text readable', async () => {
    const res = await request(app).get('/sa/ar/support/contact');
    expect(res.text).toContain('<html lang="ar-SA" dir="rtl">');
    // Phone numbers are isolated left-to-right inside the right-to-left text.
    expect(res.text).toMatch(/<span dir="ltr">\+1 855 253 6686<\/span>/);
    const css = await request(app).get(/href="(\/assets\/css\/site\.[^"]+\.css)"/.exec(res.text)![1]!);
    // The layout is built on logical properties only: nothing that would not mirror.
    expect(css.text).not.toMatch(
      /(margin|padding|border)-(left|right)\s*:|\b(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)/,
    );
  });
});

describe('honest fallback', () => {
  // Every language ships today; the fallback is shown with a copy of locales/ where ko, ru and pl hold only their notice.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fallback-'));
  for (const [locale, namespaces] of Object.entries(resources)) {
    fs.mkdirSync(path.join(dir, locale));
    for (const [ns, value] of Object.entries(namespaces)) {
      if (['ko', 'ru', 'pl'].includes(locale) && ns !== 'common') continue;
      const kept = ['ko', 'ru', 'pl'].includes(locale) ? { untranslated: (value as { untranslated: unknown }).untranslated } : value;
      fs.writeFileSync(path.join(dir, locale, `${ns}.json`), JSON.stringify(kept));
    }
  }
  const partial = makeApp({ localesDir: dir });

  it.each([
    ['/kr/ko/privacy', 'ko-KR', '한국어'],
    ['/ru/ru/privacy', 'ru-RU', 'русский'],
    ['/pl/pl/privacy', 'pl-PL', 'polski'],
  ])('shows %s in English with a notice in the visitor’s language', async (url, locale, languageName) => {
    const res = await request(partial.app).get(url);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="en" dir="ltr">');
    expect(res.headers['content-language']).toBe('en');
    const notice = /<div class="notice" role="note" lang="([^"]+)" dir="ltr">([\s\S]*?)<\/div>/.exec(res.text)!;
    expect(notice[1]).toBe(locale);
    expect(notice[2]).toContain(languageName);
    expect(notice[2]).not.toContain('not yet available');
    expect(res.text).toContain('<h1>Privacy statement</h1>');
  });
});

describe('every site in its own language', () => {
  it('shows no site of the registry in English with the fallback notice, and <html lang> is the site’s locale', async () => {
    for (const s of site.registry.sites) {
      const res = await request(app).get(`/${s.cc}/${s.lang}/privacy`);
      expect(res.status, s.prefix).toBe(200);
      expect(res.text, s.prefix).not.toContain('class="notice" role="note"');
      expect(res.text, s.prefix).toContain(`<html lang="${s.locale}"`);
      expect(res.headers['content-language'], s.prefix).toBe(s.locale);
    }
  });
});

describe('pseudo-locale en-XA', () => {
  // Every locale as shipped, but English replaced by its pseudo-localised form.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pseudo-'));
  for (const locale of ['en']) {
    fs.mkdirSync(path.join(dir, locale));
    for (const [ns, value] of Object.entries(resources[locale]!)) {
      fs.writeFileSync(path.join(dir, locale, `${ns}.json`), JSON.stringify(pseudoLocalize(value)));
    }
  }
  const pseudo = makeApp({ localesDir: dir });

  /** Words Intl writes (names of days, months, zones, regions and languages): data, not our text. */
  const intlWords = new Set<string>(['AM', 'PM', 'LENOVO']);
  const addWords = (s: string | undefined) => s?.split(/[^A-Za-z]+/).forEach((w) => w && intlWords.add(w));
  for (let d = 0; d < 7; d++)
    addWords(new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + d))));
  for (let m = 0; m < 12; m++) {
    for (const month of ['long', 'short'] as const)
      addWords(new Intl.DateTimeFormat('en-US', { month, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, m, 1))));
  }
  for (const s of pseudo.site.registry.sites) {
    // The header's "where am I": region and language names from Intl, and their codes ("US · EN").
    addWords(new Intl.DisplayNames(s.locale, { type: 'region' }).of(s.cc.toUpperCase()));
    addWords(new Intl.DisplayNames(s.locale, { type: 'language' }).of(s.lang));
    addWords(`${s.cc.toUpperCase()} ${s.lang.toUpperCase()}`);
    addWords(nativeName(s));
    addWords(visitorName(s, 'en-US'));
  }
  for (const zone of ['America/New_York'])
    addWords(new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longGeneric' }).format(new Date(Date.UTC(2024, 0, 15))));

  it.each([
    '/us/en/',
    '/us/en/privacy',
    '/us/en/support',
    '/us/en/support/contact',
    '/us/en/support/directory',
    '/us/en/regions',
    '/us/en/products/laptops',
    '/us/en/no-such-page',
  ])('renders %s with no visible string outside t()', async (url) => {
    const res = await request(pseudo.app).get(url);
    // A <wbr> (a line-break opportunity inside a link shown as text) does not split the text around it.
    const html = res.text.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<wbr>/g, '');
    const visible = [...html.matchAll(/>([^<]+)</g), ...html.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map(
      (m) => m[1]!,
    );
    const leaks = visible
      // Pseudo text, and URLs shown as data (the directory's links for customers), are not leaks.
      .map((text) =>
        text
          .replace(/&amp;/g, '&')
          .replace(/⟦[^⟧]*⟧/g, ' ')
          .replace(/https:\/\/site\.test\/\S*/g, ' '),
      )
      .flatMap((text) => text.match(/[A-Za-z]{2,}/g) ?? [])
      .filter((word) => !intlWords.has(word));
    expect(leaks, url).toEqual([]);
    expect(html).toContain('⟦');
  });
});
