// Support routes: the directory search and the contact page for a customer's region (the support pages themselves
// are cached region pages), and the contacts API.
import type { Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { sendBuilt } from '../http/respond.js';
import { pageCacheControl, pageExpiry } from '../regions/pages.js';
import type { Site } from '../regions/registry.js';
import type { RenderedPage } from '../shell/layout.js';
import type { PageId } from '../shell/routes.js';
import { contactsApi } from './api.js';
import { renderContact, renderDirectory } from './contact-model.js';
import { parseCustomer } from './customer-links.js';

/** The site of a region page of `route` at this path, when the query names `param` (once). */
function pageWith(deps: Deps, req: Request, route: PageId, param: string): { site: Site; value: string } | undefined {
  const value = req.query[param];
  if (value === undefined) return undefined;
  const resolution = deps.resolver.resolve(req.path);
  if (resolution.kind !== 'page' || resolution.route !== route) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'parameter given more than once');
  return { site: resolution.site, value };
}

/** A page built from the query: its open-now lasts as the plain page's does, so shared caches keep it as long. */
function send(deps: Deps, req: Request, res: Response, site: Site, route: PageId, rendered: RenderedPage, now: number) {
  res.status(rendered.status).set({
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Language': rendered.lang,
    'Cache-Control': pageCacheControl(true, { expires: pageExpiry(deps, site, route, now) }, now),
  });
  sendBuilt(req, res, rendered.html);
}

export function supportRoutes(deps: Deps): Router {
  const router = Router();
  // A directory search (`?q=`); the plain directory is a cached region page. The path is the resolver's to parse.
  const directory: RequestHandler = (req, res, next) => {
    const asked = pageWith(deps, req, 'directory', 'q');
    if (!asked) return next();
    const now = deps.now();
    send(deps, req, res, asked.site, 'directory', renderDirectory(deps, asked.site, asked.value.slice(0, 100), new Date(now)), now);
  };
  // The contact page with each line's link for a customer in another region (`?for=de`); the plain page is cached.
  const contact: RequestHandler = (req, res, next) => {
    const asked = pageWith(deps, req, 'contact', 'for');
    if (!asked) return next();
    const now = deps.now();
    const choice = parseCustomer(deps, asked.value.slice(0, 10));
    send(deps, req, res, asked.site, 'contact', renderContact(deps, asked.site, new Date(now), choice), now);
  };

  router.get(/\/support\/directory$/, directory);
  router.get(/\/support\/contact$/, contact);
  router.use(contactsApi(deps));
  return router;
}
