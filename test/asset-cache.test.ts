// Compressed assets are kept between starts under their content hash, and a damaged copy is never served.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import request from 'supertest';
import { loadAssets, serveAssets } from '../src/http/assets.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function publicDir(css: string): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'css'));
  fs.writeFileSync(path.join(dir, 'css', 'site.css'), css);
  return dir;
}

describe('compressed assets kept between starts', () => {
  const css = `body { color: #111; }\n${'.card { margin: 0 auto; padding: 1rem; }\n'.repeat(200)}`;

  it('writes brotli and gzip forms on the first start and reads the same bytes on the next', () => {
    const pub = publicDir(css);
    const cache = tempDir();
    const first = loadAssets(pub, cache).all[0]!;
    expect(fs.readdirSync(cache).sort()).toEqual([expect.stringMatching(/\.br$/), expect.stringMatching(/\.gz$/)]);
    const second = loadAssets(pub, cache).all[0]!;
    expect(second.brotli.equals(first.brotli)).toBe(true);
    expect(zlib.brotliDecompressSync(second.brotli).toString()).toBe(css);
    expect(zlib.gunzipSync(second.gzip).toString()).toBe(css);
  });

  it('replaces a damaged copy instead of serving it', () => {
    const pub = publicDir(css);
    const cache = tempDir();
    loadAssets(pub, cache);
    const br = fs.readdirSync(cache).find((f) => f.endsWith('.br'))!;
    fs.writeFileSync(path.join(cache, br), 'not brotli');
    const asset = loadAssets(pub, cache).all[0]!;
    expect(zlib.brotliDecompressSync(asset.brotli).toString()).toBe(css);
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(cache, br))).toString()).toBe(css);
  });

  it('a changed file gets a new URL and new compressed bytes', () => {
    const pub = publicDir(css);
    const cache = tempDir();
    const before = loadAssets(pub, cache).all[0]!;
    fs.writeFileSync(path.join(pub, 'css', 'site.css'), `${css}a{}`);
    const after = loadAssets(pub, cache).all[0]!;
    expect(after.url).not.toBe(before.url);
    expect(zlib.brotliDecompressSync(after.brotli).toString()).toBe(`${css}a{}`);
  });

  it('an unwritable cache directory only costs the compression', () => {
    const pub = publicDir(css);
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, '');
    const asset = loadAssets(pub, path.join(file, 'cache')).all[0]!;
    expect(zlib.gunzipSync(asset.gzip).toString()).toBe(css);
  });
});

describe('an image, kept uncompressed', () => {
  it('goes out as it is, with one ETag, whatever the client accepts; a stylesheet has one per coding', async () => {
    const pub = publicDir('body { color: #111; }\n'.repeat(100));
    fs.mkdirSync(path.join(pub, 'img'));
    fs.writeFileSync(path.join(pub, 'img', 'photo.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const assets = loadAssets(pub);
    const app = express().use(serveAssets(assets));
    const tagsOf = async (url: string) => {
      const tags: string[] = [];
      for (const accept of ['br', 'gzip', 'identity']) {
        const res = await request(app).get(url).set('Accept-Encoding', accept).buffer(true).expect(200);
        const coded = !url.endsWith('.png') && accept !== 'identity';
        expect([url, accept, res.headers['content-encoding']]).toEqual([url, accept, coded ? accept : undefined]);
        tags.push(String(res.headers.etag));
      }
      return tags;
    };
    const image = await tagsOf(assets.url('img/photo.png'));
    expect(new Set(image).size).toBe(1);
    const again = await request(app).get(assets.url('img/photo.png')).set('Accept-Encoding', 'br').set('If-None-Match', image[0]!);
    expect([again.status, again.headers.etag]).toEqual([304, image[0]]);
    expect(new Set(await tagsOf(assets.url('css/site.css'))).size).toBe(3);
  });
});
