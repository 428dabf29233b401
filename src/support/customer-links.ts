// The contact page's "Link for a customer in: [country/region]": which site `?for=` names (a region, or one of the
// languages of a region with several), the choice's options, and each line's link on that site,
// `/{cc}/{lang}/support/contact#line`.
import type { Deps } from '../deps.js';
import { displayName } from '../i18n.js';
import { CONTINENTS, type Region } from '../regions/registry.js';
import { nativeName, selectorSites, visitorName } from '../regions/names.js';
import { PerAppLocale } from '../shared-copies.js';
import { PAGE_PATHS, pageHref } from '../shell/routes.js';
import type { Site } from '../regions/registry.js';

/** What `?for=` asked: nothing (region-neutral links), a known region and the site of it to link to, or a value that names none. */
export type CustomerChoice = { kind: 'none' } | { kind: 'region'; region: Region; site: Site } | { kind: 'unknown' };

/**
 * `for` is a region code of the registry (`be`: its default language), or a region and one of its listed languages
 * (`be-fr`: the selector's sites), any case; an empty value is no choice.
 */
export function parseCustomer(deps: Deps, value: string | undefined): CustomerChoice {
  if (value === undefined || value === '') return { kind: 'none' };
  const m = /^([a-z]{2})(?:-([a-z]{2,3}))?$/.exec(value.toLowerCase());
  const region = m ? deps.registry.region(m[1]!) : undefined;
  if (!m || !region) return { kind: 'unknown' };
  if (m[2] === undefined) return { kind: 'region', region, site: deps.registry.defaultSite(region) };
  const site = listedSites(deps, region).find((s) => s.lang === m[2]);
  return site ? { kind: 'region', region, site } : { kind: 'unknown' };
}

/** The sites of a region the selector lists: one for most regions, one per language for Belgium, Switzerland, Canada… */
function listedSites(deps: Deps, region: Region): readonly Site[] {
  let sites = listed.get(region);
  if (!sites) listed.set(region, (sites = selectorSites(deps.registry).filter((s) => s.region === region)));
  return sites;
}

const listed = new WeakMap<Region, readonly Site[]>();

/** The option value of a site: its region code, or the code and language where the region has several. */
function optionValue(deps: Deps, site: Site): string {
  return listedSites(deps, site.region).length > 1 ? `${site.cc}-${site.lang}` : site.cc;
}

interface CustomerOption {
  readonly value: string;
  readonly label: string;
}

interface CustomerGroup {
  readonly continent: string;
  readonly options: readonly CustomerOption[];
}

const groupsCache = new PerAppLocale<readonly CustomerGroup[]>();

/** Every region by continent (the registry's order), named in `locale` (its own name beside), sorted as the footer's. */
export function customerGroups(deps: Deps, locale: string): readonly CustomerGroup[] {
  return groupsCache.get(
    deps,
    locale,
    () => {
      const collator = new Intl.Collator(locale);
      return CONTINENTS.map((continent) => ({
        continent,
        options: selectorSites(deps.registry)
          .filter((s) => s.region.continent === continent)
          .map((s) => {
            const name = choiceName(deps, s, locale);
            const own = ownName(deps, s);
            return { value: optionValue(deps, s), label: own === name ? name : `${name} (${own})` };
          })
          .sort((a, b) => collator.compare(a.label, b.label)),
      })).filter((g) => g.options.length > 0);
    },
    (groups) =>
      groups.map((g) => `${g.continent}\u0000${g.options.map((o) => `${o.value}\u0001${o.label}`).join('\u0000')}`).join('\u0002'),
  );
}

/**
 * The link a line gives: region-neutral (it follows the customer), or on the chosen region's own site; `listed` is
 * false where that site does not show the line, so the link is to its contact page only (and says so).
 */
export function lineLink(deps: Deps, choice: CustomerChoice, lineId: string): { href: string; listed: boolean } {
  const origin = deps.config.siteOrigin;
  if (choice.kind !== 'region') return { href: `${origin}${PAGE_PATHS.contact}#${lineId}`, listed: true };
  const home = choice.site;
  const listed = deps.contacts.linesFor(choice.region.code).lines.some((l) => l.id === lineId);
  return { href: `${origin}${pageHref(home, 'contact')}${listed ? `#${lineId}` : ''}`, listed };
}

/** The choice's view model: the GET form back to this page, its options, and what was chosen. */
export function customerModel(deps: Deps, site: Site, locale: string, choice: CustomerChoice) {
  return {
    action: pageHref(site, 'contact'),
    groups: customerGroups(deps, locale),
    selected: choice.kind === 'region' ? optionValue(deps, choice.site) : '',
    unknown: choice.kind === 'unknown',
  };
}

/** "Germany", "Deutschland": the region alone, whatever languages its sites have. */
export function regionName(region: Region, locale: string): string {
  return displayName(locale, 'region', region.code.toUpperCase()) ?? region.code;
}

/** "Germany", or "Belgium – French" where the region's sites are in several languages: the site a link goes to. */
export function choiceName(deps: Deps, site: Site, locale: string): string {
  return listedSites(deps, site.region).length > 1 ? visitorName(site, locale) : regionName(site.region, locale);
}

/**
 * A site's name in its own language ("Deutschland", "Belgique – Français"), the same in every visitor's list: kept per
 * site (nativeName). Built per visitor locale it took a display-names object per region (129, each a new ICU object,
 * as the 16 kept are far fewer): a quarter of a contact page's cache-miss CPU.
 */
function ownName(deps: Deps, site: Site): string {
  return listedSites(deps, site.region).length > 1 ? nativeName(site) : regionNameOwn(site.region, deps);
}

const ownNames = new WeakMap<Region, string>();

function regionNameOwn(region: Region, deps: Deps): string {
  let name = ownNames.get(region);
  if (name === undefined) ownNames.set(region, (name = regionName(region, deps.registry.defaultSite(region).locale)));
  return name;
}
