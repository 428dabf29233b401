// Support routes: the directory search (the support pages themselves are cached region pages) and the contacts API.
import type { RequestHandler } from 'express';
import { Router } from 'express';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { contactsApi } from './api.js';
import { renderDirectory } from './contact-model.js';

export function supportRoutes(deps: Deps): Router {
  const router = Router();
  // A directory search (`?q=`); the plain directory is a cached region page. The path is the resolver's to parse.
  const directory: RequestHandler = (req, res, next) => {
    if (req.query.q === undefined) return next();
    const resolution = deps.resolver.resolve(req.path);
    if (resolution.kind !== 'page' || resolution.route !== 'directory') return next();
    const site = resolution.site;
    if (typeof req.query.q !== 'string') throw new HttpError(400, 'parameter given more than once');
    const query = req.query.q.slice(0, 100);
    const rendered = renderDirectory(deps, site, query);
    res.status(200).set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Language': rendered.lang,
      // A filtered view is built from the query: not worth a shared cache entry.
      'Cache-Control': 'public, max-age=300',
    });
    res.send(rendered.html);
  };

  router.get(/\/support\/directory$/, directory);
  router.use(contactsApi(deps));
  return router;
}
