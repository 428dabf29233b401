// Static files from public/, fingerprinted at start-up so they can be cached for a year.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';
import { CACHE, sendBytes } from './respond.js';

export interface Asset {
  readonly url: string;
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly brotli: Buffer;
  readonly etag: string;
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

export function loadAssets(publicDir: string): Assets {
  const byFile = new Map<string, Asset>();
  const byUrl = new Map<string, Asset>();
  for (const file of walk(publicDir)) {
    const ext = path.extname(file);
    const type = TYPES[ext];
    if (!type) continue;
    const body = fs.readFileSync(path.join(publicDir, file));
    const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 10);
    const url = `/assets/${file.slice(0, -ext.length)}.${hash}${ext}`;
    const compressible = type.startsWith('text/') || type.startsWith('image/svg');
    const asset: Asset = {
      url,
      type,
      body,
      gzip: compressible ? zlib.gzipSync(body, { level: 9 }) : body,
      brotli: compressible ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }) : body,
      etag: `"${hash}"`,
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
    if (req.method !== 'GET' && req.method !== 'HEAD') return next(new HttpError(405, 'method', { Allow: 'GET, HEAD' }));
    sendBytes(req, res, asset, { type: asset.type, cacheControl: CACHE.immutable });
  };
}
