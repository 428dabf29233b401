// Writing cached pages and assets: content negotiation of encodings, validators, cache headers.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import type { Asset } from './assets.js';
import { codingEtags, etagMatches } from './etags.js';
import { encodedBody, negotiateEncoding, type CachedPage, type Encoding } from './page-cache.js';

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

/** The coding a cached page or asset goes out in for this Accept-Encoding: an asset kept uncompressed (an image) as it is. */
export function itemEncoding(item: CachedPage | Asset, acceptEncoding: string | undefined): Encoding {
  return 'url' in item && item.brotli === item.body ? 'identity' : negotiateEncoding(acceptEncoding);
}

/** The bytes of a cached page or asset in the coding itemEncoding chose. */
export function itemBody(item: CachedPage | Asset, encoding: Encoding): Buffer {
  if (!('url' in item)) return encodedBody(item, encoding);
  return encoding === 'br' ? item.brotli : encoding === 'gzip' ? item.gzip : item.body;
}

/** Sends a cached page or asset with the ETag of the coding it goes out in; 304 when the client already has it. */
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
  const encoding = itemEncoding(item, req.headers['accept-encoding']);
  if (status === 200) {
    res.setHeader('ETag', item.etags[encoding]);
    if (etagMatches(req.headers['if-none-match'], item.etags[encoding])) {
      res.statusCode = 304;
      res.end();
      return;
    }
  }
  const body = itemBody(item, encoding);
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
 * quality 4, ~1 ms for a 90 KB page; or gzip), and, when a cache may keep it, with the ETag of its bytes in
 * that coding (etags.ts) so that a revalidation costs a 304. Cached pages are compressed once instead (page-cache.ts).
 */
export function sendBuilt(req: IncomingMessage, res: ServerResponse, content: string): void {
  const body = Buffer.from(content, 'utf8');
  const compressible = body.length >= COMPRESS_FROM_BYTES;
  const encoding = compressible ? negotiateEncoding(req.headers['accept-encoding']) : 'identity';
  const cacheControl = String(res.getHeader('Cache-Control') ?? '');
  if (res.statusCode === 200 && !/no-store/.test(cacheControl)) {
    const etags = codingEtags(crypto.createHash('sha1').update(body).digest('base64url'), compressible);
    res.setHeader('ETag', etags[encoding]);
    if (etagMatches(req.headers['if-none-match'], etags[encoding])) {
      addVary(res, 'Accept-Encoding');
      res.statusCode = 304;
      res.end();
      return;
    }
  }
  addVary(res, 'Accept-Encoding');
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
