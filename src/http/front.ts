// The front layer: cached region pages, region-neutral redirects and every other cacheable answer
// (the root chooser, assets, robots.txt, sitemaps, the 404 of an unknown top-level path and each
// site's 404) are answered here, before Express, with precomputed headers. Misses, forms, other methods fall through to Express.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Asset } from './assets.js';
import { etagMatches } from './etags.js';
import { encodedBody, negotiateEncoding, type CachedPage, type Encoding, type HeaderListKey } from './page-cache.js';
import { CACHE, itemBody, itemEncoding } from './respond.js';
import { frontLog, requestId } from './logging.js';
import { routeType, type Metrics } from './metrics.js';

/** A region page as the front layer knows it (built by `regions/pages.ts`). */
export interface FrontPage {
  /** The page-cache key of the page at this exact path. */
  key: string;
  /** Pages whose content depends on the hour: their Cache-Control is computed per request. */
  timeDependent: boolean;
}

/** A cached answer the front layer sends exactly as Express's `sendBytes` would. */
export interface FixedAnswer {
  item: CachedPage | Asset;
  status: number;
  type: string;
  cacheControl: string;
  lang?: string;
  /** What the answer depends on besides Accept-Encoding. */
  vary?: string;
}

export interface FrontDeps {
  /**
   * A cached answer for this GET/HEAD path (chooser, asset, crawler file, 404 page), or undefined to
   * let Express answer. Called after `neutral` found no redirect.
   */
  fixed(path: string, req: IncomingMessage): FixedAnswer | undefined;
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
  /** Counters only (see metrics.ts): the front layer's answers and its cache hits and misses. */
  metrics?: Pick<Metrics, 'frontAnswer' | 'frontFixed' | 'frontHit' | 'frontMiss'>;
}

type Fields = readonly string[];

/** The header list of a 200 in `encoding`, or of the 304 to a request that would have got it. */
function headerListKey(encoding: Encoding, notModified: boolean): HeaderListKey {
  return !notModified || encoding === 'identity' ? encoding : encoding === 'br' ? 'br 304' : 'gzip 304';
}

/**
 * The headers of a region page up to its length: its coding's ETag, and Content-Encoding unless a 304 (as
 * Express's sendBytes sends them); kept with the page when they cannot change.
 */
function pageHeaderLists(deps: FrontDeps, base: Fields) {
  return (page: CachedPage, encoding: Encoding, notModified: boolean, timeDependent: boolean): Fields => {
    // A page that never expires has the same headers on every request: keep them with it.
    const keep = !timeDependent || page.expires === Infinity;
    const key = headerListKey(encoding, notModified);
    const cached = keep ? page.headers?.[key] : undefined;
    if (cached) return cached;
    const list = [
      ...base,
      'content-type',
      'text/html; charset=utf-8',
      'content-language',
      page.lang,
      'cache-control',
      deps.cacheControl(timeDependent, page, deps.now()),
      'vary',
      'Accept-Encoding',
      'etag',
      page.etags[encoding],
    ];
    if (!notModified && encoding !== 'identity') list.push('content-encoding', encoding);
    if (keep) (page.headers ??= {})[key] = list;
    return list;
  };
}

type FixedHeaders = (a: FixedAnswer, encoding: Encoding, notModified: boolean) => Fields;

/** The headers of a fixed answer up to its length, built once per item, answer shape, coding and 304 or not. */
function fixedHeaderLists(base: Fields): FixedHeaders {
  type ListsByShape = Map<string, Partial<Record<HeaderListKey, Fields>>>;
  const fixedHeaders = new WeakMap<object, ListsByShape>();
  return (a, encoding, notModified) => {
    let byShape = fixedHeaders.get(a.item);
    if (!byShape) fixedHeaders.set(a.item, (byShape = new Map() as ListsByShape));
    const shape = `${a.status}|${a.type}|${a.cacheControl}|${a.lang ?? ''}|${a.vary ?? ''}`;
    let lists = byShape.get(shape);
    if (!lists) byShape.set(shape, (lists = {}));
    const key = headerListKey(encoding, notModified);
    // The same headers, in the same order, as sendBytes sets them.
    return (lists[key] ??= [
      ...base,
      'content-type',
      a.type,
      ...(a.lang ? ['content-language', a.lang] : []),
      'cache-control',
      a.cacheControl,
      'vary',
      a.vary ? `${a.vary}, Accept-Encoding` : 'Accept-Encoding',
      ...(a.status === 200 ? ['etag', a.item.etags[encoding]] : []),
      ...(notModified || encoding === 'identity' ? [] : ['content-encoding', encoding]),
    ]);
  };
}

