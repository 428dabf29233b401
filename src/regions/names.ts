// Region and language names: a site named in its own language and in the visitor's, and the seed's list of sites.
import { displayName } from '../i18n.js';
import type { Registry, RegionLanguage, Site } from './registry.js';

export function capitalise(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

const tags = new Map<string, string>();

/** `zh-Hant-HK` → `zh-Hant`, `fr-BE` → `fr`: the language a locale is written in. */
export function languageTag(locale: string): string {
  // Memoised: the footer's region list asks for ~130 tags per page, and each Intl.Locale costs ~2 µs.
  let tag = tags.get(locale);
  if (tag === undefined) {
    const { language, script } = new Intl.Locale(locale);
    tag = script ? `${language}-${script}` : language;
    if (tags.size < 2000) tags.set(locale, tag);
  }
  return tag;
}

const nativeNames = new WeakMap<Site, string>();

/** "Deutschland", "Belgique – Français": the region in the site's own language, with the language where the region has several. */
export function nativeName(site: Site): string {
  let name = nativeNames.get(site);
  // Each site's name is in its own locale: the directory names 129 regions in 129 locales per page.
  if (name === undefined) nativeNames.set(site, (name = visitorName(site, site.locale)));
  return name;
}

/** The same name in the visitor's language. */
export function visitorName(site: Site, visitorLocale: string): string {
  const region = displayName(visitorLocale, 'region', site.cc.toUpperCase()) ?? site.cc;
  const listed = site.region.languages.filter(isListed);
  if (listed.length < 2) return region;
  const language = displayName(visitorLocale, 'language', languageTag(site.locale)) ?? site.lang;
  return `${region} – ${capitalise(language, visitorLocale)}`;
}

/** A language the selector lists: the seed's, or one the registry added with its reason. */
function isListed(l: RegionLanguage): boolean {
  return l.seedName !== undefined || l.added !== undefined;
}

/** The selector's entries: the sites of the seed's list and the languages the registry added (each region's listed languages). */
export function selectorSites(registry: Registry): Site[] {
  return registry.sites.filter((s) => {
    const l = s.region.languages.find((x) => x.lang === s.lang);
    return l !== undefined && isListed(l);
  });
}
