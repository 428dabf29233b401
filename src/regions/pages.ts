// Region pages, for the front layer and Express alike: which renderer draws each route, the page's
// cache key, whether it depends on the clock (open-now, the statement's notice and versions) and so its
// expiry and Cache-Control, and the exact paths the front layer may answer from the cache.
import type { RequestHandler } from 'express';
import { HttpError, readOnlyMethod } from '../http/errors.js';
import type { FrontPage } from '../http/front.js';
import { cachedPage, type CachedPage } from '../http/page-cache.js';
import { CACHE, PAGE_REUSE_MS, redirect, sendBytes } from '../http/respond.js';
import { renderStatement } from '../privacy/statement.js';
import { renderVersion, renderVersionArchive } from '../privacy/versions-pages.js';
import { renderCategory, renderHome } from '../shell/home-and-categories.js';
import { renderSiteMap } from '../shell/site-map.js';
import type { RenderedPage } from '../shell/layout.js';
import { PAGE_IDS, routePath, type PageId, type RouteKey } from '../shell/routes.js';
import type { Deps } from '../deps.js';
import { renderContact, renderDirectory, renderSupportHub } from '../support/contact-model.js';
import { FRESH_CAP_MS, freshSeconds, freshUntil, nextMidnight } from '../support/hours.js';
import type { Site } from './registry.js';
import { carriedQuery, parseRouteKey } from './routes.js';
import { renderSelector } from './selector.js';

type Renderer = (deps: Deps, site: Site) => RenderedPage;

/** The renderer of each page of the route table; category pages are drawn from the navigation. */
const RENDERERS: Record<PageId, Renderer> = {
  home: renderHome,
  privacy: (deps, site) => renderStatement(deps, site, deps.now()),
  versions: (deps, site) => renderVersionArchive(deps, site, deps.now()),
  regions: (deps, site) => renderSelector(deps, site),
  support: (deps, site) => renderSupportHub(deps, site, new Date(deps.now())),
  contact: (deps, site) => renderContact(deps, site, new Date(deps.now())),
  directory: (deps, site) => renderDirectory(deps, site, '', new Date(deps.now())),
  sitemap: renderSiteMap,
};

function renderRoute(deps: Deps, site: Site, route: RouteKey): RenderedPage {
  if (route.startsWith('version:')) return renderVersion(deps, site, route.slice('version:'.length), deps.now());
  if (!route.startsWith('category:')) return RENDERERS[route as PageId](deps, site);
  const node = deps.navigation.categories.get(route.slice('category:'.length));
  if (!node) throw new HttpError(404);
  return renderCategory(deps, site, node);
}

/**
 * Pages whose content depends on the clock: open-now on the contact page and the directory; the hub's hours on the
 * region's clock (this week's daylight-saving time); on the home page and the
 * statement, the 30-day notice of a material change and announced versions; on the versions pages,
 * which version is current. They expire at their next change, and shared caches keep them no longer.
 */
export function isTimeDependent(route: RouteKey): boolean {
  return (
    route === 'contact' ||
    route === 'directory' ||
    route === 'support' ||
    route === 'home' ||
    route === 'privacy' ||
    route === 'versions' ||
    route.startsWith('version:')
  );
}

/** The hub shows lines kept on another clock also on the region's, for the seven days from today there: until midnight. */
function supportHubExpiry(deps: Deps, site: Site, now: number): number {
  const elsewhere = deps.contacts.linesFor(site.cc).lines.some((l) => l.timeZone !== site.region.timeZone);
  return elsewhere ? nextMidnight(site.region.timeZone, new Date(now)) : Infinity;
}

/** Until when a page rendered at `now` stays right (epoch ms; Infinity for pages that do not depend on the clock). */
export function pageExpiry(deps: Deps, site: Site, route: RouteKey, now: number): number {
  if (route === 'contact') return freshUntil(deps.contacts.linesFor(site.cc).lines, new Date(now));
  if (route === 'directory') return freshUntil(deps.contacts.lines, new Date(now));
  if (route === 'support') return supportHubExpiry(deps, site, now);
  return isTimeDependent(route) ? deps.versions.nextChange(now) : Infinity;
}

/** The page-cache key of a region page; `from` (the selector's return page) is a validated route key, so keys stay bounded. */
export function pageKey(site: Site, route: RouteKey, from?: RouteKey): string {
  return `${site.prefix}|${route}${from ? `|${from}` : ''}`;
}

/** Every route a site may serve: the route table and the navigation's categories. */
export function allRoutes(deps: Deps): RouteKey[] {
  return [
    ...PAGE_IDS,
    ...[...deps.navigation.categories.keys()].map((p) => `category:${p}` as RouteKey),
    ...deps.versions.list.map((v) => `version:${v.id}` as RouteKey),
  ];
}

