import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fallbackChain, loadResources } from '../src/i18n.js';
import { regionData, textVariantData } from '../src/regions/registry-data.js';
import { buildRegistry } from '../src/regions/registry.js';
import { textDirection } from '../src/shell/layout.js';
import { ROOT, makeApp, textOf } from './helpers.js';

const { app, site } = makeApp();
const page = async (url: string) => {
  const res = await request(app).get(url);
  expect(res.status, url).toBe(200);
  return { html: res.text, text: textOf(res.text), lang: res.headers['content-language'] };
};

describe('the fallback chains the registry’s variants give', () => {
  it.each([
    ['pt-PT', ['pt-PT', 'pt', 'en']],
    ['pt-AO', ['pt-AO', 'pt-PT', 'pt', 'en']],
    ['pt-MZ', ['pt-MZ', 'pt-PT', 'pt', 'en']],
    ['pt-CV', ['pt-CV', 'pt-PT', 'pt', 'en']],
    ['pt-GW', ['pt-GW', 'pt-PT', 'pt', 'en']],
    ['pt-ST', ['pt-ST', 'pt-PT', 'pt', 'en']],
    ['pt-BR', ['pt-BR', 'pt', 'en']],
    ['es-MX', ['es-MX', 'es-419', 'es', 'en']],
    ['es-AR', ['es-AR', 'es-419', 'es', 'en']],
    ['es-VE', ['es-VE', 'es-419', 'es', 'en']],
    ['es-ES', ['es-ES', 'es', 'en']],
    ['es-GQ', ['es-GQ', 'es', 'en']],
    ['zh-Hant-HK', ['zh-Hant-HK', 'zh-Hant', 'en']],
    ['zh-Hans-CN', ['zh-Hans-CN', 'zh-Hans', 'en']],
    ['fr-MA', ['fr-MA', 'fr', 'en']],
    ['fr-CA', ['fr-CA', 'fr', 'en']],
  ])('%s reads %j', (locale, chain) => {
    expect(site.translations.chain(locale)).toEqual(chain);
  });

  it('gives every Spanish site of the Americas es-419 and every lusophone site outside Brazil pt-PT', () => {
    const americas = site.registry.sites.filter((s) => s.lang === 'es' && /america/.test(s.region.continent));
    expect(americas.map((s) => s.cc).sort()).toEqual(['ar', 'bo', 'cl', 'co', 'ec', 'mx', 'pe', 'py', 'uy', 've']);
    for (const s of americas) expect(s.variant, s.cc).toBe('es-419');
    const lusophone = site.registry.sites.filter((s) => s.lang === 'pt' && s.cc !== 'br');
    expect(lusophone.map((s) => s.cc).sort()).toEqual(['ao', 'cv', 'gw', 'mz', 'pt', 'st']);
    for (const s of lusophone) expect(s.variant, s.cc).toBe('pt-PT');
    expect(site.registry.site('br', 'pt')!.variant).toBeUndefined();
  });

  it('keeps the region in each site’s own locale (hreflang, <html lang>) while it reads the variant', async () => {
    expect(site.registry.site('pt', 'pt')!.locale).toBe('pt-PT');
    expect(site.registry.site('ao', 'pt')!.locale).toBe('pt-AO');
    expect(site.registry.site('mx', 'es')!.locale).toBe('es-MX');
    const { html } = await page('/ao/pt/privacy');
    expect(html).toContain('<html lang="pt-AO" dir="ltr">');
    expect(html).toContain('<link rel="alternate" hreflang="pt-PT" href="https://site.test/pt/pt/privacy">');
    expect(html).toContain('<link rel="alternate" hreflang="es-MX" href="https://site.test/mx/es/privacy">');
    expect(html).toContain('<link rel="alternate" hreflang="fr-MA" href="https://site.test/ma/fr/privacy">');
  });

  it('refuses, at start-up, a variant for a region without that language', () => {
    expect(() => buildRegistry(regionData, [{ locale: 'pt-PT', regions: ['fr'], why: 'test' }])).toThrow(
      /pt-PT names fr, which has no pt site/,
    );
    expect(() => buildRegistry(regionData, [...textVariantData, { locale: 'es-ES', regions: ['mx'], why: 'test' }])).toThrow(
      /\/mx\/es reads two variants/,
    );
  });

  it('leaves fallbackChain without variants as it was', () => {
    expect(fallbackChain('pt-AO')).toEqual(['pt-AO', 'pt', 'en']);
  });
});

