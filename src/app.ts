// createApp: the middleware order as one readable list; features mount their routes here.
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import express from 'express';
import type { Config } from './config.js';
import { serveAssets } from './http/assets.js';
import { errorPage, notFound, rejectMalformedPath } from './http/error-page.js';
import { createFront } from './http/front.js';
import { closeWhileDraining, health, type ServerState } from './http/health.js';
import { createLogger, requestLogger } from './http/logging.js';
import { shedLoad } from './http/overload.js';
import type { CachedPage } from './http/page-cache.js';
import { securityHeaders } from './http/security.js';
import { frontPaths, MEANINGFUL_QUERY, pageCacheControl, regionPage, regionPages } from './regions/pages.js';
import type { Site } from './regions/registry.js';
import { neutralRedirect, parseRouteKey, regionRoutes } from './regions/routes.js';
import { crawlerFiles } from './regions/sitemaps.js';
import type { RouteKey } from './shell/routes.js';
import type { Deps } from './deps.js';
import { loadSite, type SiteData } from './site.js';
import { supportRoutes } from './support/routes.js';
import { createForms, type Forms } from './forms/routes.js';
import { searchRoutes } from './search/routes.js';

export interface App {
  app: express.Express;
  /** The request listener for the server: the front layer for cached pages, then Express. */
  handler: RequestListener;
  logger: Logger;
  site: Deps;
  /** The cached page for a site and route, rendering it on a miss. */
  page: (site: Site, route: RouteKey, from?: RouteKey) => CachedPage;
  state: ServerState;
  /** The privacy request and e-mail sign-up forms, with their store. */
  forms: Forms;
  /** Closes the form database; call once the server has stopped taking requests. */
  close: () => void;
}

export function createApp(config: Config, data: SiteData = {}): App {
  const deps = loadSite(config, data);
  const logger = createLogger(config.logLevel, data.logDestination);
  const forms = createForms(deps, { rateLimit: data.formRateLimit, mailTiming: data.formMailTiming, logger });
  const security = securityHeaders(config.siteOrigin);
  const state: ServerState = { draining: false, overloaded: false };
  const page = (s: Site, route: RouteKey, from?: RouteKey) => regionPage(deps, s, route, from);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLogger(logger)); // first: every answer, errors included, gets a request id and a log line
  app.use(security.middleware); // before any answer, so error pages carry the headers too
  app.use(closeWhileDraining(state));
  app.use(rejectMalformedPath); // before any route reads req.path
  app.use(health(state)); // before load shedding: the balancer must hear from us when we are busy
  app.use(shedLoad(state));
  app.use(serveAssets(deps.assets));
  app.use(regionRoutes(deps)); // region-neutral paths and the choice
  app.use(crawlerFiles(deps)); // robots.txt and sitemaps
  app.use(forms.router);
  app.use(supportRoutes(deps)); // before regionPages: a directory search (`?q=`) is not the cached page
  app.use(searchRoutes(deps)); // a search page per site, built from the query: not a cached region page
  app.use(regionPages(deps, (value) => parseRouteKey(value, deps)));
  app.use(notFound);
  app.use(errorPage(deps, ['x-request-id', 'permissions-policy', ...security.headers.map(([h]) => h)]));

  const handler = createFront(
    {
      paths: frontPaths(deps),
      peek: (key) => deps.pages.peek(key),
      cacheControl: pageCacheControl,
      meaningfulQuery: MEANINGFUL_QUERY,
      neutral(path, req) {
        const target = neutralRedirect(deps, path, req);
        // The chooser (no clue at `/`) is Express's to render.
        return target && 'location' in target ? target : undefined;
      },
      securityHeaders: security.headers,
      logger,
      now: deps.now,
      state,
    },
    app,
  );

  return { app, handler, logger, site: deps, page, state, forms, close: () => forms.close() };
}
