// createApp: the middleware order as one readable list; features mount their routes here.
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from './config.js';
import { HttpError, statusOf } from './http/errors.js';
import { createLogger, requestLogger } from './http/logging.js';
import { cachedPage, type CachedPage } from './http/page-cache.js';
import { CACHE, contactCacheControl, redirect, sendBytes } from './http/respond.js';
import { securityHeaders } from './http/security.js';
import { renderStatement } from './privacy/statement.js';
import { allRoutes, chooseSite, neutralPage, neutralTarget, parseRouteKey, regionRoutes } from './regions/routes.js';
import { createFront, type FrontPage } from './http/front.js';
import { shedLoad } from './http/overload.js';
import type { Site } from './regions/registry.js';
import { loadSite, type SiteData, type SiteParts } from './site.js';
import { renderCategory, renderError, renderHome } from './shell/home-and-categories.js';
import type { RenderedPage } from './shell/page.js';
import { routePath, type RouteKey } from './shell/routes.js';
import { renderSelector } from './regions/selector.js';
import { supportRoutes, renderContact, renderDirectory, renderSupportHub, contactExpiry } from './support/routes.js';
import { createForms, type Forms } from './forms/routes.js';
import { searchRoutes } from './search/routes.js';

export interface App {
  app: express.Express;
  /** The request listener for the server: the front layer for cached pages, then Express. */
  handler: RequestListener;
  logger: Logger;
  site: SiteParts;
  /** The cached page for a site and route, rendering it on a miss. */
  page(site: Site, route: RouteKey, from?: RouteKey): CachedPage;
  state: { draining: boolean; overloaded: boolean };
  /** The privacy request and e-mail sign-up forms, with their store. */
  forms: Forms;
  /** Closes the form database; call once the server has stopped taking requests. */
  close(): void;
}

function renderRoute(parts: SiteParts, site: Site, route: RouteKey): RenderedPage {
  switch (route) {
    case 'home':
      return renderHome(parts, site);
    case 'privacy':
      return renderStatement(parts, site);
    case 'regions':
      return renderSelector(parts, site);
    case 'support':
      return renderSupportHub(parts, site);
    case 'contact':
      return renderContact(parts, site, new Date(parts.now()));
    case 'directory':
      return renderDirectory(parts, site, '');
    default: {
      const node = parts.navigation.categories.get(route.slice('category:'.length));
      if (!node) throw new HttpError(404);
      return renderCategory(parts, site, node);
    }
  }
}

