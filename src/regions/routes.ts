// Region-neutral URLs and the remembered choice; the chooser at `/` for a visitor we cannot place.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { Router } from 'express';
import { HttpError } from '../http/errors.js';
import { cachedPage } from '../http/page-cache.js';
import { CACHE, redirect, sendBytes } from '../http/respond.js';
import type { Deps } from '../deps.js';
import { PAGE_IDS, PAGE_PATHS, routePath, type PageId, type RouteKey } from '../shell/routes.js';
import { headLinks, pageLanguage, renderInLayout } from '../shell/layout.js';
import { parseSiteId, siteId, type Site } from './registry.js';
import { selectorModel } from './selector.js';

export const CHOICE_COOKIE = 'region';
const ONE_YEAR_S = 365 * 24 * 3600;

/** Region-neutral paths and the page each stands for. */
const NEUTRAL = new Map<string, PageId>(PAGE_IDS.map((id) => [PAGE_PATHS[id], id]));

/**
 * The value of one cookie, or undefined; tolerant of junk, never throws. Kept instead of `cookie`'s
 * parse: that takes the first of two same-named cookies, where a choice given twice must count as
 * none (a test pins it), and it is no faster (measured: ~220 ns against ~200 ns here).
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  const values = header
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.startsWith(`${name}=`))
    .map((p) => p.slice(name.length + 1));
  return values.length === 1 ? values[0] : undefined;
}

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

export interface Choice {
  site: Site | undefined;
  /** What was read, for Vary. */
  vary: string[];
  clue: boolean;
}

/** The order of DESIGN.md: remembered choice, trusted edge country, Accept-Language. */
export function chooseSite(deps: Pick<Deps, 'config' | 'matcher'>, req: Pick<IncomingMessage, 'headers'>): Choice {
  const edge = deps.config.edgeCountryHeader;
  const vary = ['Cookie', ...(edge ? [edge] : []), 'Accept-Language'];
  const cookie = readCookie(req.headers.cookie, CHOICE_COOKIE);
  const edgeValue = edge ? req.headers[edge] : undefined;
  const acceptLanguage = req.headers['accept-language'];
  const clue = cookie !== undefined || (typeof edgeValue === 'string' && edgeValue !== '') || !!acceptLanguage;
  const site =
    deps.matcher.fromChoice(cookie) ??
    (typeof edgeValue === 'string' ? deps.matcher.fromCountry(edgeValue) : undefined) ??
    deps.matcher.fromAcceptLanguage(acceptLanguage);
  return { site, vary, clue };
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
    const target = neutralRedirect(deps, req.path, { headers: req.headers, url: req.originalUrl });
    if (!target) return next();
    res.set('Vary', target.vary);
    res.set('Cache-Control', CACHE.personal);
    if ('chooser' in target) {
      sendBytes(req, res, cachedPage(200, 'en', renderRootChooser(deps)), {
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

  router.get('/regions/choose', choose);
  router.use(neutral);
  return router;
}

const rootChoosers = new WeakMap<Deps, string>();

/** `/` for a visitor we know nothing about: the selector in English, linking every region home. */
export function renderRootChooser(deps: Deps): string {
  let html = rootChoosers.get(deps);
  if (html) return html;
  const site = deps.registry.fallbackSite;
  const language = pageLanguage(deps, site);
  const { t } = language;
  const origin = deps.config.siteOrigin;
  const model = selectorModel(deps, undefined, 'en', 'home');
  for (const group of model.groups) for (const e of group.entries) e.href = `${parseSiteId(deps.registry, e.value)!.prefix}/`;
  html = renderInLayout(deps, language, {
    view: 'regions/selector',
    head: {
      title: t('regions:title'),
      description: t('regions:description'),
      canonical: `${origin}/`,
      alternates: headLinks(deps, site, PAGE_PATHS.home, deps.registry.sites).alternates,
    },
    model: { selector: model, from: 'home', fromPath: '/', root: true },
  }).html;
  rootChoosers.set(deps, html);
  return html;
}
