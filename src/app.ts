// createApp: the middleware order as one readable list; features mount their routes here.
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Logger } from 'pino';
import express from 'express';
import type { Config } from './config.js';
import { serveAssets } from './http/assets.js';
import { errorPage, errorPageKey, notFound, rejectMalformedPath } from './http/error-page.js';
import { createFront, type FixedAnswer } from './http/front.js';
import { closeWhileDraining, health, type ServerState } from './http/health.js';
import { countRequests, createMetrics, metricsRoute, type Metrics } from './http/metrics.js';
import { createLogger, requestLogger } from './http/logging.js';
import { shedLoad } from './http/overload.js';
import type { CachedPage } from './http/page-cache.js';
import { CACHE } from './http/respond.js';
import { securityHeaders } from './http/security.js';
import { frontPaths, MEANINGFUL_QUERY, pageCacheControl, regionPage, regionPages } from './regions/pages.js';
import type { Site } from './regions/registry.js';
import { neutralRedirect, parseRouteKey, regionRoutes, rootChooserPage } from './regions/routes.js';
import { crawlerFiles, peekCrawlerFile } from './regions/sitemaps.js';
import type { RouteKey } from './shell/routes.js';
import type { Deps } from './deps.js';
import { loadSite, type SiteData } from './site.js';
import { supportRoutes } from './support/routes.js';
import { privacyVersionRoutes } from './privacy/routes.js';
import { createForms, type Forms } from './forms/routes.js';
import { FORM_PATHS } from './forms/paths.js';
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
  /** The figures for `/metrics` (metrics.ts). */
  metrics: Metrics;
  /** The privacy request and e-mail sign-up forms, with their store. */
  forms: Forms;
  /** Closes the form database; call once the server has stopped taking requests. */
  close: () => void;
}

/**
 * First path segments (lower case: Express matches paths case-insensitively) that something in the
 * middleware list below answers, besides the sites' own `/{cc}`. A one-segment path outside this set
 * and the sites is a 404 whatever the request, so the front layer answers it from the cached error
 * page. A feature that mounts a new top-level path must add it here (test/front-fixed.test.ts checks
 * the router's string routes against this set).
 */
export const TOP_LEVEL_PATHS: ReadonlySet<string> = new Set([
  '',
  'assets',
  'regions',
  'sitemaps',
  'robots.txt',
  'sitemap.xml',
  'healthz',
  'readyz',
  'metrics',
  'api',
  'privacy',
  'support',
]);

/**
 * Paths below a site's prefix (`/us/en…`) that a router other than the region pages answers, lower case:
 * Express matches most of them case-insensitively and with a trailing slash. A path under a site that
 * the resolver calls missing and that starts with none of these is that site's 404 whatever the request,
 * so the front layer answers it from the cached error page. A feature that mounts a route below a site
 * must add it here (test/front-fixed.test.ts checks the router's routes against this list).
 */
export const SITE_SUB_PATHS: readonly string[] = [
  ...Object.values(FORM_PATHS),
  '/privacy/versions/compare',
  '/privacy/versions.atom',
  '/search',
  '/support/directory',
];

/** A path the front layer may answer 404 to: one plain segment that nothing claims. */
const PLAIN_SEGMENT = /^\/[A-Za-z0-9._~-]{1,200}$/;
/** A path below a site the front layer may answer that site's 404 to, if the resolver finds no page there. */
const SITE_PATH = /^\/[a-z]{2}\/[a-z]{2}(\/[A-Za-z0-9._~/-]{1,200})$/;

const HTML = 'text/html; charset=utf-8';

/** The 404 answer of a site's cached error page, as Express's error handler sends it; undefined until rendered once. */
function notFoundAnswer(deps: Deps, site: Site, vary: string | undefined): FixedAnswer | undefined {
  const page = deps.pages.peek(errorPageKey(site, 404));
  return page && { item: page, status: 404, type: HTML, cacheControl: CACHE.none, lang: page.lang, vary };
}

