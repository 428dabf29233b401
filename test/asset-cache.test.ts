// Compressed assets are kept between starts under their content hash, and a damaged copy is never served.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAssets } from '../src/http/assets.js';

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
