// The i18next instance, built once at start-up from locales/{locale}/{namespace}.json.
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';

export const NAMESPACES = ['common', 'nav', 'privacy', 'support', 'regions'] as const;

export interface Translations {
  readonly i18n: i18n;
  /** Locales that have a folder under locales/. */
  readonly locales: readonly string[];
  /** A translator fixed to `locale`, resolved along the fallback chain. */
  t(locale: string): TFunction;
  /** True when every namespace of `en` exists somewhere on `locale`'s chain before `en`. */
  isShipped(locale: string): boolean;
  /** The fallback chain of `locale`, most specific first, ending with `en`. */
  chain(locale: string): string[];
}

/** `fr-BE` → fr-BE, fr, en; `zh-Hant-HK` → zh-Hant-HK, zh-Hant, en. Region-less script tags keep their script. */
export function fallbackChain(locale: string): string[] {
  const { language, script, region } = new Intl.Locale(locale);
  const chain = [locale];
  if (script && region) chain.push(`${language}-${script}`);
  else if (region) chain.push(language);
  chain.push('en');
  return [...new Set(chain)];
}

export function loadResources(localesDir: string): Resource {
  const resources: Resource = {};
  for (const locale of fs.readdirSync(localesDir).sort()) {
    const dir = path.join(localesDir, locale);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!file.endsWith('.json')) continue;
      const ns = file.slice(0, -'.json'.length);
      const where = path.join(dir, file);
      try {
        (resources[locale] ??= {})[ns] = JSON.parse(fs.readFileSync(where, 'utf8'));
      } catch (error) {
        throw new Error(`${where} is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  if (!resources.en) throw new Error(`${localesDir}/en is missing: English is the fallback of every locale`);
  return resources;
}

export function createTranslations(localesDir: string): Translations {
  const resources = loadResources(localesDir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: (code: string) => fallbackChain(code).slice(1),
    ns: [...NAMESPACES],
    defaultNS: 'common',
    initAsync: false,
    load: 'currentOnly',
    // EJS escapes what it prints; values that are HTML are built by our code.
    interpolation: { escapeValue: false },
    returnNull: false,
  } as Parameters<typeof instance.init>[0]);
  const fixed = new Map<string, TFunction>();
  const locales = Object.keys(resources);
  const chain = (locale: string) => fallbackChain(locale);
  return {
    i18n: instance,
    locales,
    chain,
    t(locale) {
      let t = fixed.get(locale);
      if (!t) {
        t = instance.getFixedT(locale);
        fixed.set(locale, t);
      }
      return t;
    },
    isShipped(locale) {
      const own = chain(locale).filter((l) => l !== 'en' && !l.startsWith('en-'));
      if (new Intl.Locale(locale).language === 'en') return true;
      return Object.keys(resources.en!).every((ns) => own.some((l) => resources[l]?.[ns] !== undefined));
    },
  };
}
