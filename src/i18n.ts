// The i18next instance, built once at start-up from locales/{locale}/{namespace}.json.
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import { Lru } from './lru.js';

export const NAMESPACES = ['common', 'nav', 'privacy', 'support', 'regions', 'forms'] as const;

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

/**
 * `fr-BE` → fr-BE, fr, en; `zh-Hant-HK` → zh-Hant-HK, zh-Hant, en. Region-less script tags keep their script.
 * `parents` adds the registry's regional variants: with `pt-AO` → `pt-PT`, pt-AO → pt-PT, pt, en;
 * with `es-MX` → `es-419`, es-MX → es-419, es, en.
 */
export function fallbackChain(locale: string, parents: ReadonlyMap<string, string> = NO_PARENTS): string[] {
  const { language, script, region } = new Intl.Locale(locale);
  const chain = [locale];
  const parent = parents.get(locale);
  if (parent && parent !== locale) chain.push(...fallbackChain(parent, parents));
  else if (script && region) chain.push(`${language}-${script}`);
  else if (region) chain.push(language);
  chain.push('en');
  return [...new Set(chain)];
}

const NO_PARENTS: ReadonlyMap<string, string> = new Map();

/**
 * A translator that resolves each plain key once: pages call t() hundreds of times, and the
 * resources never change after start-up. Calls with interpolation values still go to i18next.
 */
function memoised(t: TFunction): TFunction {
  const plain = new Map<string, unknown>();
  const objects = new Map<string, unknown>();
  const interpolated = new Map<string, unknown>();
  const wrapped = ((key: string, options?: Record<string, unknown>) => {
    if (options === undefined) {
      if (!plain.has(key)) plain.set(key, t(key));
      return plain.get(key);
    }
    if (Object.keys(options).length === 1 && options.returnObjects === true) {
      if (!objects.has(key)) objects.set(key, t(key, options));
      return objects.get(key);
    }
    // Values from our own data (an option digit, a product name) repeat; memoise those, within a bound.
    const values = Object.values(options);
    if (values.every((v) => typeof v === 'string' || typeof v === 'number') && values.join('').length < 200) {
      const memoKey = `${key}\u0000${JSON.stringify(options)}`;
      if (!interpolated.has(memoKey)) {
        const value = t(key, options);
        if (interpolated.size >= 20_000) return value;
        interpolated.set(memoKey, value);
      }
      return interpolated.get(memoKey);
    }
    return t(key, options);
  }) as unknown as TFunction;
  return wrapped;
}

/**
 * A small least-recently-used cache of Intl objects. Building one costs ~0.1 ms, but each holds ICU
 * data (~100 KB) for its locale: keeping one per shape for all 229 sites would hold ~150 MB for
 * pages that are rendered once and then served from the page cache. A page renders in one locale,
 * so a few dozen entries catch every repeat within a render.
 */
const formats = new Lru<Intl.DateTimeFormat>(48);

/**
 * The locale whose ICU data Intl uses for `locale`, by kind of Intl object: en-AO, en-AR and 80 other
 * sites' locales resolve to en, so they share one formatter instead of churning the LRU (a new
 * formatter per page was 4 % of cache-miss CPU). Intl builds with the resolved locale, so the output
 * is the same.
 */
const dataLocales = new Map<string, string>();

function dataLocale(kind: 'date' | 'names', locale: string): string {
  const key = `${kind}|${locale}`;
  let resolved = dataLocales.get(key);
  if (resolved === undefined) {
    resolved = (kind === 'date' ? new Intl.DateTimeFormat(locale) : new Intl.DisplayNames(locale, { type: 'region' })).resolvedOptions()
      .locale;
    if (dataLocales.size < 4000) dataLocales.set(key, resolved);
  }
  return resolved;
}

/** An Intl.DateTimeFormat, reused within a render. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const data = dataLocale('date', locale);
  return formats.get(`${data}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(data, options));
}

const displayNames = new Lru<Intl.DisplayNames>(16);

export function displayName(locale: string, type: 'region' | 'language', code: string): string | undefined {
  const data = dataLocale('names', locale);
  return displayNames.get(`${data}|${type}`, () => new Intl.DisplayNames(data, { type })).of(code);
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
        (resources[locale] ??= {})[ns] = JSON.parse(fs.readFileSync(where, 'utf8')) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`${where} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  if (!resources.en) throw new Error(`${localesDir}/en is missing: English is the fallback of every locale`);
  return resources;
}

export function createTranslations(localesDir: string, variantParents: ReadonlyMap<string, string> = NO_PARENTS): Translations {
  const resources = loadResources(localesDir);
  const chains = new Map<string, string[]>();
  const chain = (locale: string): string[] => {
    const known = chains.get(locale);
    if (known) return known;
    const computed = fallbackChain(locale, variantParents);
    if (chains.size < 1000) chains.set(locale, computed);
    return computed;
  };
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: (code: string) => chain(code).slice(1),
    ns: [...NAMESPACES],
    defaultNS: 'common',
    initAsync: false,
    load: 'currentOnly',
    // EJS escapes what it prints; values that are HTML are built by our code.
    interpolation: { escapeValue: false },
    returnNull: false,
  } as Parameters<typeof instance.init>[0]);
  const fixed = new Map<string, TFunction>();
  // Asked several times per page; the resources never change after start-up.
  const shipped = new Map<string, boolean>();
  const locales = Object.keys(resources);
  return {
    i18n: instance,
    locales,
    chain,
    t(locale) {
      // Strings depend only on which locales of the chain have resources (no plurals or formatters in
      // them), so en-AE, en-AO… share the translator of en: ~45 memo tables instead of one per site.
      const source = chain(locale).find((l) => resources[l] !== undefined) ?? 'en';
      let t = fixed.get(source);
      if (!t) {
        t = memoised(instance.getFixedT(source));
        fixed.set(source, t);
      }
      return t;
    },
    isShipped(locale) {
      let known = shipped.get(locale);
      if (known === undefined) {
        const own = chain(locale).filter((l) => l !== 'en' && !l.startsWith('en-'));
        known =
          new Intl.Locale(locale).language === 'en' ||
          Object.keys(resources.en!).every((ns) => own.some((l) => resources[l]?.[ns] !== undefined));
        if (shipped.size < 1000) shipped.set(locale, known);
      }
      return known;
    },
  };
}