describe('regional text', () => {
  it('writes European Portuguese on /pt/pt/privacy, and Brazilian on /br/pt/privacy', async () => {
    const pt = await page('/pt/pt/privacy');
    expect(pt.lang).toBe('pt-PT');
    expect(pt.text).toContain('Recolhemos as informações');
    expect(pt.text).toContain('Contacte-nos');
    expect(pt.text).toContain('página de registo');
    expect(pt.text).toContain('para fins de formação de pessoal');
    expect(pt.text).toContain('monitorizar');
    expect(pt.text).not.toMatch(/\bvocê\b|\bcolet|\bcontato|Fale conosco|\bregistro\b|treinamento|monitorar/i);
    const br = await page('/br/pt/privacy');
    expect(br.text).toContain('Coletamos as informações');
    expect(br.text).toContain('Fale conosco');
  });

  it.each(['ao', 'mz', 'cv', 'gw', 'st'])('writes European Portuguese on /%s/pt/privacy too', async (cc) => {
    const { text } = await page(`/${cc}/pt/privacy`);
    expect(text).toContain('Recolhemos as informações');
    expect(text).not.toMatch(/\bvocê\b|\bcolet/i);
  });

  it('writes Latin American Spanish on /mx/es/privacy, Spain’s on /es/es/privacy and /gq/es/privacy', async () => {
    const mx = await page('/mx/es/privacy');
    expect(mx.lang).toBe('es-MX');
    expect(mx.text).toContain('Computadoras portátiles');
    expect(mx.text).toContain('una denominada “cookies”');
    expect(mx.text).not.toMatch(/[«»]/);
    for (const url of ['/es/es/privacy', '/gq/es/privacy']) {
      const es = await page(url);
      expect(es.text, url).toContain('una denominada «cookies»');
      expect(es.text, url).not.toContain('Computadoras');
    }
  });

  it('writes 联想 on /cn/zh/, with 联想（Lenovo） at the statement’s first mention', async () => {
    const { html, text } = await page('/cn/zh/privacy');
    const body = textOf(html.slice(html.indexOf('<h1>')));
    expect(body.indexOf('联想（Lenovo）')).toBeGreaterThan(-1);
    expect(body.indexOf('联想（Lenovo）')).toBe(body.indexOf('联想'));
    expect(text).toContain('联想网站');
    expect(text).not.toContain('Lenovo 网站');
  });

  it('says 熱線 on /hk/zh/ where /tw/zh/ says 專線', async () => {
    const hk = await page('/hk/zh/support/contact');
    const tw = await page('/tw/zh/support/contact');
    expect(hk.text).toContain('電話熱線');
    expect(hk.text).not.toContain('專線');
    expect(tw.text).toContain('電話專線');
  });
});