/** The front layer's cached answers besides region pages: the chooser, assets, crawler files and 404 pages. */
function fixedAnswers(deps: Deps): (path: string, req: IncomingMessage) => FixedAnswer | undefined {
  const siteSegments = new Set(deps.registry.sites.map((s) => s.prefix.split('/')[1]!.toLowerCase()));
  return (path, req) => {
    if (path === '/') {
      const target = neutralRedirect(deps, path, req);
      return target && 'chooser' in target
        ? { item: rootChooserPage(deps), status: 200, type: HTML, cacheControl: CACHE.personal, lang: 'en', vary: target.vary }
        : undefined;
    }
    if (path.startsWith('/assets/')) {
      const asset = deps.assets.byUrl(path);
      return asset && { item: asset, status: 200, type: asset.type, cacheControl: CACHE.immutable };
    }
    const crawler = peekCrawlerFile(deps, path);
    if (crawler) return { item: crawler.page, status: 200, type: crawler.type, cacheControl: CACHE.page };
    if (PLAIN_SEGMENT.test(path)) {
      const segment = path.slice(1).toLowerCase();
      if (TOP_LEVEL_PATHS.has(segment) || siteSegments.has(segment)) return undefined;
      // The same site errorPage picks when the path names none.
      const where = deps.matcher.fromAcceptLanguage(req.headers['accept-language']) ?? deps.registry.fallbackSite;
      return notFoundAnswer(deps, where, 'Accept-Language');
    }
    const below = SITE_PATH.exec(path);
    if (below) {
      const rest = below[1]!.toLowerCase();
      if (SITE_SUB_PATHS.some((p) => rest.startsWith(p))) return undefined;
      const resolution = deps.resolver.resolve(path);
      // The site named in the path, as regionPages tells errorPage: no Vary on Accept-Language.
      return resolution.kind === 'missing' ? notFoundAnswer(deps, resolution.site, undefined) : undefined;
    }
    return undefined;
  };
}

export function createApp(config: Config, data: SiteData = {}): App {
  const deps = loadSite(config, data);
  const logger = createLogger(config.logLevel, data.logDestination);
  const state: ServerState = { draining: false, overloaded: false, degraded: new Set() };
  const metrics = createMetrics({ process: config.metricsToken !== '' || config.metricsPort !== 0 });
  const degraded = state.degraded!;
  const forms = createForms(deps, {
    rateLimit: data.formRateLimit,
    mailTiming: data.formMailTiming,
    logger,
    onDatabaseHealth(up) {
      if (up) return void degraded.delete('forms database');
      degraded.add('forms database');
      metrics.databaseError();
    },
    onSubmission: (form, created) => metrics.formSubmission(form, created),
  });
  metrics.setOutbox(() => forms.store.outboxStats());
  const security = securityHeaders(config.siteOrigin);
  const page = (s: Site, route: RouteKey, from?: RouteKey) => regionPage(deps, s, route, from);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLogger(logger)); // first: every answer, errors included, gets a request id and a log line
  app.use(countRequests(metrics)); // every answer Express gives, by route type and status
  app.use(metricsRoute(metrics, config.metricsToken)); // 404 on the public port unless METRICS_TOKEN is set and sent
  app.use(security.middleware); // before any answer, so error pages carry the headers too
  app.use(closeWhileDraining(state));
  app.use(rejectMalformedPath); // before any route reads req.path
  app.use(health(state)); // before load shedding: the balancer must hear from us when we are busy
  app.use(shedLoad(state));
  app.use(serveAssets(deps.assets));
  app.use(regionRoutes(deps)); // region-neutral paths and the choice
  app.use(crawlerFiles(deps)); // robots.txt and sitemaps
  app.use(forms.router);
  app.use(privacyVersionRoutes(deps)); // before regionPages: a comparison (`?from=&to=`) and the feed are not route-table pages
  app.use(supportRoutes(deps)); // before regionPages: a directory search (`?q=`) is not the cached page
  app.use(searchRoutes(deps)); // a search page per site, built from the query: not a cached region page
  app.use(regionPages(deps, (value) => parseRouteKey(value, deps)));
  app.use(notFound);
  app.use(errorPage(deps, ['x-request-id', 'permissions-policy', ...security.headers.map(([h]) => h)]));

  const handler = createFront(
    {
      fixed: fixedAnswers(deps),
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
      metrics,
    },
    app,
  );

  return { app, handler, logger, site: deps, page, state, forms, metrics, close: () => forms.close() };
}
