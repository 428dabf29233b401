// A read-only route: GET (and HEAD) answer; every other method, OPTIONS included, gets the site's 405 page (JSON
// under /api/) with Allow, instead of a 404 for PUT or Express's bare text/plain answer to OPTIONS.
import type { RequestHandler, Router } from 'express';
import { readOnlyMethod } from './errors.js';

/** A handler that means "not here" must call `next('route')`: a plain `next()` would reach the 405. */
export function readOnly(router: Router, path: string | RegExp, handler: RequestHandler): void {
  router
    .route(path)
    .get(handler)
    .all((_req, _res, next) => next(readOnlyMethod()));
}
