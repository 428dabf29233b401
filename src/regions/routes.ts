// Region-neutral URLs and the remembered choice; the chooser at `/` for a visitor we cannot place.
import { readOnly } from '../http/read-only.js';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { Router } from 'express';
import { HttpError, readOnlyMethod } from '../http/errors.js';
import { cachedPage, type CachedPage } from '../http/page-cache.js';
import { CACHE, redirect, sendBuilt, sendBytes } from '../http/respond.js';
import type { Deps } from '../deps.js';
import { PAGE_IDS, PAGE_PATHS, routePath, type PageId, type RouteKey } from '../shell/routes.js';
import { headLinks, pageLanguage, renderInLayout } from '../shell/layout.js';
import { parseSiteId, siteId, type Site } from './registry.js';
import { filterModel, renderSelector, selectorModel } from './selector.js';
import { suggestRoute } from './suggest.js';
import { searchKeysJson } from './filter.js';
import { CHOICE_COOKIE, chooseSite } from './choice.js';

export { CHOICE_COOKIE, chooseSite, readCookie, type Choice } from './choice.js';

const ONE_YEAR_S = 365 * 24 * 3600;

/** Region-neutral paths and the page each stands for. */
const NEUTRAL = new Map<string, PageId>(PAGE_IDS.map((id) => [PAGE_PATHS[id], id]));

/** A single query value, or undefined; a parameter given twice is refused. */
function single(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'parameter given more than once');
  return value;
}

/** A query string safe to carry over: re-serialised, bounded. */
export function carriedQuery(url: string): string {
  const raw = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  if (raw === '' || raw.length > 1024) return '';
  const serialised = new URLSearchParams(raw).toString();
  return serialised ? `?${serialised}` : '';
}

export function parseRouteKey(value: string | undefined, deps: Deps): RouteKey | undefined {
  if (value === undefined || value.length > 200) return undefined;
  if ((PAGE_IDS as readonly string[]).includes(value)) return value as PageId;
  if (value.startsWith('category:') && deps.navigation.categories.has(value.slice('category:'.length))) return value as RouteKey;
  if (value.startsWith('version:') && deps.versions.byId(value.slice('version:'.length))) return value as RouteKey;
  return undefined;
}

/** The page a region-neutral path stands for (`/support/contact` → contact), if it is one. */
export function neutralPage(path: string): PageId | undefined {
  return NEUTRAL.get(path);
}

/** Where a region-neutral request goes: built from the registry and the route table, plus the re-serialised query. */
export function neutralTarget(site: Site, page: PageId, url: string): string {
  return `${site.prefix}${PAGE_PATHS[page]}${carriedQuery(url)}`;
}

/**
 * Where a region-neutral request goes, for the front layer and Express alike: a redirect to the
 * visitor's site (the fallback site when nothing matched), or `chooser` when `/` has no clue at all,
 * or undefined when the path is not region-neutral.
 */
export function neutralRedirect(
  deps: Pick<Deps, 'config' | 'matcher' | 'registry'>,
  path: string,
  req: Pick<IncomingMessage, 'headers' | 'url'>,
): { location: string; vary: string } | { chooser: true; vary: string } | undefined {
  const id = NEUTRAL.get(path);
  if (!id) return undefined;
  const choice = chooseSite(deps, req);
  const vary = choice.vary.join(', ');
  // A crawler: no guess. The chooser of every region home, the x-default of every page.
  if (!choice.clue && id === 'home') return { chooser: true, vary };
  return { location: neutralTarget(choice.site ?? deps.registry.fallbackSite, id, req.url ?? ''), vary };
}

