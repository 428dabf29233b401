// The selector's filter: each site's names in every registry language, folded once, and the one matching rule
// that the server (`?q=`) and the browser (live, public/js/site.js) both apply.
import { languageTag, nativeName, selectorSites } from './names.js';
import { siteId, type Registry, type Site } from './registry.js';

/** The longest query read; the rest is ignored. */
export const MAX_QUERY = 100;

/**
 * The form names and queries are compared in: NFKD, marks dropped, lower case. site.js does exactly this, so
 * live filtering and `?q=` agree ("Österreich" by "oster", "Deutschland" by "DEUT").
 */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A query as matched: folded, the separator removed, spaces collapsed, bounded. Empty means no filter. */
export function foldQuery(query: string): string {
  return fold(query.slice(0, MAX_QUERY)).replace(/\|/g, ' ').replace(/\s+/g, ' ').trim();
}

const keysByRegistry = new WeakMap<Registry, Map<Site, string>>();

/**
 * "deutschland|germany|allemagne|…": the site's native name and its region's name in every language of the registry
 * (English among them), folded, without repeats, joined by `|` (which a query never contains, so no match spans two
 * names). Built once per registry, on first use.
 */
export function searchKeys(registry: Registry, site: Site): string {
  let keys = keysByRegistry.get(registry);
  if (!keys) {
    keys = new Map();
    const languages = [...new Set(['en', ...registry.sites.map((s) => languageTag(s.locale))])];
    // The region's name per language, once per region (a site of a several-language region adds its own name).
    // One Intl.DisplayNames per language here: i18n's small cache of them would churn through 40 languages.
    const codes = [...new Set(registry.sites.map((s) => s.cc.toUpperCase()))];
    const regionNames = new Map<string, string[]>(codes.map((cc) => [cc, []]));
    for (const l of languages) {
      const names = new Intl.DisplayNames(l, { type: 'region' });
      for (const cc of codes) regionNames.get(cc)!.push(fold(names.of(cc) ?? ''));
    }
    for (const s of registry.sites) {
      const names = new Set([fold(nativeName(s)), ...regionNames.get(s.cc.toUpperCase())!]);
      names.delete('');
      keys.set(s, [...names].join('|'));
    }
    keysByRegistry.set(registry, keys);
  }
  return keys.get(site) ?? fold(nativeName(site));
}

/** Whether a folded query (foldQuery) is part of one of the keys: a substring, so a word's start or any part of it. */
export function matches(keys: string, folded: string): boolean {
  return folded === '' || keys.includes(folded);
}

const namesJson = new WeakMap<Registry, string>();

/** `{"de-de": "deutschland|germany|…", …}` for the selector's sites: what the live filter matches, fetched once. */
export function searchKeysJson(registry: Registry): string {
  let json = namesJson.get(registry);
  if (json === undefined) {
    json = JSON.stringify(Object.fromEntries(selectorSites(registry).map((s) => [siteId(s), searchKeys(registry, s)])));
    namesJson.set(registry, json);
  }
  return json;
}
