// "Look and feel" screenshots for the README (issue 18): home, privacy, contact and regions at 375 and 1280 px,
// and an Arabic page, written to docs/screens/*.png on each run (viewport-sized PNGs, kept small).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, useBrowser } from './browser.js';

const OUT = path.resolve(import.meta.dirname, '../../docs/screens');

const SHOTS = [
  ['home', '/us/en/'],
  ['privacy', '/us/en/privacy'],
  ['contact', '/us/en/support/contact'],
  ['regions', '/us/en/regions'],
  ['arabic-privacy', '/sa/ar/privacy'],
] as const;

describeWithBrowser('look and feel screenshots', () => {
  const env = useBrowser();
  let page: Page;
  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    page = await (await env.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it.each(SHOTS.flatMap(([name, url]) => [375, 1280].map((w) => [`${name}-${w}`, url, w] as const)))(
    'writes docs/screens/%s.png',
    async (name, url, width) => {
      await page.setViewportSize({ width, height: width < 600 ? 740 : 800 });
      const res = await page.goto(env.base + url);
      expect(res?.status()).toBe(200);
      const file = path.join(OUT, `${name}.png`);
      await page.screenshot({ path: file });
      const bytes = fs.statSync(file).size;
      expect(bytes).toBeGreaterThan(5_000);
      expect(bytes, 'screenshots stay small').toBeLessThan(400_000);
    },
  );
});
