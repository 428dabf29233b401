// Choosing a site for a region-neutral request: remembered choice, trusted edge country, Accept-Language.
import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { Lru } from '../lru.js';
import { parseSiteId, type Registry, type Site } from './registry.js';

const MAX_LANGUAGES = 16;

/**
 * Accept-Language as language tags by preference (q-values honoured, q=0 and `*` dropped, junk ignored).
 * `negotiator` (Express's own) parses and orders the header; each tag is then canonicalised for the matcher.
 */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header || header.length > 1024) return [];
  const tags: string[] = [];
  for (const tag of new Negotiator({ headers: { 'accept-language': header } }).languages()) {
    if (tags.length >= MAX_LANGUAGES) break;
    if (tag === '*') continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) tags.push(canonical);
    } catch {
      // Not a language tag: ignore it, as a browser would.
    }
  }
  return tags;
}

export interface SiteMatcher {
  /** The site for an Accept-Language header; undefined when the header names no language we can use. */
  fromAcceptLanguage(header: string | undefined): Site | undefined;
  /** The default site of a country code, when the registry knows it. */
  fromCountry(code: string | undefined): Site | undefined;
  /** The site named by a remembered choice `cc-lang` (validated against the registry). */
  fromChoice(value: string | undefined): Site | undefined;
}

export function createSiteMatcher(registry: Registry): SiteMatcher {
  const byLocale = new Map(registry.sites.map((s) => [s.locale, s]));
  const available = [...byLocale.keys()];
  const NONE = 'und';
  const memo = new Map<string, Site | undefined>();
  const fromTags = (requested: string[]): Site | undefined => {
    const key = requested.join(',');
    if (memo.has(key)) return memo.get(key);
    let site: Site | undefined;
    try {
      site = byLocale.get(match(requested, available, NONE, { algorithm: 'best fit' }));
    } catch {
      site = undefined;
    }
    // The memo is keyed by canonical tags and capped, so junk headers cannot grow it without bound.
    if (memo.size < 10_000) memo.set(key, site);
    return site;
  };
  // Browsers send a handful of exact header values. Answering those without parsing matters on the
  // `/` redirect: canonicalising each tag costs more than the rest of the redirect. Bounded (LRU).
  const byHeader = new Lru<Site | false>(1024);
  return {
    fromAcceptLanguage(header) {
      if (!header || header.length > 1024) return undefined;
      return (
        byHeader.get(header, () => {
          const requested = parseAcceptLanguage(header);
          return (requested.length > 0 ? fromTags(requested) : undefined) ?? false;
        }) || undefined
      );
    },
    fromCountry(code) {
      if (!code || !/^[A-Za-z]{2}$/.test(code)) return undefined;
      const region = registry.region(code.toLowerCase());
      return region ? registry.defaultSite(region) : undefined;
    },
    fromChoice: (value) => parseSiteId(registry, value),
  };
}