export function regionRoutes(deps: Deps): Router {
  const router = Router();
  const https = deps.config.siteOrigin.startsWith('https:');

  const neutral: RequestHandler = (req, res, next) => {
    // The one owner of their methods: the front layer passes every other method on to here.
    if (req.method !== 'GET' && req.method !== 'HEAD' && NEUTRAL.has(req.path)) {
      return next(readOnlyMethod());
    }
    const target = neutralRedirect(deps, req.path, { headers: req.headers, url: req.originalUrl });
    if (!target) return next();
    res.set('Vary', target.vary);
    res.set('Cache-Control', CACHE.personal);
    if ('chooser' in target) {
      sendBytes(req, res, rootChooserPage(deps), {
        type: 'text/html; charset=utf-8',
        cacheControl: CACHE.personal,
        lang: 'en',
        vary: target.vary,
      });
      return;
    }
    redirect(res, 302, target.location);
  };

  const choose: RequestHandler = (req, res) => {
    const value = single(req.query.site);
    const site = parseSiteId(deps.registry, value);
    if (!site) throw new HttpError(400, 'unknown site');
    const asked = parseRouteKey(single(req.query.page), deps) ?? 'home';
    const route = deps.isAvailable(site, asked) ? asked : 'home';
    res.cookie(CHOICE_COOKIE, siteId(site), {
      maxAge: ONE_YEAR_S * 1000,
      httpOnly: true,
      sameSite: 'lax',
      secure: https,
      path: '/',
    });
    res.set('Cache-Control', CACHE.personal);
    res.set('X-Robots-Tag', 'noindex');
    redirect(res, 303, `${site.prefix}${routePath(route)}`);
  };

  readOnly(router, '/regions/choose', choose);
  router.get(/\/regions$/, selectorQuery(deps));
  readOnly(router, '/api/suggest', suggestRoute(deps));
  // The live filter's names: the same for every site and visitor (kept out of the picker page: ~75 KB of it).
  // Kept compressed with an ETag like a page: 52 KB of JSON that changes only with the registry.
  readOnly(router, '/api/region-names', (req, res) => {
    const names = deps.pages.get('api|region-names', () => cachedPage(200, 'en', searchKeysJson(deps.registry)));
    sendBytes(req, res, names, { type: 'application/json; charset=utf-8', cacheControl: CACHE.page });
  });
  router.use(neutral);
  return router;
}

/**
 * A site's selector asked with `?q=` (filter) or `?section=` (the `#id` to land on): built from the query,
 * the same for everybody who asks that URL, so cacheable by URL. Without either it is the cached region page.
 */
function selectorQuery(deps: Deps): RequestHandler {
  return (req, res, next) => {
    if (req.query.q === undefined && req.query.section === undefined) return next();
    const resolution = deps.resolver.resolve(req.path);
    if (resolution.kind !== 'page' || resolution.route !== 'regions') return next();
    const from = parseRouteKey(single(req.query.from), deps);
    const rendered = renderSelector(deps, resolution.site, {
      from,
      section: single(req.query.section),
      query: single(req.query.q),
    });
    res.status(200).set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Language': rendered.lang,
      'Cache-Control': CACHE.query,
    });
    sendBuilt(req, res, rendered.html);
  };
}

/** The page-cache key of the root chooser: one page for every visitor we cannot place. */
export const ROOT_CHOOSER_KEY = 'root|chooser';

/** The chooser as cached bytes: compressed once, not on every crawler's request (it was 22 % of a profile under load). */
export function rootChooserPage(deps: Deps): CachedPage {
  return deps.pages.get(ROOT_CHOOSER_KEY, () => cachedPage(200, 'en', renderRootChooser(deps)));
}

/** `/` for a visitor we know nothing about: the selector in English, linking every region home. */
export function renderRootChooser(deps: Deps): string {
  const site = deps.registry.fallbackSite;
  const language = pageLanguage(deps, site);
  const { t } = language;
  const origin = deps.config.siteOrigin;
  const model = selectorModel(deps, undefined, 'en');
  for (const group of model.groups) for (const e of group.entries) e.href = `${parseSiteId(deps.registry, e.value)!.prefix}/`;
  return renderInLayout(deps, language, {
    view: 'regions/selector',
    head: {
      title: t('regions:title'),
      description: t('regions:description'),
      canonical: `${origin}/`,
      alternates: headLinks(deps, site, PAGE_PATHS.home, deps.registry.sites).alternates,
    },
    model: { selector: model, from: 'home', fromPath: '/', root: true, filter: filterModel('/regions', {}) },
  }).html;
}
