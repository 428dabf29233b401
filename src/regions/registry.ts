// The region registry: schema, validation at start-up, and look-ups by code and language.
import { z } from 'zod';

export const CONTINENTS = ['africa', 'asia', 'europe', 'north-america', 'south-america', 'oceania'] as const;

let knownZones: ReadonlySet<string> | undefined;
const checkedZones = new Map<string, boolean>();

/**
 * True for an IANA time zone Intl knows (`America/New_York`). Intl's list of canonical zones answers
 * most at once; others (aliases such as Asia/Kolkata) are tried on a formatter, once each: building a
 * formatter per region and line was ~50 ms of start-up.
 */
export function isTimeZone(zone: string): boolean {
  knownZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (knownZones.has(zone)) return true;
  let known = checkedZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (checkedZones.size < 1000) checkedZones.set(zone, known);
  }
  return known;
}

function isLocale(tag: string): boolean {
  try {
    return new Intl.Locale(tag).toString() === tag;
  } catch {
    return false;
  }
}

const languageSchema = z
  .object({
    lang: z.string().regex(/^[a-z]{2}$/, 'lang must be an ISO 639-1 code in lower case'),
    locale: z.string().refine(isLocale, 'locale must be a canonical BCP 47 tag'),
    seedName: z.string().min(1).optional(),
    /** Why a language the seed's selector does not list is offered (it is then listed in the selector too). */
    added: z.string().min(1).optional(),
  })
  .refine((l) => new Intl.Locale(l.locale).language === l.lang, 'locale must start with its lang')
  .refine((l) => !(l.seedName && l.added), 'a language is either the seed’s (seedName) or added (with why), not both');

export const regionInputSchema = z
  .object({
    code: z.string().regex(/^[a-z]{2}$/, 'code must be an ISO 3166-1 alpha-2 code in lower case'),
    continent: z.enum(CONTINENTS),
    timeZone: z.string().refine(isTimeZone, 'timeZone must be an IANA time zone'),
    languages: z.array(languageSchema).min(1),
  })
  .refine((r) => r.languages.some((l) => l.lang === 'en'), 'every region offers English')
  .refine((r) => new Set(r.languages.map((l) => l.lang)).size === r.languages.length, 'a language is listed twice')
  .refine(
    (r) => r.languages.every((l) => new Intl.Locale(l.locale).region?.toLowerCase() === r.code),
    'every locale must name the region (e.g. fr-BE for be)',
  );

export type RegionInput = z.input<typeof regionInputSchema>;

/** A regional variant of a language (`pt-PT`, `es-419`) and the regions whose sites read it before the language itself. */
export const textVariantSchema = z.object({
  locale: z.string().refine(isLocale, 'locale must be a canonical BCP 47 tag'),
  regions: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  why: z.string().min(1),
});
export type TextVariantInput = z.input<typeof textVariantSchema>;
export type Continent = (typeof CONTINENTS)[number];

export interface RegionLanguage {
  readonly lang: string;
  readonly locale: string;
  readonly seedName?: string;
  readonly added?: string;
}

export interface Region {
  readonly code: string;
  readonly continent: Continent;
  readonly timeZone: string;
  readonly languages: readonly RegionLanguage[];
  readonly defaultLanguage: string;
}

/** One site of the registry: a region in one of its languages, served under `/{cc}/{lang}/`. */
export interface Site {
  readonly cc: string;
  readonly lang: string;
  readonly locale: string;
  readonly region: Region;
  /** `/{cc}/{lang}` without a trailing slash. */
  readonly prefix: string;
  /** The regional variant whose text this site reads before its language's (`pt-PT` for pt-AO), when there is one. */
  readonly variant?: string;
}

export interface Registry {
  readonly regions: readonly Region[];
  readonly sites: readonly Site[];
  region(cc: string): Region | undefined;
  site(cc: string, lang: string): Site | undefined;
  defaultSite(region: Region): Site;
  /** Site locale → the variant it reads next (`pt-AO` → `pt-PT`, `es-MX` → `es-419`): the fallback chain's extra links. */
  readonly variantParents: ReadonlyMap<string, string>;
  /** The site for a visitor we cannot place (`us/en`): written here only, checked at start-up. */
  readonly fallbackSite: Site;
}

/** The fallback site's region and language. */
const FALLBACK = { cc: 'us', lang: 'en' } as const;

export class RegistryError extends Error {}

/** A site's id, `cc-lang` (`be-fr`): the value of the region form, the remembered choice and the choose link. */
export function siteId(site: Pick<Site, 'cc' | 'lang'>): string {
  return `${site.cc}-${site.lang}`;
}

/** The site a `cc-lang` id names, if the registry has it; anything else (junk, unknown) is undefined. */
export function parseSiteId(registry: Pick<Registry, 'site'>, value: string | undefined): Site | undefined {
  const m = value ? /^([a-z]{2})-([a-z]{2})$/.exec(value) : null;
  return m ? registry.site(m[1]!, m[2]!) : undefined;
}

export function buildRegistry(
  data: readonly unknown[],
  variants: readonly unknown[] = [],
  source = 'src/regions/registry-data.ts',
): Registry {
  const regions: Region[] = [];
  const byCode = new Map<string, Region>();
  const sites = new Map<string, Site>();
  data.forEach((entry, index) => {
    const parsed = regionInputSchema.safeParse(entry);
    const name = (entry as { code?: unknown })?.code;
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
      throw new RegistryError(`${source}: region #${index} (${String(name)}) is invalid: ${detail}`);
    }
    const r = parsed.data;
    if (byCode.has(r.code)) throw new RegistryError(`${source}: region "${r.code}" is listed twice`);
    const region: Region = {
      code: r.code,
      continent: r.continent,
      timeZone: r.timeZone,
      languages: r.languages,
      defaultLanguage: r.languages[0]!.lang,
    };
    regions.push(region);
    byCode.set(region.code, region);
    for (const l of region.languages) {
      sites.set(`${region.code}/${l.lang}`, {
        cc: region.code,
        lang: l.lang,
        locale: l.locale,
        region,
        prefix: `/${region.code}/${l.lang}`,
      });
    }
  });
  const variantParents = new Map<string, string>();
  variants.forEach((entry, index) => {
    const parsed = textVariantSchema.safeParse(entry);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
      throw new RegistryError(`${source}: text variant #${index} is invalid: ${detail}`);
    }
    const v = parsed.data;
    const { language } = new Intl.Locale(v.locale);
    for (const cc of v.regions) {
      const site = sites.get(`${cc}/${language}`);
      if (!site) throw new RegistryError(`${source}: text variant ${v.locale} names ${cc}, which has no ${language} site`);
      if (site.variant) throw new RegistryError(`${source}: ${site.prefix} reads two variants (${site.variant}, ${v.locale})`);
      sites.set(`${cc}/${language}`, { ...site, variant: v.locale });
      if (site.locale !== v.locale) variantParents.set(site.locale, v.locale);
    }
  });
  const fallbackSite = sites.get(`${FALLBACK.cc}/${FALLBACK.lang}`);
  if (!fallbackSite) throw new RegistryError(`${source}: the default site ${FALLBACK.cc}/${FALLBACK.lang} is missing`);
  return {
    regions,
    sites: [...sites.values()],
    region: (cc) => byCode.get(cc),
    site: (cc, lang) => sites.get(`${cc}/${lang}`),
    defaultSite: (region) => sites.get(`${region.code}/${region.defaultLanguage}`)!,
    variantParents,
    fallbackSite,
  };
}
