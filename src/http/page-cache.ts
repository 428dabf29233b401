// Rendered pages kept as bytes with lazily built gzip/brotli variants and a strong ETag.
// Keys come from the registry and the route table only, so the cache is bounded by them.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

export interface CachedPage {
  readonly status: number;
  readonly lang: string;
  readonly body: Buffer;
  readonly etag: string;
  /** Epoch ms after which the page must be rendered again (content that depends on the hour); Infinity if never. */
  readonly expires: number;
  gzip?: Buffer;
  brotli?: Buffer;
}

export type Encoding = 'br' | 'gzip' | 'identity';

export function cachedPage(status: number, lang: string, html: string, expires = Infinity): CachedPage {
  const body = Buffer.from(html, 'utf8');
  const etag = `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
  return { status, lang, body, etag, expires };
}

/** The bytes for `encoding`, compressing once on first use. */
export function encodedBody(page: CachedPage, encoding: Encoding): Buffer {
  if (encoding === 'br') {
    page.brotli ??= zlib.brotliCompressSync(page.body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.body.length },
    });
    return page.brotli;
  }
  if (encoding === 'gzip') {
    page.gzip ??= zlib.gzipSync(page.body, { level: 9 });
    return page.gzip;
  }
  return page.body;
}

/** Picks br, gzip or identity from Accept-Encoding (q=0 refuses a coding). */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let br = false;
  let gzip = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === 'x-gzip') gzip = true;
    else if (name === '*') gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : 'identity';
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