export function createApp(config: Config, data: SiteData = {}): App {
  const site = loadSite(config, data);
  const forms = createForms(site, { rateLimit: data.formRateLimit });
  const logger = createLogger(config.logLevel, data.logDestination);
  const security = securityHeaders(config.siteOrigin);
  const state = { draining: false, overloaded: false };

  /** `from` (the selector's return page) is a route key validated against the table, so keys stay bounded. */
  const page = (s: Site, route: RouteKey, from?: RouteKey): CachedPage =>
    site.pages.get(`${s.prefix}|${route}${from ? `|${from}` : ''}`, () => {
      const rendered = from ? renderSelector(site, s, from) : renderRoute(site, s, route);
      const expires = route === 'contact' ? contactExpiry(site, s, new Date(site.now())) : Infinity;
      return cachedPage(rendered.status, rendered.lang, rendered.html, expires);
    });

  /** The site an error page speaks for: the one in the path, or the visitor's best guess. */
  const errorSite = (req: Request, res: Response): Site =>
    (res.locals.site as Site | undefined) ??
    site.matcher.fromAcceptLanguage(req.headers['accept-language']) ??
    site.registry.site('us', 'en')!;

  const rejectMalformedPath: RequestHandler = (req, _res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      return next(new HttpError(400, 'malformed percent-encoding'));
    }
    if (req.path.includes('\0') || req.path.length > 2048) return next(new HttpError(400, 'bad path'));
    next();
  };

  const health: RequestHandler = (req, res, next) => {
    if (req.path === '/healthz') {
      res.set('Cache-Control', CACHE.none).type('text/plain').send('ok');
      return;
    }
    if (req.path === '/readyz') {
      res.status(state.draining ? 503 : 200).set('Cache-Control', CACHE.none).type('text/plain');
      res.send(state.draining ? 'draining' : 'ready');
      return;
    }
    next();
  };

  const assets: RequestHandler = (req, res, next) => {
    if (!req.path.startsWith('/assets/')) return next();
    const asset = site.assets.byUrl(req.path);
    if (!asset) return next(new HttpError(404));
    if (req.method !== 'GET' && req.method !== 'HEAD') return next(new HttpError(405, 'method', { Allow: 'GET, HEAD' }));
    sendBytes(req, res, asset, { type: asset.type, cacheControl: CACHE.immutable });
  };

  const regionPages: RequestHandler = (req, res, next) => {
    const resolution = site.resolver.resolve(req.path);
    if (resolution.kind === 'none') return next();
    if (resolution.kind === 'missing') {
      res.locals.site = resolution.site;
      return next();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (resolution.kind === 'page') res.locals.site = resolution.site;
      return next(new HttpError(405, 'method', { Allow: 'GET, HEAD' }));
    }
    if (resolution.kind === 'redirect') {
      res.set('Cache-Control', CACHE.permanentRedirect);
      redirect(res, 301, resolution.location);
      return;
    }
    const from =
      resolution.route === 'regions' && typeof req.query.from === 'string' ? parseRouteKey(req.query.from, site) : undefined;
    const cached = page(resolution.site, resolution.route, from);
    sendBytes(req, res, cached, {
      type: 'text/html; charset=utf-8',
      cacheControl: resolution.route === 'contact' ? contactCacheControl(cached.expires, site.now()) : CACHE.page,
      lang: cached.lang,
      status: cached.status,
    });
  };

  /** While shutting down, every answer tells the client to open its next connection elsewhere. */
  const closeWhileDraining: RequestHandler = (_req, res, next) => {
    if (state.draining) res.setHeader('Connection', 'close');
    next();
  };

  const notFound: RequestHandler = (_req, _res, next) => next(new HttpError(404));

  const errorPage: ErrorRequestHandler = (error, req, res, _next) => {
    const status = statusOf(error);
    if (status >= 500) req.log?.error({ err: error }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const name of res.getHeaderNames()) {
      if (!['x-request-id', 'permissions-policy'].includes(name) && !security.headers.some(([h]) => h === name)) {
        res.removeHeader(name);
      }
    }
    if (error instanceof HttpError) res.set(error.headers);
    if (req.path.startsWith('/api/')) {
      res.status(status).set('Cache-Control', CACHE.none).json({ error: { status, message: status === 404 ? 'not found' : 'error' } });
      return;
    }
    try {
      // An error page does not depend on the path, so one per site and status is kept: junk URLs cost no rendering.
      const where = errorSite(req, res);
      const cached = site.pages.get(`${where.prefix}|error|${status}`, () => {
        const rendered = renderError(site, where, status);
        return cachedPage(rendered.status, rendered.lang, rendered.html);
      });
      sendBytes(req, res, cached, {
        type: 'text/html; charset=utf-8',
        cacheControl: CACHE.none,
        lang: cached.lang,
        status,
        vary: res.locals.site ? undefined : 'Accept-Language',
      });
    } catch (renderFailure) {
      req.log?.error({ err: renderFailure }, 'error page failed');
      res.status(500).type('text/plain').set('Cache-Control', CACHE.none).send('Internal Server Error');
    }
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLogger(logger));
  app.use(security.middleware);
  app.use(closeWhileDraining);
  app.use(rejectMalformedPath);
  app.use(health);
  app.use(shedLoad(state));
  app.use(assets);
  app.use(regionRoutes(site));
  app.use(forms.router);
  app.use(supportRoutes(site));
  app.use(searchRoutes(site)); // a search page per site; not a cached region page
  app.use(regionPages);
  app.use(notFound);
  app.use(errorPage);

  const paths = new Map<string, FrontPage>();
  for (const s of site.registry.sites) {
    for (const route of allRoutes(site)) {
      if (!site.isAvailable(s, route)) continue;
      paths.set(`${s.prefix}${routePath(route)}`, { key: `${s.prefix}|${route}`, hourly: route === 'contact' });
    }
  }
  const handler = createFront(
    {
      paths,
      peek: (key) => site.pages.peek(key),
      neutral(path, req) {
        const id = neutralPage(path);
        if (!id) return undefined;
        const choice = chooseSite(site, req);
        // No clue at all at `/`: Express renders the chooser.
        if (!choice.clue && id === 'home') return undefined;
        const target = choice.site ?? site.registry.site('us', 'en')!;
        return { location: neutralTarget(target, id, req.url ?? ''), vary: choice.vary.join(', ') };
      },
      securityHeaders: security.headers,
      logger,
      now: site.now,
      state,
    },
    app,
  );

  return { app, handler, logger, site, page, state, forms, close: forms.close };
}
