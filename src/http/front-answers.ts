// What the front layer (front.ts) answers from memory for this app, each with the bytes and headers of
// the Express route that owns it: region pages (regions/pages.ts), region-neutral redirects and the root
// chooser (regions/routes.ts), fingerprinted assets, robots.txt and sitemaps (regions/sitemaps.ts), and
// the 404 of a top-level path that nothing claims (the page errorPage renders).
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Deps } from '../deps.js';
import { frontPaths, MEANINGFUL_QUERY, pageCacheControl } from '../regions/pages.js';
import { neutralRedirect, rootChooserPage } from '../regions/routes.js';
import { peekCrawlerFile } from '../regions/sitemaps.js';
import { errorPageKey, errorSite } from './error-page.js';
import type { FixedAnswer, FrontDeps } from './front.js';
import type { ServerState } from './health.js';
import type { Metrics } from './metrics.js';
import { CACHE } from './respond.js';

/**
 * First path segments (lower case: Express matches paths case-insensitively) that something in the
 * middleware list of createApp answers, besides the sites' own `/{cc}`. A one-segment path outside this
 * set and the sites is a 404 whatever the request, so the front layer answers it from the cached error
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

/** A path the front layer may answer 404 to: one plain segment that nothing claims. */
const PLAIN_SEGMENT = /^\/[A-Za-z0-9._~-]{1,200}$/;

/** `/` with no clue where the visitor is: the root chooser (rendered once, the same page Express sends). */
function rootChooser(deps: Deps, req: IncomingMessage): FixedAnswer | undefined {
  const target = neutralRedirect(deps, '/', req);
  if (!target || !('chooser' in target)) return undefined;
  return {
    item: rootChooserPage(deps),
    status: 200,
    type: 'text/html; charset=utf-8',
    cacheControl: CACHE.personal,
    lang: 'en',
    vary: target.vary,
  };
}

/** The 404 of a plain top-level segment nothing claims: the same site errorPage picks when the path names none. */
function unclaimedSegment(deps: Deps, siteSegments: ReadonlySet<string>, path: string, req: IncomingMessage): FixedAnswer | undefined {
  const segment = path.slice(1).toLowerCase();
  if (TOP_LEVEL_PATHS.has(segment) || siteSegments.has(segment)) return undefined;
  // Rendered by errorPage on the first such request; until then Express answers.
  const page = deps.pages.peek(errorPageKey(errorSite(deps, req.headers['accept-language']), 404));
  return (
    page && {
      item: page,
      status: 404,
      type: 'text/html; charset=utf-8',
      cacheControl: CACHE.none,
      lang: page.lang,
      vary: 'Accept-Language',
    }
  );
}

/** The cached answer for a GET/HEAD path beyond region pages and redirects, or undefined to let Express answer. */
function fixedAnswers(deps: Deps): FrontDeps['fixed'] {
  const siteSegments = new Set(deps.registry.sites.map((s) => s.prefix.split('/')[1]!.toLowerCase()));
  return (path, req) => {
    if (path === '/') return rootChooser(deps, req);
    if (path.startsWith('/assets/')) {
      const asset = deps.assets.byUrl(path);
      return asset && { item: asset, status: 200, type: asset.type, cacheControl: CACHE.immutable };
    }
    const crawler = peekCrawlerFile(deps, path);
    if (crawler) return { item: crawler.page, status: 200, type: crawler.type, cacheControl: CACHE.page };
    return PLAIN_SEGMENT.test(path) ? unclaimedSegment(deps, siteSegments, path, req) : undefined;
  };
}

/** What the server shares with the front layer: its headers, log, state and counters. */
export interface FrontContext {
  securityHeaders: FrontDeps['securityHeaders'];
  logger: Logger;
  state: ServerState;
  metrics: Metrics;
}

/** The front layer's answers for this app's deps: region pages, redirects and the fixed answers above. */
export function frontAnswers(deps: Deps, context: FrontContext): FrontDeps {
  return {
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
    now: deps.now,
    ...context,
  };
}
