// The country/region selector: every seed entry grouped by continent, named in its own language with Intl.
import type { Site } from './registry.js';
import { CONTINENTS, siteId } from './registry.js';
import type { Deps } from '../deps.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { languageTag, nativeName, selectorSites, visitorName } from './names.js';
import { PAGE_PATHS, routePath, type RouteKey } from '../shell/routes.js';

export interface SelectorEntry {
  value: string;
  name: string;
  nameLang: string;
  visitorName: string | undefined;
  href: string;
  current: boolean;
}

export function selectorModel(deps: Deps, current: Site | undefined, visitorLocale: string, from: RouteKey) {
  const collator = new Intl.Collator(visitorLocale);
  const sites = selectorSites(deps.registry);
  const groups = CONTINENTS.map((continent) => {
    const entries: SelectorEntry[] = sites
      .filter((s) => s.region.continent === continent)
      .map((s) => {
        const name = nativeName(s);
        const inVisitor = visitorName(s, visitorLocale);
        return {
          value: siteId(s),
          name,
          nameLang: languageTag(s.locale),
          visitorName: inVisitor !== name ? inVisitor : undefined,
          href: chooseHref(s, from),
          current: current !== undefined && s.prefix === current.prefix,
        };
      })
      .sort((a, b) => collator.compare(a.visitorName ?? a.name, b.visitorName ?? b.name));
    return { continent, entries };
  }).filter((g) => g.entries.length > 0);
  return { groups, sites };
}

/** The link that records the choice and lands on `from` in `site`. */
export function chooseHref(site: Site, from: RouteKey): string {
  const page = from === 'home' ? '' : `&page=${encodeURIComponent(from)}`;
  return `/regions/choose?site=${siteId(site)}${page}`;
}

export function renderSelector(deps: Deps, site: Site, from: RouteKey = 'home'): RenderedPage {
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
