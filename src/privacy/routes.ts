// The statement's pages that are not in the route table: a comparison of two versions (chosen by query) and the Atom feed.
import { readOnly } from '../http/read-only.js';
import type { Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import type { Deps } from '../deps.js';
import { cachedPage, type CachedPage } from '../http/page-cache.js';
import { CACHE, sendBytes } from '../http/respond.js';
import type { Site } from '../regions/registry.js';
import { compareIds, renderComparison, versionsFeed } from './versions-pages.js';

/**
 * Both answers are the same for every visitor and do not depend on the clock (a comparison shows two
 * fixed texts; the feed lists every version, announced ones included), so they are cached like any page.
 * Keys come from the registry and the validated version ids, so the cache stays bounded.
 */
export function privacyVersionRoutes(deps: Deps): Router {
  const router = Router();
  const siteOf = (req: Request, res: Response): Site | undefined => {
    const site = deps.resolver.site(req.path);
    if (site) res.locals.site = site;
    return site;
  };
  const send = (req: Request, res: Response, page: CachedPage, type: string) =>
    sendBytes(req, res, page, { type, cacheControl: CACHE.page, lang: page.lang, status: page.status });

  const compare: RequestHandler = (req, res, next) => {
    const site = siteOf(req, res);
    if (!site) return next('route');
    const [from, to] = compareIds(deps, req.query);
    const page = deps.pages.get(`${site.prefix}|compare|${from}|${to}`, () => {
      const rendered = renderComparison(deps, site, from, to);
      return cachedPage(rendered.status, rendered.lang, rendered.html);
    });
    send(req, res, page, 'text/html; charset=utf-8');
  };

  const feed: RequestHandler = (req, res, next) => {
    const site = siteOf(req, res);
    if (!site) return next('route');
    const page = deps.pages.get(`${site.prefix}|versions.atom`, () => {
      const { xml, lang } = versionsFeed(deps, site);
      return cachedPage(200, lang, xml);
    });
    send(req, res, page, 'application/atom+xml; charset=utf-8');
  };

  readOnly(router, '/:cc/:lang/privacy/versions/compare', compare);
  readOnly(router, '/:cc/:lang/privacy/versions.atom', feed);
  return router;
}
