// The country/region selector: every seed entry grouped by continent, named in its own language with Intl,
// filtered by `?q=` (the same rule live in the browser), each link keeping the page and section it came from.
import type { Site } from './registry.js';
import { CONTINENTS, siteId } from './registry.js';
import type { Deps } from '../deps.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { languageTag, nativeName, selectorSites, visitorName } from './names.js';
import { PAGE_PATHS, pageHref, routePath, type RouteKey } from '../shell/routes.js';
import { foldQuery, matches, MAX_QUERY, searchKeys } from './filter.js';

export interface SelectorEntry {
  value: string;
  name: string;
  nameLang: string;
  visitorName: string | undefined;
  href: string;
  current: boolean;
}

/** What the selector was asked: the page to return to, its section (`#id`), the filter. */
export interface SelectorRequest {
  from?: RouteKey;
  section?: string;
  query?: string;
}

/** A section id the picker carries over: lower-case words and hyphens, as the site's ids are. */
export const SECTION_ID = /^[a-z0-9-]{1,64}$/;

export function selectorModel(deps: Deps, current: Site | undefined, visitorLocale: string, request: SelectorRequest = {}) {
  const collator = new Intl.Collator(visitorLocale);
  const sites = selectorSites(deps.registry);
  const folded = foldQuery(request.query ?? '');
  let count = 0;
  const groups = CONTINENTS.map((continent) => {
    const entries: SelectorEntry[] = sites
      .filter((s) => s.region.continent === continent && matches(searchKeys(deps.registry, s), folded))
      .map((s) => {
        const name = nativeName(s);
        const inVisitor = visitorName(s, visitorLocale);
        return {
          value: siteId(s),
          name,
          nameLang: languageTag(s.locale),
          visitorName: inVisitor !== name ? inVisitor : undefined,
          href: chooseHref(s, request.from ?? 'home', request.section),
          current: current !== undefined && s.prefix === current.prefix,
        };
      })
      .sort((a, b) => collator.compare(a.visitorName ?? a.name, b.visitorName ?? b.name));
    count += entries.length;
    return { continent, entries };
  }).filter((g) => g.entries.length > 0);
  return { groups, sites, count, query: (request.query ?? '').slice(0, MAX_QUERY), filtered: folded !== '' };
}

/** The link that records the choice and lands on `from` in `site`, at `#section` (the redirect keeps the fragment). */
export function chooseHref(site: Site, from: RouteKey, section?: string): string {
  const page = from === 'home' ? '' : `&page=${encodeURIComponent(from)}`;
  const fragment = section !== undefined && SECTION_ID.test(section) ? `#${section}` : '';
  return `/regions/choose?site=${siteId(site)}${page}${fragment}`;
}

export function renderSelector(deps: Deps, site: Site, request: SelectorRequest = {}): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const model = selectorModel(deps, site, language.contentLocale, request);
  const from = request.from ?? 'home';
  return renderInLayout(deps, language, {
    view: 'regions/selector',
    route: 'regions',
    head: {
      title: t('regions:title'),
      description: t('regions:description'),
      ...headLinks(deps, site, PAGE_PATHS.regions, deps.registry.sites),
    },
    model: {
      selector: model,
      from,
      fromPath: routePath(from),
      filter: filterModel(pageHref(site, 'regions'), request),
    },
  });
}

/** The filter form: where it goes, and the selector's own parameters it keeps as hidden fields. */
export function filterModel(action: string, request: SelectorRequest) {
  const hidden: [string, string][] = [];
  if (request.from && request.from !== 'home') hidden.push(['from', request.from]);
  if (request.section !== undefined && SECTION_ID.test(request.section)) hidden.push(['section', request.section]);
  const query = new URLSearchParams(hidden).toString();
  return { action, hidden, allHref: query ? `${action}?${query}` : action };
}
