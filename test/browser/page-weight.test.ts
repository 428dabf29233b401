// Page weight budget (issue 18): the privacy page's first view — HTML, CSS, JavaScript, fonts and the images it
// references (the logo, the icon) — stays within 60 KB as transferred compressed, its JavaScript under 10 KB.
// Plain HTTP with Accept-Encoding, no browser. The site ships no web font (system fonts), so fonts count 0.
import http from 'node:http';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, useServer } from './browser.js';

const TOTAL_BUDGET = 60_000; // bytes: "60 KB" read strictly
const JS_BUDGET = 10_000;

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

/** The page's own stylesheets (screen and print), scripts, images, icons and fonts. */
function subresources(html: string, cssText = ''): { css: string[]; js: string[]; media: string[] } {
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
  const js = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
  const media = [
    ...[...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link rel="icon" href="([^"]+)"/g)].map((m) => m[1]!),
    ...[...cssText.matchAll(/url\(["']?([^"')]+)["']?\)/g)].map((m) => m[1]!),
  ];
  return { css, js, media: [...new Set(media)] };
}

describe('page weight', () => {
  const env = useServer();

  const cases = LANGUAGES.flatMap((l) => [[l.name, l.prefix, 'br', 'br, gzip'] as const, [l.name, l.prefix, 'gzip', 'gzip'] as const]);

  it.each(cases)(
    '%s privacy page: HTML + CSS + JS + images + fonts within 60 KB, JS under 10 KB (%s)',
    async (_name, prefix, expected, accept) => {
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
      // Images and fonts the page or its stylesheets name (SVG is sent compressed; a font or PNG as it is).
      let cssText = '';
      for (const url of css) cssText += (await fetchCompressed(env.base, url, accept)).text;
      const { media } = subresources(page.text, cssText);
      expect(media.length, 'the logo and the icon are counted').toBeGreaterThanOrEqual(2);
      for (const url of media) {
        const asset = await fetchCompressed(env.base, url, accept);
        expect(asset.status, url).toBe(200);
        sizes[url] = asset.bytes;
      }
      const total = Object.values(sizes).reduce((a, b) => a + b, 0);
      expect(total, JSON.stringify(sizes)).toBeLessThan(TOTAL_BUDGET);
      expect(jsBytes, JSON.stringify(sizes)).toBeLessThan(JS_BUDGET);
    },
  );
});
