// "Look and feel" screenshots for the README (issue 18): home, privacy, contact and regions at 375 and 1280 px,
// and an Arabic page (viewport-sized PNGs, kept small). Every run takes them; they are written to
// docs/screens/*.png only with UPDATE_SCREENS=1, so a test run leaves the tree as it was (the contact
// page's open/closed line changes with the hour).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, useBrowser } from './browser.js';

const OUT = path.resolve(import.meta.dirname, '../../docs/screens');
const UPDATE = process.env.UPDATE_SCREENS === '1';

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
    if (UPDATE) fs.mkdirSync(OUT, { recursive: true });
    page = await (await env.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it.each(SHOTS.flatMap(([name, url]) => [375, 1280].map((w) => [`${name}-${w}`, url, w] as const)))(
    'takes docs/screens/%s.png',
    async (name, url, width) => {
      await page.setViewportSize({ width, height: width < 600 ? 740 : 800 });
      const res = await page.goto(env.base + url);
      expect(res?.status()).toBe(200);
      const png = await page.screenshot();
      if (UPDATE) fs.writeFileSync(path.join(OUT, `${name}.png`), png);
      const bytes = png.length;
      expect(bytes).toBeGreaterThan(5_000);
      expect(bytes, 'screenshots stay small').toBeLessThan(400_000);
    },
  );
});
