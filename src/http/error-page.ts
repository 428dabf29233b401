// The one error handler: a page in the visitor's language (JSON under /api/), the stack to the log only.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Site } from '../regions/registry.js';
import { pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { pageHref } from '../shell/routes.js';
import type { Deps } from '../deps.js';
import { HttpError, statusOf } from './errors.js';
import { cachedPage, type CachedPage } from './page-cache.js';
import { CACHE, sendBytes } from './respond.js';

/** Anything no route took. */
export const notFound: RequestHandler = (_req, _res, next) => next(new HttpError(404));

/** The site an error page speaks for: the one in the path, or the visitor's best guess, or the fallback site. */
export function errorSite(deps: Deps, acceptLanguage: string | undefined, pathSite?: Site): Site {
  return pathSite ?? deps.matcher.fromAcceptLanguage(acceptLanguage) ?? deps.registry.fallbackSite;
}

/** The page-cache key of a site's error page: one per site and status, since an error page does not depend on the path. */
export function errorPageKey(site: Site, status: number): string {
  return `${site.prefix}|error|${status}`;
}

/** A site's error page for `status`, rendered on first use; the front layer peeks at the same key. */
export function siteErrorPage(deps: Deps, site: Site, status: number): CachedPage {
  return deps.pages.get(errorPageKey(site, status), () => {
    const rendered = renderError(deps, site, status);
    return cachedPage(rendered.status, rendered.lang, rendered.html);
  });
}

const KINDS: Record<number, string> = { 400: '400', 404: '404', 405: '405', 503: '503' };

/**
 * The error page of a site: what went wrong, and ways on. A visitor's mistake (4xx) gets the site's search and its
 * main pages, named in the site's language; the same bytes for every path, so one page per site and status is kept.
 */
export function renderError(deps: Deps, site: Site, status: number): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const kind = KINDS[status] ?? '500';
  const mainPages = (['privacy', 'support', 'contact', 'directory'] as const).map((page) => ({
    label: t(`common:home.entries.${page}.label`),
    href: pageHref(site, page),
  }));
  return renderInLayout(deps, language, {
    view: 'errors/error',
    status,
    head: { title: t(`errors.${kind}.title`), description: t(`errors.${kind}.title`), canonical: '', alternates: [] },
    model: {
      error: {
        status,
        kind,
        homeHref: pageHref(site, 'home'),
        regionsHref: pageHref(site, 'regions'),
        siteMapHref: pageHref(site, 'sitemap'),
        searchAction: `${site.prefix}/search`,
        helps: status < 500,
        mainPages,
      },
    },
  });
}

/** `keep`: headers set before the error that the error page keeps (security headers, the request id). */
export function errorPage(deps: Deps, keep: readonly string[]): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = statusOf(error);
    if (status >= 500) req.log?.error({ err: error }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const name of res.getHeaderNames()) if (!keep.includes(name)) res.removeHeader(name);
    if (error instanceof HttpError) res.set(error.headers);
    if (req.path.startsWith('/api/')) {
      res
        .status(status)
        .set('Cache-Control', CACHE.none)
        .json({ error: { status, message: status === 404 ? 'not found' : 'error' } });
      return;
    }
    try {
      // An error page does not depend on the path, so one per site and status is kept: junk URLs cost no rendering.
      // The site the path is under speaks for an error there (a 503 while shedding load, say), not the browser's language.
      const pathSite = (res.locals.site as Site | undefined) ?? deps.resolver.site(req.path);
      const where = errorSite(deps, req.headers['accept-language'], pathSite);
      const cached = siteErrorPage(deps, where, status);
      sendBytes(req, res, cached, {
        type: 'text/html; charset=utf-8',
        cacheControl: CACHE.none,
        lang: cached.lang,
        status,
        vary: pathSite ? undefined : 'Accept-Language',
      });
    } catch (renderFailure) {
      req.log?.error({ err: renderFailure }, 'error page failed');
      res.status(500).type('text/plain').set('Cache-Control', CACHE.none).send('Internal Server Error');
    }
  };
}

/** A path that cannot be decoded, holds a NUL or is absurdly long is refused before any route reads it. */
/** HTTP/1.1 requires Host (RFC 9112 §3.2): a request without one is a 400, as Node would answer it, but with a page. */
export const requireHost: RequestHandler = (req, _res, next) => {
  if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1) {
    return next(new HttpError(400, 'no Host header'));
  }
  next();
};

export const rejectMalformedPath: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    return next(new HttpError(400, 'malformed percent-encoding'));
  }
  if (req.path.includes('\0') || req.path.length > 2048) return next(new HttpError(400, 'bad path'));
  next();
};
