// What the front layer (front.ts) answers from memory for this app, each with the bytes and headers of
// the Express route that owns it: region pages (regions/pages.ts), region-neutral redirects and the root
// chooser (regions/routes.ts), fingerprinted assets, robots.txt and sitemaps (regions/sitemaps.ts), and
// the 404 of a top-level path or of a path below a site that nothing claims (the page errorPage renders).
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Deps } from '../deps.js';
import { FORM_PATHS } from '../forms/paths.js';
import { frontPaths, lowerCasePath, MEANINGFUL_QUERY, pageCacheControl } from '../regions/pages.js';
import type { Site } from '../regions/registry.js';
import { neutralRedirect, ROOT_CHOOSER_KEY } from '../regions/routes.js';
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
  '/regions',
  '/search',
  '/support/contact',
  '/support/directory',
];

/** A path the front layer may answer 404 to: one plain segment that nothing claims. */
const PLAIN_SEGMENT = /^\/[A-Za-z0-9._~-]{1,200}$/;
/** A path below a site the front layer may answer that site's 404 to, if the resolver finds no page there. */
const SITE_PATH = /^\/[a-z]{2}\/[a-z]{2}(\/[A-Za-z0-9._~/-]{1,200})$/;

/** `/` with no clue where the visitor is: the root chooser, once Express has rendered it (the same page it sends). */
function rootChooser(deps: Deps, req: IncomingMessage): FixedAnswer | undefined {
  const target = neutralRedirect(deps, '/', req);
  if (!target || !('chooser' in target)) return undefined;
  const page = deps.pages.peek(ROOT_CHOOSER_KEY);
  if (!page) return undefined;
  return {
    item: page,
    status: 200,
    type: 'text/html; charset=utf-8',
    cacheControl: CACHE.personal,
    lang: 'en',
    vary: target.vary,
  };
}

/** A site's cached 404, as errorPage sends it; undefined until errorPage has rendered it once (then Express answers). */
function notFoundAnswer(deps: Deps, site: Site, vary: string | undefined): FixedAnswer | undefined {
  const page = deps.pages.peek(errorPageKey(site, 404));
  return page && { item: page, status: 404, type: 'text/html; charset=utf-8', cacheControl: CACHE.none, lang: page.lang, vary };
}

/** The 404 of a plain top-level segment nothing claims: the same site errorPage picks when the path names none. */
function unclaimedSegment(deps: Deps, siteSegments: ReadonlySet<string>, path: string, req: IncomingMessage): FixedAnswer | undefined {
  const segment = path.slice(1).toLowerCase();
  if (TOP_LEVEL_PATHS.has(segment) || siteSegments.has(segment)) return undefined;
  return notFoundAnswer(deps, errorSite(deps, req.headers['accept-language']), 'Accept-Language');
}

/** The 404 of a path below a site that no route answers: that site's page, with no Vary on Accept-Language. */
function unclaimedSitePath(deps: Deps, path: string): FixedAnswer | undefined {
  const below = SITE_PATH.exec(path);
  if (!below) return undefined;
  const rest = below[1]!.toLowerCase();
  if (SITE_SUB_PATHS.some((p) => rest.startsWith(p))) return undefined;
  const resolution = deps.resolver.resolve(path);
  return resolution.kind === 'missing' ? notFoundAnswer(deps, resolution.site, undefined) : undefined;
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
    // A path with capitals is Express's to redirect to lower case (lowerCasePaths), not a 404.
    if (lowerCasePath(path) !== path) return undefined;
    return PLAIN_SEGMENT.test(path) ? unclaimedSegment(deps, siteSegments, path, req) : unclaimedSitePath(deps, path);
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
