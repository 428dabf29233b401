// Writing cached pages and assets: content negotiation of encodings, validators, cache headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** A redirect whose target the caller built from the registry and route table; Vary stays what the caller set. */
export function redirect(res: ServerResponse, status: 301 | 302 | 303, location: string): void {
  res.statusCode = status;
  res.setHeader('Location', location);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  const body = `Redirecting to ${location}`;
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
