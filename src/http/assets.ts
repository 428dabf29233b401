// Static files from public/, fingerprinted at start-up so they can be cached for a year.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { RequestHandler } from 'express';
import { HttpError, readOnlyMethod } from './errors.js';
import { codingEtags, type CodingEtags } from './etags.js';
import { CACHE, sendBytes } from './respond.js';

export interface Asset {
  readonly url: string;
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly brotli: Buffer;
  /** One strong ETag per coding (etags.ts); one for all when the file is kept uncompressed (an image). */
  readonly etags: CodingEtags;
}

export interface Assets {
  /** The fingerprinted URL of `public/{file}` (e.g. `css/site.css` → `/assets/css/site.1a2b3c4d.css`). */
  url(file: string): string;
  byUrl(url: string): Asset | undefined;
  readonly all: readonly Asset[];
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function walk(dir: string, base = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), `${base}${e.name}/`) : [`${base}${e.name}`]));
}

/**
 * The compressed form of `body`, kept in `cacheDir` under its content hash: brotli at quality 11 and
 * gzip at level 9 cost ~90 ms per start for the site's CSS and JS, and the files rarely change. A
 * cache that cannot be read or written is skipped: the bytes are compressed again.
 */
function compressedOnce(cacheDir: string | undefined, body: Buffer, digest: string, suffix: 'br' | 'gz', compress: () => Buffer): Buffer {
  const file = cacheDir && path.join(cacheDir, `${digest}.${suffix}`);
  if (file) {
    try {
      const cached = fs.readFileSync(file);
      // Checked before use (~0.2 ms): a damaged file is replaced, never served.
      if ((suffix === 'br' ? zlib.brotliDecompressSync(cached) : zlib.gunzipSync(cached)).equals(body)) return cached;
    } catch {
      // Not cached yet, or damaged.
    }
  }
  const bytes = compress();
  if (file) {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      // Written aside and renamed: a process starting meanwhile reads a whole file or none.
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, file);
    } catch {
      // A read-only checkout: compress at every start.
    }
  }
  return bytes;
}

/** `cacheDir`: where compressed forms are kept between starts (see compressedOnce); none in tests that want a clean start. */
export function loadAssets(publicDir: string, cacheDir?: string): Assets {
  const byFile = new Map<string, Asset>();
  const byUrl = new Map<string, Asset>();
  for (const file of walk(publicDir)) {
    const ext = path.extname(file);
    const type = TYPES[ext];
    if (!type) continue;
    const body = fs.readFileSync(path.join(publicDir, file));
    const digest = crypto.createHash('sha256').update(body).digest('base64url');
    const hash = digest.slice(0, 10);
    const url = `/assets/${file.slice(0, -ext.length)}.${hash}${ext}`;
    const compressible = type.startsWith('text/') || type.startsWith('image/svg');
    const asset: Asset = {
      url,
      type,
      body,
      gzip: compressible ? compressedOnce(cacheDir, body, digest, 'gz', () => zlib.gzipSync(body, { level: 9 })) : body,
      brotli: compressible
        ? compressedOnce(cacheDir, body, digest, 'br', () =>
            zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
          )
        : body,
      etags: codingEtags(hash, compressible),
    };
    byFile.set(file, asset);
    byUrl.set(url, asset);
  }
  return {
    url(file) {
      const asset = byFile.get(file);
      if (!asset) throw new Error(`public/${file} does not exist`);
      return asset.url;
    },
    byUrl: (url) => byUrl.get(url),
    all: [...byFile.values()],
  };
}

/** Serves `/assets/…` from the fingerprinted set, cached for a year. */
export function serveAssets(assets: Assets): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith('/assets/')) return next();
    const asset = assets.byUrl(req.path);
    if (!asset) return next(new HttpError(404));
    if (req.method !== 'GET' && req.method !== 'HEAD') return next(readOnlyMethod());
    sendBytes(req, res, asset, { type: asset.type, cacheControl: CACHE.immutable });
  };
}
