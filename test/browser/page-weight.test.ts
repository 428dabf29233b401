// Page weight budget: the privacy page's HTML, CSS and JavaScript together stay under 40 KB as transferred
// compressed, and its JavaScript under 5 KB. Plain HTTP with Accept-Encoding, no browser.
import http from 'node:http';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, useServer } from './browser.js';

const TOTAL_BUDGET = 40_000; // bytes: "40 KB" read strictly
const JS_BUDGET = 5_000;

interface Transfer {
  status: number;
  encoding: string | undefined;
  /** Bytes on the wire (the body as sent, compressed). */
  bytes: number;
  text: string;
}

function fetchCompressed(base: string, path: string, acceptEncoding: string): Promise<Transfer> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, base), { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'];
          const plain = encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;
          resolve({ status: res.statusCode ?? 0, encoding, bytes: body.length, text: plain.toString('utf8') });
        });
      })
      .on('error', reject);
  });
}

/** The page's own stylesheets (screen and print) and scripts. */
function subresources(html: string): { css: string[]; js: string[] } {
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
  const js = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
  return { css, js };
}

describe('page weight', () => {
  const env = useServer();

  const cases = LANGUAGES.flatMap((l) => [[l.name, l.prefix, 'br', 'br, gzip'] as const, [l.name, l.prefix, 'gzip', 'gzip'] as const]);

  it.each(cases)('%s privacy page: HTML + CSS + JS under 40 KB, JS under 5 KB (%s)', async (_name, prefix, expected, accept) => {
    const page = await fetchCompressed(env.base, `${prefix}/privacy`, accept);
    expect(page.status).toBe(200);
    expect(page.encoding, 'the page is sent compressed').toBe(expected);
    const { css, js } = subresources(page.text);
    expect(css.length).toBeGreaterThanOrEqual(1);
    expect(js.length).toBeGreaterThanOrEqual(1);
    const sizes: Record<string, number> = { [`${prefix}/privacy`]: page.bytes };
    let jsBytes = 0;
    for (const url of [...css, ...js]) {
      expect(url.startsWith('/'), `${url} is served by the site`).toBe(true);
      const asset = await fetchCompressed(env.base, url, accept);
      expect(asset.status, url).toBe(200);
      expect(asset.encoding, `${url} is sent compressed`).toBe(expected);
      sizes[url] = asset.bytes;
      if (js.includes(url)) jsBytes += asset.bytes;
    }
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    expect(total, JSON.stringify(sizes)).toBeLessThan(TOTAL_BUDGET);
    expect(jsBytes, JSON.stringify(sizes)).toBeLessThan(JS_BUDGET);
  });
});