/** The cached page for a site and route, rendering it on a miss or once it has expired. */
export function regionPage(deps: Deps, site: Site, route: RouteKey, from?: RouteKey): CachedPage {
  return deps.pages.get(pageKey(site, route, from), () => {
    const rendered = from ? renderSelector(deps, site, { from }) : renderRoute(deps, site, route);
    const expires = from ? Infinity : pageExpiry(deps, site, route, deps.now());
    return cachedPage(rendered.status, rendered.lang, rendered.html, expires);
  });
}

/**
 * Cache-Control of a region page. A time-dependent page whose next change is further away than a
 * shared cache may reuse a page (max-age plus stale-while-revalidate) is cached like any other; nearer
 * its change, only until that change and at most five minutes, so a notice appears and goes on time.
 */
export function pageCacheControl(timeDependent: boolean, page: Pick<CachedPage, 'expires'>, now: number): string {
  if (!timeDependent || page.expires - now > PAGE_REUSE_MS) return CACHE.page;
  return `public, max-age=${freshSeconds(Math.min(page.expires, now + FRESH_CAP_MS), now)}`;
}

/** Exact canonical paths of every region page → its cache key, from the registry and the route table. */
export function frontPaths(deps: Deps): Map<string, FrontPage> {
  const paths = new Map<string, FrontPage>();
  for (const s of deps.registry.sites) {
    for (const route of allRoutes(deps)) {
      if (!deps.isAvailable(s, route)) continue;
      paths.set(`${s.prefix}${routePath(route)}`, { key: pageKey(s, route), timeDependent: isTimeDependent(route) });
    }
  }
  return paths;
}

/** Query parameters that change what a region page shows (the selector's `from`, `section` and `q`, the directory's `q`,
 *  the contact page's `for`): Express answers those. */
export const MEANINGFUL_QUERY = /[?&](from|q|for|section)=/;

/** Express's handler of region pages: the same pages, keys and headers as the front layer, for whatever it passed on. */
export function regionPages(deps: Deps): RequestHandler {
  return (req, res, next) => {
    const resolution = deps.resolver.resolve(req.path);
    if (resolution.kind === 'none') return next();
    if (resolution.kind === 'missing') {
      res.locals.site = resolution.site;
      return next();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (resolution.kind === 'page') res.locals.site = resolution.site;
      return next(readOnlyMethod());
    }
    if (resolution.kind === 'redirect') {
      res.set('Cache-Control', CACHE.permanentRedirect);
      // The query goes along (a support link's `?for=`, a search's `?q=`), re-serialised as the 302s carry it.
      redirect(res, 301, `${resolution.location}${carriedQuery(req.originalUrl)}`);
      return;
    }
    const from = resolution.route === 'regions' && typeof req.query.from === 'string' ? parseRouteKey(req.query.from, deps) : undefined;
    const cached = regionPage(deps, resolution.site, resolution.route, from);
    sendBytes(req, res, cached, {
      type: 'text/html; charset=utf-8',
      cacheControl: pageCacheControl(isTimeDependent(resolution.route), cached, deps.now()),
      lang: cached.lang,
      status: cached.status,
    });
  };
}

/** The path in lower case outside its percent-escapes (`%2F` is the same byte as `%2f`: nothing the visitor typed). */
export function lowerCasePath(path: string): string {
  // Almost every path has no capital at all: the front layer asks on its 404 path, per request.
  if (!/[A-Z]/.test(path)) return path;
  return path.replace(/(%[0-9A-Fa-f]{2})|[A-Z]+/g, (m: string, escape?: string) => escape ?? m.toLowerCase());
}

/**
 * Upper- or mixed-case paths redirect permanently to lower case (DESIGN), whatever they name: `/Privacy`,
 * `/Robots.txt`, `/US/en/search?q=…` (Express's routes match without regard to case, so these were served
 * under a second URL, or were 404s). One hop: where the resolver redirects the lower-case path (a legacy rule,
 * `uk` → `gb`), there directly. Fingerprinted assets keep their case.
 */
export function lowerCasePaths(deps: Deps): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const lower = lowerCasePath(req.path);
    if (lower === req.path || req.path.startsWith('/assets/')) return next();
    const resolution = deps.resolver.resolve(req.path);
    const target = resolution.kind === 'redirect' ? resolution.location : lower;
    res.set('Cache-Control', CACHE.permanentRedirect);
    redirect(res, 301, `${target}${carriedQuery(req.originalUrl)}`);
  };
}
