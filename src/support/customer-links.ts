// The contact page's "Link for a customer in: [country/region]": which region `?for=` names, the choice's options,
// and each line's link on that region's own site (its default language), `/{cc}/{lang}/support/contact#line`.
import type { Deps } from '../deps.js';
import { displayName } from '../i18n.js';
import { CONTINENTS, type Region } from '../regions/registry.js';
import { PerAppLocale } from '../shared-copies.js';
import { PAGE_PATHS, pageHref } from '../shell/routes.js';
import type { Site } from '../regions/registry.js';

/** What `?for=` asked: nothing (region-neutral links), a known region, or a value that names none. */
export type CustomerChoice = { kind: 'none' } | { kind: 'region'; region: Region } | { kind: 'unknown' };

/** `for` is a two-letter region code of the registry, any case; an empty value is no choice. */
export function parseCustomer(deps: Deps, value: string | undefined): CustomerChoice {
  if (value === undefined || value === '') return { kind: 'none' };
  const cc = value.toLowerCase();
  const region = /^[a-z]{2}$/.test(cc) ? deps.registry.region(cc) : undefined;
  return region ? { kind: 'region', region } : { kind: 'unknown' };
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
        options: deps.registry.regions
          .filter((r) => r.continent === continent)
          .map((r) => {
            const name = regionName(r, locale);
            const own = ownName(deps, r);
            return { value: r.code, label: own === name ? name : `${name} (${own})` };
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
  const home = deps.registry.defaultSite(choice.region);
  const listed = deps.contacts.linesFor(choice.region.code).lines.some((l) => l.id === lineId);
  return { href: `${origin}${pageHref(home, 'contact')}${listed ? `#${lineId}` : ''}`, listed };
}

/** The choice's view model: the GET form back to this page, its options, and what was chosen. */
export function customerModel(deps: Deps, site: Site, locale: string, choice: CustomerChoice) {
  return {
    action: pageHref(site, 'contact'),
    groups: customerGroups(deps, locale),
    selected: choice.kind === 'region' ? choice.region.code : '',
    unknown: choice.kind === 'unknown',
  };
}

/** "Germany", "Deutschland": the region alone, whatever languages its sites have. */
export function regionName(region: Region, locale: string): string {
  return displayName(locale, 'region', region.code.toUpperCase()) ?? region.code;
}

const ownNames = new WeakMap<Region, string>();

/**
 * A region's name in its own default language, the same in every visitor's list: kept per region.
 * Built per visitor locale it took a display-names object per region (129, each a new ICU object,
 * as the 16 kept are far fewer): a quarter of a contact page's cache-miss CPU.
 */
function ownName(deps: Deps, region: Region): string {
  let name = ownNames.get(region);
  if (name === undefined) ownNames.set(region, (name = regionName(region, deps.registry.defaultSite(region).locale)));
  return name;
}
