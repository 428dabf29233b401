// Writing cached pages and assets: content negotiation of encodings, validators, cache headers.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import type { Asset } from './assets.js';
import { encodedBody, negotiateEncoding, type CachedPage } from './page-cache.js';

export const CACHE = {
  /** Region pages: the same for every visitor; a CDN may serve them a while and revalidate in the background. */
  page: 'public, max-age=300, stale-while-revalidate=86400',
  /** Pages rendered for a query (search results, the filtered picker): the URL alone decides them, but they are not kept stale. */
  query: 'public, max-age=300',
  /** Fingerprinted assets never change under their URL. */
  immutable: 'public, max-age=31536000, immutable',
  /** Permanent normalisation redirects: the same for everybody. */
  permanentRedirect: 'public, max-age=86400',
  /** Answers that depend on the visitor (cookie, headers). */
  personal: 'private, no-store',
  none: 'no-store',
} as const;

/** How long after it was sent a shared cache may still serve a page cached with CACHE.page: max-age plus stale-while-revalidate. */
export const PAGE_REUSE_MS = (300 + 86_400) * 1000;

/** The only If-None-Match test, for the front layer and Express alike; `*` matches any current page. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((v) => v.trim().replace(/^W\//, '') === etag);
}

/** Sends a cached page or asset; 304 when the client already has it. */
export function sendBytes(
  req: IncomingMessage,
  res: ServerResponse,
  item: CachedPage | Asset,
  headers: { type: string; cacheControl: string; lang?: string; status?: number; vary?: string },
): void {
  const status = headers.status ?? 200;
  res.setHeader('Content-Type', headers.type);
  if (headers.lang) res.setHeader('Content-Language', headers.lang);
  res.setHeader('Cache-Control', headers.cacheControl);
  res.setHeader('Vary', headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding');
  if (status === 200) res.setHeader('ETag', item.etag);
  if (status === 200 && etagMatches(req.headers['if-none-match'], item.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  let body: Buffer;
  if ('url' in item) {
    body = encoding === 'br' ? item.brotli : encoding === 'gzip' ? item.gzip : item.body;
    if (body === item.body && encoding !== 'identity') {
      res.statusCode = status;
      res.setHeader('Content-Length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
  } else {
    body = encodedBody(item, encoding);
  }
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.statusCode = status;
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Below this size compression saves less than its headers cost. */
const COMPRESS_FROM_BYTES = 1024;

/** Adds a field to Vary unless it is there. */
function addVary(res: ServerResponse, field: string): void {
  const vary = res.getHeader('Vary');
  const current = typeof vary === 'string' ? vary : '';
  if (!current.split(',').some((v) => v.trim().toLowerCase() === field.toLowerCase())) {
    res.setHeader('Vary', current ? `${current}, ${field}` : field);
  }
}

/**
 * Sends a page built for this request (a search, a filtered list, a form, the contacts API), whose
 * Content-Type, Cache-Control and status the caller set: compressed as the client accepts (brotli at
 * quality 4, ~1 ms for a 90 KB page; or gzip), and, when a cache may keep it, with an ETag of its bytes
 * so that a revalidation costs a 304. Cached pages are compressed once instead (page-cache.ts).
 */
export function sendBuilt(req: IncomingMessage, res: ServerResponse, content: string): void {
  const body = Buffer.from(content, 'utf8');
  const cacheControl = String(res.getHeader('Cache-Control') ?? '');
  if (res.statusCode === 200 && !/no-store/.test(cacheControl)) {
    const etag = `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
    res.setHeader('ETag', etag);
    if (etagMatches(req.headers['if-none-match'], etag)) {
      addVary(res, 'Accept-Encoding');
      res.statusCode = 304;
      res.end();
      return;
    }
  }
  addVary(res, 'Accept-Encoding');
  const encoding = body.length < COMPRESS_FROM_BYTES ? 'identity' : negotiateEncoding(req.headers['accept-encoding']);
  let sent = body;
  if (encoding === 'br') {
    sent = zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
      },
    });
  } else if (encoding === 'gzip') {
    sent = zlib.gzipSync(body, { level: 6 });
  }
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', sent.length);
  res.end(req.method === 'HEAD' ? undefined : sent);
}

/** A redirect whose target the caller built from the registry and route table; Vary stays what the caller set. */
export function redirect(res: ServerResponse, status: 301 | 302 | 303, location: string): void {
  res.statusCode = status;
  res.setHeader('Location', location);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  const body = `Redirecting to ${location}`;
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
