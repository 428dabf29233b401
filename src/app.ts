// createApp: the table of contents — the site's parts, then the middleware in the order that matters,
// then the front layer before Express. Each feature mounts its routes from its own folder.
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import express from 'express';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { createForms, type Forms } from './forms/routes.js';
import { serveAssets } from './http/assets.js';
import { answerClientErrors } from './http/client-error.js';
import { errorPage, notFound, rejectMalformedPath, requireHost } from './http/error-page.js';
import { createFront } from './http/front.js';
import { frontAnswers } from './http/front-answers.js';
import { closeWhileDraining, dependencyHealth, health, type ServerState } from './http/health.js';
import { createLogger, requestLogger } from './http/logging.js';
import { countRequests, createMetrics, metricsRoute, type Metrics } from './http/metrics.js';
import { shedLoad } from './http/overload.js';
import type { CachedPage } from './http/page-cache.js';
import { securityHeaders } from './http/security.js';
import { privacyVersionRoutes } from './privacy/routes.js';
import { lowerCasePaths, regionPage, regionPages } from './regions/pages.js';
import type { Site } from './regions/registry.js';
import { regionRoutes } from './regions/routes.js';
import { crawlerFiles } from './regions/sitemaps.js';
import { searchRoutes } from './search/routes.js';
import type { RouteKey } from './shell/routes.js';
import { loadSite, type SiteData } from './site.js';
import { supportRoutes } from './support/routes.js';

export { SITE_SUB_PATHS, TOP_LEVEL_PATHS } from './http/front-answers.js';

export interface App {
  app: express.Express;
  /** The request listener for the server: the front layer for cached pages, then Express. */
  handler: RequestListener;
  /** The server's `clientError` listener: a page for requests Node cannot parse. */
  clientError: ReturnType<typeof answerClientErrors>;
  logger: Logger;
  site: Deps;
  /** The cached page for a site and route, rendering it on a miss. */
  page: (site: Site, route: RouteKey, from?: RouteKey) => CachedPage;
  state: ServerState;
  /** The figures for `/metrics` (metrics.ts). */
  metrics: Metrics;
  /** The privacy request and e-mail sign-up forms, with their store. */
  forms: Forms;
  /** Closes the form database; call once the server has stopped taking requests. */
  close: () => void;
}

export function createApp(config: Config, data: SiteData = {}): App {
  const deps = loadSite(config, data);
  const logger = createLogger(config.logLevel, data.logDestination);
  const state: ServerState = { draining: false, overloaded: false, degraded: new Set() };
  const metrics = createMetrics({ process: config.metricsToken !== '' || config.metricsPort !== 0 });
  const forms = createForms(deps, {
    rateLimit: data.formRateLimit,
    mailTiming: data.formMailTiming,
    logger,
    onDatabaseHealth: dependencyHealth(state, 'forms database', () => metrics.databaseError()),
    onSubmission: (form, created) => metrics.formSubmission(form, created),
  });
  metrics.setOutbox(() => forms.store.outboxStats());
  const security = securityHeaders(config.siteOrigin);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLogger(logger)); // first: every answer, errors included, gets a request id and a log line
  app.use(countRequests(metrics)); // every answer Express gives, by route type and status
  app.use(metricsRoute(metrics, config.metricsToken)); // 404 on the public port unless METRICS_TOKEN is set and sent
  app.use(security.middleware); // before any answer, so error pages carry the headers too
  app.use(closeWhileDraining(state));
  app.use(requireHost); // an HTTP/1.1 request without Host (SERVER_OPTIONS leaves it to us)
  app.use(rejectMalformedPath); // before any route reads req.path
  app.use(health(state)); // before load shedding: the balancer must hear from us when we are busy
  app.use(shedLoad(state));
  app.use(lowerCasePaths(deps)); // before any route: Express matches paths without regard to case
  app.use(serveAssets(deps.assets));
  app.use(regionRoutes(deps)); // region-neutral paths and the choice
  app.use(crawlerFiles(deps)); // robots.txt and sitemaps
  app.use(forms.router);
  app.use(privacyVersionRoutes(deps)); // before regionPages: a comparison (`?from=&to=`) and the feed are not route-table pages
  app.use(supportRoutes(deps)); // before regionPages: a directory search (`?q=`) is not the cached page
  app.use(searchRoutes(deps)); // a search page per site, built from the query: not a cached region page
  app.use(regionPages(deps)); // the route table's pages, cached: the same bytes the front layer sends
  app.use(notFound); // after every route: what none answered
  app.use(errorPage(deps, ['x-request-id', 'permissions-policy', ...security.headers.map(([h]) => h)])); // last: renders every error

  // Cached answers go out before Express; a new top-level path must be added to TOP_LEVEL_PATHS (http/front-answers.ts).
  const handler = createFront(frontAnswers(deps, { securityHeaders: security.headers, logger, state, metrics }), app);
  const page = (s: Site, route: RouteKey, from?: RouteKey) => regionPage(deps, s, route, from);
  const clientError = answerClientErrors(security.headers);
  return { app, handler, clientError, logger, site: deps, page, state, forms, metrics, close: () => forms.close() };
}
