// The files crawlers read: robots.txt, the sitemap index and one sitemap per route with every site's alternates.
import type { Request, Response } from 'express';
import { Router } from 'express';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { cachedPage, type CachedPage } from '../http/page-cache.js';
import { CACHE, sendBytes } from '../http/respond.js';
import { headLinks } from '../shell/layout.js';
import { routePath, type RouteKey } from '../shell/routes.js';
import { allRoutes } from './pages.js';
import { parseRouteKey } from './routes.js';

export function crawlerFiles(deps: Deps): Router {
  const router = Router();
  const origin = deps.config.siteOrigin;
  router.get('/robots.txt', (_req, res) => {
    res.set('Cache-Control', CACHE.page).type('text/plain');
    res.send(`User-agent: *\nDisallow: /regions/choose\nDisallow: /api/\nSitemap: ${origin}/sitemap.xml\n`);
  });
  router.get('/sitemap.xml', (req, res) => sendXml(req, res, sitemapIndex(deps)));
  router.get('/sitemaps/:name.xml', (req, res, next) => {
    const route = parseRouteKey(String(req.params.name).replace(/^category-/, 'category:').replace(/~/g, '/'), deps);
    if (!route) return next(new HttpError(404));
    sendXml(req, res, sitemapFor(deps, route));
  });
  return router;
}

const xmlCache = new WeakMap<Deps, Map<string, CachedPage>>();

function sendXml(req: Request, res: Response, page: CachedPage): void {
  sendBytes(req, res, page, { type: 'application/xml; charset=utf-8', cacheControl: CACHE.page });
}

function cachedXml(deps: Deps, key: string, build: () => string): CachedPage {
  let map = xmlCache.get(deps);
  if (!map) xmlCache.set(deps, (map = new Map<string, CachedPage>()));
  let page = map.get(key);
  if (!page) map.set(key, (page = cachedPage(200, 'en', build())));
  return page;
}

function sitemapName(route: RouteKey): string {
  return route.startsWith('category:') ? `category-${route.slice('category:'.length).replace(/\//g, '~')}` : route;
}

function sitemapIndex(deps: Deps): CachedPage {
  return cachedXml(deps, 'index', () => {
    const items = allRoutes(deps)
      .map((r) => `  <sitemap><loc>${deps.config.siteOrigin}/sitemaps/${sitemapName(r)}.xml</loc></sitemap>`)
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}\n</sitemapindex>\n`;
  });
}

function sitemapFor(deps: Deps, route: RouteKey): CachedPage {
  return cachedXml(deps, route, () => {
    const origin = deps.config.siteOrigin;
    const path = routePath(route);
    const sites = deps.registry.sites.filter((s) => deps.isAvailable(s, route));
    // The same alternates as each page's <head> (headLinks), written as xhtml:link.
    const alternates = headLinks(deps, deps.registry.fallbackSite, path, sites)
      .alternates.map((a) => `    <xhtml:link rel="alternate" hreflang="${a.hreflang}" href="${a.href}"/>`)
      .join('\n');
    const urls = sites.map((s) => `  <url>\n    <loc>${origin}${s.prefix}${path}</loc>\n${alternates}\n  </url>`).join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls}\n</urlset>\n`;
  });
}

