// Resolving a request path to a region page, or to the one canonical URL it should redirect to.
// Every target is built from the registry and the route table; nothing of the request is copied into it.
import type { Navigation } from '../shell/navigation.js';
import { routeFor, routePath, type PageId, type RouteKey, PAGE_PATHS } from '../shell/routes.js';
import type { RedirectRule } from './redirect-rules.js';
import type { Region, Registry, Site } from './registry.js';

export type Resolution =
  | { kind: 'page'; site: Site; route: RouteKey }
  | { kind: 'redirect'; location: string }
  /** A known region, but no such page: a 404 in that site's language. */
  | { kind: 'missing'; site: Site }
  | { kind: 'none' };

export interface Resolver {
  resolve(pathname: string): Resolution;
  /** The site a path is under (`/us/en/…`, exactly as written), whatever the rest: the one parse of a path's site. */
  site(pathname: string): Site | undefined;
}

/** `/{cc}/{lang}` and the rest of the path. */
const SITE_PATH = /^\/([a-z]{2})\/([a-z]{2})(\/.*)?$/;

export class RedirectRuleError extends Error {}

interface CompiledRule {
  rule: RedirectRule;
  pattern: RegExp;
  names: string[];
}

function compileRule(rule: RedirectRule): CompiledRule {
  const names: string[] = [];
  const source = rule.from
    .split('/')
    .map((seg) => {
      if (seg === ':cc' || seg === ':lang') {
        names.push(seg.slice(1));
        return '([a-z]{2})';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { rule, pattern: new RegExp(`^${source}$`), names };
}

export function createResolver(
  registry: Registry,
  navigation: Navigation,
  aliases: Readonly<Record<string, string>>,
  rules: readonly RedirectRule[],
  isAvailable: (site: Site, route: RouteKey) => boolean = () => true,
): Resolver {
  const compiled = rules.map(compileRule);
  const regionOf = (cc: string): Region | undefined => registry.region(aliases[cc] ?? cc);
  const href = (site: Site, route: RouteKey) => `${site.prefix}${routePath(route)}`;

  function exact(pathname: string): Resolution {
    const m = SITE_PATH.exec(pathname);
    const site = m ? registry.site(m[1]!, m[2]!) : undefined;
    if (!m || !site) return { kind: 'none' };
    const route = routeFor(m[3] ?? '', navigation.categories);
    if (!route || !isAvailable(site, route)) return { kind: 'missing', site };
    // `/us/en` and `/us/en/` are both the home page; only the slashed form is canonical.
    if (route === 'home' && m[3] !== '/') return { kind: 'redirect', location: `${site.prefix}/` };
    return { kind: 'page', site, route };
  }

  function viaRules(pathname: string): string | undefined {
    for (const { rule, pattern, names } of compiled) {
      const m = pattern.exec(pathname);
      if (!m) continue;
      const cc = m[names.indexOf('cc') + 1]!;
      const region = regionOf(cc);
      if (!region || (rule.regions && !rule.regions.includes(region.code))) continue;
      const lang = names.includes('lang') ? m[names.indexOf('lang') + 1]! : region.defaultLanguage;
      const site = registry.site(region.code, lang) ?? registry.defaultSite(region);
      if (!isAvailable(site, rule.to)) continue;
      return href(site, rule.to);
    }
    return undefined;
  }

  function normalised(lower: string): string | undefined {
    const m = /^\/([a-z]{2})(?:\/([a-z]{2}))?(\/.*)?$/.exec(lower);
    if (!m) return undefined;
    const region = regionOf(m[1]!);
    if (!region) return undefined;
    const [, , lang, rawRest = ''] = m;
    const rest = rawRest.length > 1 ? rawRest.replace(/\/+$/, '') : rawRest;
    const site = (lang && registry.site(region.code, lang)) || registry.defaultSite(region);
    // `/de/privacy`: the second segment was no language but a page.
    const restPath = lang && !registry.site(region.code, lang) && !/^[a-z]{2}$/.test(lang) ? `/${lang}${rest}` : rest;
    const route = routeFor(restPath === '' ? '/' : restPath, navigation.categories);
    if (!route || !isAvailable(site, route)) return undefined;
    return href(site, route);
  }

  return {
    resolve(pathname) {
      const direct = exact(pathname);
      if (direct.kind === 'page' || direct.kind === 'redirect') return direct;
      const lower = pathname.toLowerCase();
      const ruled = viaRules(lower);
      if (ruled) return { kind: 'redirect', location: ruled };
      const target = normalised(lower);
      if (target && target !== pathname) return { kind: 'redirect', location: target };
      return direct;
    },
    site(pathname) {
      const m = SITE_PATH.exec(pathname);
      return m ? registry.site(m[1]!, m[2]!) : undefined;
    },
  };
}

/** Start-up check of the rules: every rule lands on a page, no rule shadows a page, no chains, no loops. */
export function checkRedirectRules(
  resolver: Resolver,
  registry: Registry,
  rules: readonly RedirectRule[],
  source = 'src/regions/redirect-rules.ts',
): void {
  for (const rule of rules) {
    if (!rule.reason?.trim()) throw new RedirectRuleError(`${source}: rule "${rule.from}" gives no reason`);
    if (!(rule.to in PAGE_PATHS)) throw new RedirectRuleError(`${source}: rule "${rule.from}" targets unknown page "${rule.to}"`);
    if (rule.from !== rule.from.toLowerCase()) throw new RedirectRuleError(`${source}: rule "${rule.from}" must be lower case`);
    for (const cc of rule.regions ?? []) {
      if (!registry.region(cc)) throw new RedirectRuleError(`${source}: rule "${rule.from}" names unknown region "${cc}"`);
    }
    const sites = registry.sites.filter((s) => !rule.regions || rule.regions.includes(s.cc));
    for (const site of sites) {
      const from = rule.from.replace(':cc', site.cc).replace(':lang', site.lang);
      const first = resolver.resolve(from);
      if (first.kind !== 'redirect') {
        throw new RedirectRuleError(`${source}: rule "${rule.from}" does not redirect ${from} (it is ${first.kind})`);
      }
      const second = resolver.resolve(first.location);
      if (second.kind !== 'page') {
        throw new RedirectRuleError(`${source}: rule "${rule.from}": ${from} → ${first.location} is not a page (a chain or a loop)`);
      }
    }
  }
}

export type { PageId };
