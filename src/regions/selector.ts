// The country/region selector: every seed entry grouped by continent, named in its own language with Intl.
import { displayName } from '../i18n.js';
import type { Site } from './registry.js';
import { CONTINENTS, type Registry, type RegionLanguage } from './registry.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage, type SiteDeps } from '../shell/page.js';
import { PAGE_PATHS, routePath, type RouteKey } from '../shell/routes.js';

export function capitalise(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** `zh-Hant-HK` → `zh-Hant`, `fr-BE` → `fr`: the language a locale is written in. */
export function languageTag(locale: string): string {
  const { language, script } = new Intl.Locale(locale);
  return script ? `${language}-${script}` : language;
}

const nativeNames = new WeakMap<Site, string>();

/** "Deutschland", "Belgique – Français": the region in the site's own language, with the language where the region has several. */
export function nativeName(site: Site): string {
  let name = nativeNames.get(site);
  // Each site's name is in its own locale: the directory names 129 regions in 129 locales per page.
  if (name === undefined) nativeNames.set(site, (name = computeNativeName(site)));
  return name;
}

function computeNativeName(site: Site): string {
  const region = displayName(site.locale, 'region', site.cc.toUpperCase()) ?? site.cc;
  const listed = site.region.languages.filter(isListed);
  if (listed.length < 2) return region;
  const language = displayName(site.locale, 'language', languageTag(site.locale)) ?? site.lang;
  return `${region} – ${capitalise(language, site.locale)}`;
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

export interface SelectorEntry {
  value: string;
  name: string;
  nameLang: string;
  visitorName: string | undefined;
  href: string;
  current: boolean;
}

export function selectorModel(deps: SiteDeps, current: Site | undefined, visitorLocale: string, from: RouteKey) {
  const collator = new Intl.Collator(visitorLocale);
  const sites = selectorSites(deps.registry);
  const continentNames: Record<string, string> = {};
  const groups = CONTINENTS.map((continent) => {
    const entries: SelectorEntry[] = sites
      .filter((s) => s.region.continent === continent)
      .map((s) => {
        const name = nativeName(s);
        const inVisitor = visitorName(s, visitorLocale);
        return {
          value: `${s.cc}-${s.lang}`,
          name,
          nameLang: languageTag(s.locale),
          visitorName: inVisitor !== name ? inVisitor : undefined,
          href: chooseHref(s, from),
          current: current !== undefined && s.prefix === current.prefix,
        };
      })
      .sort((a, b) => collator.compare(a.visitorName ?? a.name, b.visitorName ?? b.name));
    continentNames[continent] = continent;
    return { continent, entries };
  }).filter((g) => g.entries.length > 0);
  return { groups, sites };
}

/** The link that records the choice and lands on `from` in `site`. */
export function chooseHref(site: Site, from: RouteKey): string {
  const page = from === 'home' ? '' : `&page=${encodeURIComponent(from)}`;
  return `/regions/choose?site=${site.cc}-${site.lang}${page}`;
}

export function renderSelector(deps: SiteDeps, site: Site, from: RouteKey = 'home'): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const model = selectorModel(deps, site, language.contentLocale, from);
  return renderInLayout(deps, language, {
    view: 'regions/selector',
    route: 'regions',
    head: {
      title: t('regions:title'),
      description: t('regions:description'),
      ...headLinks(deps, site, PAGE_PATHS.regions, deps.registry.sites),
    },
    model: { selector: model, from, fromPath: routePath(from) },
  });
}