describe('French where it is a language of commerce', () => {
  const added = ['ma', 'dz', 'tn', 'mr', 'dj', 'km'];

  it.each(added)('serves /%s/fr/privacy in French, beside Arabic and English', async (cc) => {
    const fr = await page(`/${cc}/fr/privacy`);
    expect(fr.lang).toBe(`fr-${cc.toUpperCase()}`);
    expect(fr.html).toContain('<h1>Déclaration de confidentialité</h1>');
    expect((await request(app).get(`/${cc}/ar/privacy`)).status).toBe(200);
    expect((await request(app).get(`/${cc}/en/privacy`)).status).toBe(200);
    // Arabic stays the region's default language.
    expect((await request(app).get(`/${cc}/`)).headers.location).toBe(`/${cc}/ar/`);
  });

  it('lists the French and Arabic sites in the selector, each named in its own language', async () => {
    const { html } = await page('/us/en/regions');
    expect(html).toContain('<span lang="fr">Maroc – Français</span> <span class="selector__translation">(Morocco – French)</span>');
    expect(html).toContain('<span lang="ar">المغرب – العربية</span>');
    for (const cc of added) expect(html, cc).toContain(`href="/regions/choose?site=${cc}-fr"`);
    // The footer's compact selector too, on every page.
    const footer = (await page('/de/de/privacy')).html;
    expect(footer).toMatch(/<option value="ma-fr" lang="fr">Maroc – Français/);
    expect(footer).toMatch(/<option value="ma-ar" lang="ar">المغرب – العربية/);
  });

  it.each([
    ['fr-MA', '/ma/fr/'],
    ['fr-DZ,fr;q=0.9,ar;q=0.8', '/dz/fr/'],
    ['fr-TN', '/tn/fr/'],
    ['ar-MA', '/ma/ar/'],
    ['fr', '/fr/fr/'],
  ])('redirects / with Accept-Language %s to %s', async (header, target) => {
    const res = await request(app).get('/').set('Accept-Language', header);
    expect(res.headers.location).toBe(target);
  });

  it('puts the French sites in the sitemap with their alternates', async () => {
    const privacy = (await request(app).get('/sitemaps/privacy.xml')).text;
    expect(privacy).toContain('<loc>https://site.test/ma/fr/privacy</loc>');
    expect(privacy).toContain('<xhtml:link rel="alternate" hreflang="fr-TN" href="https://site.test/tn/fr/privacy"/>');
  });

  it('remembers a choice of /ma/fr/ from the selector', async () => {
    const res = await request(app).get('/regions/choose?site=ma-fr');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/ma/fr/');
  });
});

describe('right to left from the locale', () => {
  it.each([
    ['ar-SA', 'rtl'],
    ['he-IL', 'rtl'],
    ['fa-IR', 'rtl'],
    ['ur-PK', 'rtl'],
    ['en-US', 'ltr'],
    ['ja-JP', 'ltr'],
    ['am-ET', 'ltr'],
  ])('%s is %s', (locale, dir) => {
    expect(textDirection(locale)).toBe(dir);
  });

  it('marks the Hebrew on /il/he/privacy rtl: the notice while the page is in English, the page once translated', async () => {
    const { html } = await page('/il/he/privacy');
    if (html.includes('class="notice"')) {
      expect(html).toMatch(/<div class="notice" role="note" lang="he-IL" dir="rtl">/);
      expect(html).toContain('דף זה עדיין אינו זמין');
    } else {
      expect(html).toContain('<html lang="he-IL" dir="rtl">');
    }
  });

  it('marks a translated Hebrew page rtl, as Arabic', async () => {
    // Fixture: Hebrew as the translators will deliver it, here with its notice and English text as stand-in.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'he-'));
    const resources = loadResources(path.join(ROOT, 'locales'));
    for (const locale of ['en', 'he']) {
      fs.mkdirSync(path.join(dir, locale));
      for (const [ns, value] of Object.entries(resources.en!)) {
        const he = resources.he!.common as Record<string, unknown>;
        const own = locale === 'he' && ns === 'common' ? { ...(value as Record<string, unknown>), untranslated: he.untranslated } : value;
        fs.writeFileSync(path.join(dir, locale, `${ns}.json`), JSON.stringify(own));
      }
    }
    const hebrew = makeApp({ localesDir: dir });
    const res = await request(hebrew.app).get('/il/he/privacy');
    expect(res.text).toContain('<html lang="he-IL" dir="rtl">');
    expect(res.headers['content-language']).toBe('he-IL');
    expect(res.text).not.toContain('class="notice"');
  });
});
