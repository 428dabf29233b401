// The files crawlers read: robots.txt, the sitemap index and one sitemap per route with every site's alternates.
import { readOnly } from '../http/read-only.js';
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
  readOnly(router, '/robots.txt', (req, res) => sendBytes(req, res, robotsTxt(deps), { type: ROBOTS_TYPE, cacheControl: CACHE.page }));
  readOnly(router, '/sitemap.xml', (req, res) => sendXml(req, res, sitemapIndex(deps)));
  readOnly(router, '/sitemaps/:name.xml', (req, res, next) => {
    const route = parseRouteKey(
      String(req.params.name)
        .replace(/^category-/, 'category:')
        .replace(/^version-/, 'version:')
        .replace(/~/g, '/'),
      deps,
    );
    if (!route) return next(new HttpError(404));
    sendXml(req, res, sitemapFor(deps, route));
  });
  return router;
}

export const XML_TYPE = 'application/xml; charset=utf-8';
export const ROBOTS_TYPE = 'text/plain; charset=utf-8';

function sendXml(req: Request, res: Response, page: CachedPage): void {
  sendBytes(req, res, page, { type: XML_TYPE, cacheControl: CACHE.page });
}

/** robots.txt, compressed once with an ETag like every other cached answer. */
export function robotsTxt(deps: Deps): CachedPage {
  return cachedXml(
    deps,
    '/robots.txt',
    () => `User-agent: *\nDisallow: /regions/choose\nDisallow: /api/\nSitemap: ${deps.config.siteOrigin}/sitemap.xml\n`,
  );
}

/**
 * For the front layer: the crawler file at `path` when it is already built (robots.txt, the sitemap
 * index, a sitemap), with its Content-Type; undefined otherwise, so Express builds it on first request.
 */
export function peekCrawlerFile(deps: Deps, path: string): { page: CachedPage; type: string } | undefined {
  if (path === '/robots.txt') {
    const page = deps.pages.peek(crawlerKey('/robots.txt'));
    return page && { page, type: ROBOTS_TYPE };
  }
  let key: string | undefined;
  if (path === '/sitemap.xml') key = 'index';
  else if (path.startsWith('/sitemaps/') && path.endsWith('.xml')) {
    key = parseRouteKey(
      path
        .slice('/sitemaps/'.length, -'.xml'.length)
        .replace(/^category-/, 'category:')
        .replace(/~/g, '/'),
      deps,
    );
  }
  const page = key === undefined ? undefined : deps.pages.peek(crawlerKey(key));
  return page && { page, type: XML_TYPE };
}

/** Crawler files live in the page cache beside the pages, under keys no region page has. */
function crawlerKey(key: string): string {
  return `crawler|${key}`;
}

function cachedXml(deps: Deps, key: string, build: () => string): CachedPage {
  return deps.pages.get(crawlerKey(key), () => cachedPage(200, 'en', build()));
}

function sitemapName(route: RouteKey): string {
  if (route.startsWith('version:')) return route.replace(':', '-');
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
