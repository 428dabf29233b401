// Site search in a real browser (issue 17): axe finds no violation on results pages, and a visitor who uses only the
// keyboard reaches the header's field, searches in their own script, and lands on a result.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, focused, runAxe, tabUntil, useBrowser } from './browser.js';

const SEARCHES = [
  ['English', '/us/en', 'cookies', '/us/en/privacy#cookies'],
  ['Arabic', '/sa/ar', 'ملفات تعريف الارتباط', '/sa/ar/privacy#cookies'],
  ['Chinese', '/cn/zh', '付款', '/cn/zh/support#payment'],
  ['Japanese', '/jp/ja', 'クッキー', '/jp/ja/privacy#cookies'],
] as const;

describeWithBrowser('site search (axe, keyboard)', () => {
  const env = useBrowser();
  let page: Page;

  beforeAll(async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it.each(SEARCHES)('axe finds no WCAG 2.2 A/AA violation on results, no-results and empty pages: %s', async (_name, prefix, words) => {
    for (const query of [`?q=${encodeURIComponent(words)}`, '?q=zzqxv', '']) {
      const res = await page.goto(`${env.base}${prefix}/search${query}`);
      expect(res?.status()).toBe(200);
      const axe = await runAxe(page);
      expect(axe.violations, query).toEqual([]);
    }
  });

  it.each(SEARCHES)(
    'by keyboard alone: Tab to the header field, type, Enter, Tab to the result (%s)',
    async (_name, prefix, words, href) => {
      await page.goto(`${env.base}${prefix}/privacy`);
      await page.locator('body').focus();
      const field = await tabUntil(page, (f) => f.tag === 'input');
      expect(field.focusVisible).toBe(true);
      await page.keyboard.insertText(words);
      await Promise.all([page.waitForURL((url) => url.pathname === `${prefix}/search`), page.keyboard.press('Enter')]);
      // Tab on until the focus is on a result's link: every result is reachable in the tab order.
      let reached: string | null = null;
      for (let i = 0; i < 150 && reached === null; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate<string | null>(
          '(() => { const a = document.activeElement; return a && a.matches(".search__result > a") ? a.getAttribute("href") : null; })()',
        );
      }
      const hrefs = await page.evaluate<string[]>(
        '[...document.querySelectorAll(".search__result > a")].map((a) => a.getAttribute("href"))',
      );
      expect(reached).toBe(hrefs[0]);
      expect(hrefs).toContain(href);
      expect((await focused(page)).focusVisible).toBe(true);
    },
  );
});
