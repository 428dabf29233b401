// The front layer: a cached region page is answered here, before Express, with precomputed headers.
// Everything else — misses, redirects, errors, other methods — falls through to the Express app.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { encodedBody, negotiateEncoding, type CachedPage, type Encoding } from './page-cache.js';
import { CACHE, etagMatches } from './respond.js';
import { frontLog, requestId } from './logging.js';

/** A region page as the front layer knows it (built by `regions/pages.ts`). */
export interface FrontPage {
  /** The page-cache key of the page at this exact path. */
  key: string;
  /** Pages whose content depends on the hour: their Cache-Control is computed per request. */
  timeDependent: boolean;
}

export interface FrontDeps {
  /** For a region-neutral path, where to send this visitor; undefined to let Express answer (the chooser). */
  neutral(path: string, req: IncomingMessage): { location: string; vary: string } | undefined;
  /** Exact canonical paths of region pages → cache keys; built from the registry and the route table. */
  paths: ReadonlyMap<string, FrontPage>;
  peek(key: string): CachedPage | undefined;
  /** The Cache-Control of a region page; the same function Express uses. */
  cacheControl(timeDependent: boolean, page: CachedPage, now: number): string;
  /** Query parameters that change what a page shows; such requests go to Express. */
  meaningfulQuery: RegExp;
  securityHeaders: ReadonlyArray<[string, string]>;
  logger: Logger;
  now(): number;
  state: { draining: boolean; overloaded: boolean };
}

export function createFront(deps: FrontDeps, app: RequestListener): RequestListener {
  const base: string[] = deps.securityHeaders.flatMap(([k, v]) => [k, v]);
  const log = frontLog(deps.logger);

  function headerList(page: CachedPage, encoding: Encoding, timeDependent: boolean): readonly string[] {
    const cached = timeDependent ? undefined : page.headers?.[encoding];
    if (cached) return cached;
    const list = [
      ...base,
      'content-type', 'text/html; charset=utf-8',
      'content-language', page.lang,
      'cache-control', deps.cacheControl(timeDependent, page, deps.now()),
      'vary', 'Accept-Encoding',
      'etag', page.etag,
    ];
    if (encoding !== 'identity') list.push('content-encoding', encoding);
    if (!timeDependent) (page.headers ??= {})[encoding] = list;
    return list;
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const readable = (req.method === 'GET' || req.method === 'HEAD') && !deps.state.overloaded;
    if (readable && path.length < 20) {
      const target = deps.neutral(path, req);
      if (target) {
        const id = requestId(req);
        const body = `Redirecting to ${target.location}`;
        const headers = [
          ...base,
          'location', target.location,
          'vary', target.vary,
          'cache-control', CACHE.personal,
          'content-type', 'text/plain; charset=utf-8',
          'content-length', String(Buffer.byteLength(body)),
          'x-request-id', id,
        ];
        if (deps.state.draining) headers.push('connection', 'close');
        res.writeHead(302, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
        log(id, req.method!, path, 302, Math.round(performance.now() - started));
        return;
      }
    }
    const entry = readable ? deps.paths.get(path) : undefined;
    const page = entry && (q === -1 || !deps.meaningfulQuery.test(url.slice(q))) ? deps.peek(entry.key) : undefined;
    if (!entry || !page || page.status !== 200) {
      app(req, res);
      return;
    }
    const id = requestId(req);
    const inm = req.headers['if-none-match'];
    const notModified = inm !== undefined && (inm === page.etag || etagMatches(inm, page.etag));
    // A 304 carries no body, so no Content-Encoding: the same headers as Express's sendBytes.
    const encoding = notModified ? 'identity' : negotiateEncoding(req.headers['accept-encoding']);
    const headers = [...headerList(page, encoding, entry.timeDependent), 'x-request-id', id];
    if (deps.state.draining) headers.push('connection', 'close');
    let status = 200;
    if (notModified) {
      status = 304;
      res.writeHead(304, headers);
      res.end();
    } else {
      const body = encoding === 'br' ? page.brotli : encoding === 'gzip' ? encodedBody(page, 'gzip') : undefined;
      if (body) {
        headers.push('content-length', String(body.length));
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      } else {
        // Identity is rare; Express's path decompresses it.
        app(req, res);
        return;
      }
    }
    log(id, req.method!, path, status, Math.round(performance.now() - started));
  };
}