/** Sends a fixed answer as sendBytes would; returns the status sent. */
function sendFixed(req: IncomingMessage, res: ServerResponse, a: FixedAnswer, headersFor: FixedHeaders, tail: Fields): number {
  // An asset kept uncompressed (an image) goes out as it is, without Content-Encoding.
  const encoding = itemEncoding(a.item, req.headers['accept-encoding']);
  if (a.status === 200 && etagMatches(req.headers['if-none-match'], a.item.etags[encoding])) {
    res.writeHead(304, [...headersFor(a, encoding, true), ...tail]);
    res.end();
    return 304;
  }
  const body = itemBody(a.item, encoding);
  res.writeHead(a.status, [...headersFor(a, encoding, false), ...tail, 'content-length', String(body.length)]);
  res.end(req.method === 'HEAD' ? undefined : body);
  return a.status;
}

/** The 302 of a region-neutral path, as Express's redirect() writes it. */
function sendNeutral(
  req: IncomingMessage,
  res: ServerResponse,
  target: { location: string; vary: string },
  base: Fields,
  tail: Fields,
): void {
  const body = `Redirecting to ${target.location}`;
  const headers = [
    ...base,
    'location',
    target.location,
    'vary',
    target.vary,
    'cache-control',
    CACHE.personal,
    'content-type',
    'text/plain; charset=utf-8',
    'content-length',
    String(Buffer.byteLength(body)),
    ...tail,
  ];
  res.writeHead(302, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Sends a cached region page (or its 304); undefined when Express must answer (identity: it decompresses). */
function sendPage(
  req: IncomingMessage,
  res: ServerResponse,
  page: CachedPage,
  headersFor: (e: Encoding, notModified: boolean) => Fields,
  tail: string[],
) {
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  // A 304 carries the ETag of the coding this request would get, and no Content-Encoding, as Express's sendBytes.
  if (etagMatches(req.headers['if-none-match'], page.etags[encoding])) {
    res.writeHead(304, [...headersFor(encoding, true), ...tail]);
    res.end();
    return 304;
  }
  const body = encoding === 'br' ? page.brotli : encoding === 'gzip' ? encodedBody(page, 'gzip') : undefined;
  if (!body) return undefined;
  res.writeHead(200, [...headersFor(encoding, false), ...tail, 'content-length', String(body.length)]);
  res.end(req.method === 'HEAD' ? undefined : body);
  return 200;
}

export function createFront(deps: FrontDeps, app: RequestListener): RequestListener {
  const base: string[] = deps.securityHeaders.flatMap(([k, v]) => [k, v]);
  const log = frontLog(deps.logger);
  const pageHeaders = pageHeaderLists(deps, base);
  const fixedList = fixedHeaderLists(base);
  /** The request id, and Connection: close while draining, after the cached headers. */
  const tail = (id: string) => (deps.state.draining ? ['x-request-id', id, 'connection', 'close'] : ['x-request-id', id]);

  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    // Without Host, Express answers (a 400 for HTTP/1.1: requireHost).
    const readable = (req.method === 'GET' || req.method === 'HEAD') && !deps.state.overloaded && req.headers.host !== undefined;
    const target = readable && path.length < 20 ? deps.neutral(path, req) : undefined;
    if (target) {
      const id = requestId(req);
      sendNeutral(req, res, target, base, tail(id));
      log(id, req.method!, path, 302, Math.round(performance.now() - started));
      deps.metrics?.frontAnswer('neutral', 302);
      return;
    }
    const entry = readable ? deps.paths.get(path) : undefined;
    const page = entry && (q === -1 || !deps.meaningfulQuery.test(url.slice(q))) ? deps.peek(entry.key) : undefined;
    if (!entry || !page || page.status !== 200) {
      const fixed = readable && !entry ? deps.fixed(path, req) : undefined;
      if (!fixed) {
        if (entry) deps.metrics?.frontMiss();
        app(req, res);
        return;
      }
      const id = requestId(req);
      const status = sendFixed(req, res, fixed, fixedList, tail(id));
      log(id, req.method!, path, status, Math.round(performance.now() - started));
      deps.metrics?.frontFixed(routeType(path, req.method!), status);
      return;
    }
    const id = requestId(req);
    const status = sendPage(req, res, page, (e, notModified) => pageHeaders(page, e, notModified, entry.timeDependent), tail(id));
    if (status === undefined) {
      // Identity is rare; Express's path decompresses it.
      app(req, res);
      return;
    }
    log(id, req.method!, path, status, Math.round(performance.now() - started));
    if (deps.metrics) {
      deps.metrics.frontHit();
      deps.metrics.frontAnswer('page', status);
    }
  };
}
