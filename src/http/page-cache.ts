// Rendered pages kept as precompressed bytes (brotli and gzip) with a strong ETag per coding: the one store of every cached
// answer — region pages, error pages, version comparisons, the root chooser, robots.txt and the sitemaps, which the
// front layer peeks at. Keys come from the registry, the route table and the statement's versions only, so the
// cache is bounded by them.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { Lru } from '../lru.js';
import { codingEtags, type CodingEtags } from './etags.js';

export interface CachedPage {
  readonly status: number;
  readonly lang: string;
  /** One strong ETag per coding (etags.ts): the brotli, gzip and identity bytes differ. */
  readonly etags: CodingEtags;
  /** Epoch ms after which the page must be rendered again (content that depends on the hour); Infinity if never. */
  readonly expires: number;
  readonly brotli: Buffer;
  readonly length: number;
  /** Header lists for the front layer, built on first use per encoding, of a 200 and of a 304 (front.ts). */
  headers?: Partial<Record<HeaderListKey, readonly string[]>>;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Which header list of a cached answer: a 200 in a coding, or a 304 to a request that would have got
 * that coding (its ETag, no Content-Encoding; identity's 304 has the headers of identity's 200).
 */
export type HeaderListKey = Encoding | 'br 304' | 'gzip 304';

/**
 * Compresses once at render time. Brotli quality 5 takes ~1.4 ms on the 71 KB privacy page (13.8 KB),
 * quality 4 ~1.1 ms for 6 % more bytes, quality 9 and up tens of milliseconds for ~1 % less. Only brotli is kept with the page: gzip is made on request and
 * kept within a budget (below), and the identity form, which few clients ask for, is decompressed
 * on demand (~0.3 ms).
 */
export function cachedPage(status: number, lang: string, html: string, expires = Infinity): CachedPage {
  const body = Buffer.from(html, 'utf8');
  return {
    status,
    lang,
    etags: codingEtags(crypto.createHash('sha1').update(body).digest('base64url')),
    expires,
    length: body.length,
    // Copied out of zlib's output chunk (16 KB) so each page holds only its own bytes.
    brotli: Buffer.from(
      zlib.brotliCompressSync(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          // A 128 KB window holds a whole page; the 4 MB default only costs memory.
          [zlib.constants.BROTLI_PARAM_LGWIN]: 17,
        },
      }),
    ),
  };
}

/**
 * Gzip bodies for the clients that do not take brotli, keyed by the identity ETag (a hash of the page) and
 * bounded by bytes: a crawler asking for every page in gzip must not double the memory of the
 * page cache. A page that fell out is compressed again (~1 ms).
 */
export const GZIP_BUDGET_BYTES = 8 * 1024 * 1024;
const gzipped = new Lru<Buffer>(GZIP_BUDGET_BYTES, (b) => b.length);

export function encodedBody(page: CachedPage, encoding: Encoding): Buffer {
  if (encoding === 'br') return page.brotli;
  const identity = () => zlib.brotliDecompressSync(page.brotli);
  if (encoding === 'gzip') return gzipped.get(page.etags.identity, () => zlib.gzipSync(identity(), { level: 6 }));
  return identity();
}

/** Bytes held by gzip bodies, for tests and the operator. */
export function gzipBytes(): number {
  return gzipped.weight;
}

/**
 * Picks br, gzip or identity from Accept-Encoding as RFC 9110 §12.5.3 says: the highest q wins, br before
 * gzip before identity on a tie, q=0 refuses a coding, `*` stands for every coding the header does not
 * name. Identity is the answer when no coding is acceptable, even if `identity;q=0` refuses it too (the
 * RFC allows that instead of a 415). Kept instead of `negotiator` because it runs on every request of the
 * front layer: measured on this machine (tsx, one core), ~10 ns for the common browser value and ~360 ns
 * for other values, against ~790 ns and ~670 ns for `new Negotiator(req).encoding(['br', 'gzip', 'identity'])`.
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  // The common browser value, answered without parsing.
  if (header === 'gzip, deflate, br' || header === 'gzip, deflate, br, zstd' || header === 'br') return 'br';
  // Clients send a handful of distinct values (a crawler's "gzip", curl's "deflate, gzip"): each parsed once.
  // Bounded: at most 256 values of at most 100 characters are kept.
  if (header.length > 100) return parseAcceptEncoding(header);
  let known = negotiated.get(header);
  if (known === undefined) {
    known = parseAcceptEncoding(header);
    if (negotiated.size >= 256) negotiated.clear();
    negotiated.set(header, known);
  }
  return known;
}

const negotiated = new Map<string, Encoding>();

/** A qvalue (RFC 9110 §12.4.2), with any number of decimals. */
const QVALUE = /^(0(\.\d*)?|1(\.0*)?)$/;

/** The q of one Accept-Encoding member (1 without a q parameter); NaN when the q is malformed. */
function qualityOf(params: readonly string[]): number {
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'q') continue;
    const value = param.slice(eq + 1).trim();
    return QVALUE.test(value) ? Number(value) : NaN;
  }
  return 1;
}

function parseAcceptEncoding(header: string): Encoding {
  // The q the header gives each coding we have, and `*`; undefined where it names none.
  const named: Partial<Record<Encoding | '*', number>> = {};
  for (const member of header.split(',')) {
    const [rawName = '', ...params] = member.split(';');
    let name = rawName.trim().toLowerCase();
    if (name === 'x-gzip') name = 'gzip';
    if (name !== 'br' && name !== 'gzip' && name !== 'identity' && name !== '*') continue;
    const q = qualityOf(params);
    // A malformed member says nothing; a coding named twice keeps its best q.
    if (!Number.isNaN(q)) named[name] = Math.max(named[name] ?? 0, q);
  }
  const br = named.br ?? named['*'] ?? 0;
  const gzip = named.gzip ?? named['*'] ?? 0;
  const best = Math.max(br, gzip);
  // Identity competes only where the header names it; otherwise it is what is left when no coding is acceptable.
  if (best === 0 || (named.identity ?? 0) > best) return 'identity';
  return br === best ? 'br' : 'gzip';
}

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The page for `key`, rendering it when missing or expired. `key` must come from the registry and route table. */
  get(key: string, render: () => CachedPage): CachedPage {
    const hit = this.pages.get(key);
    if (hit && hit.expires > this.now()) return hit;
    const page = render();
    this.pages.set(key, page);
    return page;
  }

  peek(key: string): CachedPage | undefined {
    const hit = this.pages.get(key);
    return hit && hit.expires > this.now() ? hit : undefined;
  }

  get size(): number {
    return this.pages.size;
  }
}
