// Every screen: no sideways scrolling from 320 to 1280 px, the mega-menu by touch on a phone, the privacy
// statement printed alone, and no console error, uncaught exception or CSP violation on any page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { describeWithBrowser, LANGUAGES, pagesOf, sideways, useBrowser, watchProblems, type PageProblems } from './browser.js';

const WIDTHS = [320, 375, 768, 1280];

describeWithBrowser('every screen', () => {
  const env = useBrowser();

  describe('every page type', () => {
    // One page for all of them, watched for console errors, uncaught exceptions and CSP violations. Each page is
    // loaded once and the viewport resized through the widths: the same layout as a fresh load, in less time.
    let context: BrowserContext;
    let page: Page;
    let problems: PageProblems;
    const clear = () => {
      problems.console.length = 0;
      problems.csp.length = 0;
      problems.errors.length = 0;
    };

    beforeAll(async () => {
      context = await env.browser.newContext({ viewport: { width: WIDTHS[0]!, height: 800 } });
      problems = await watchProblems(context);
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
    });

    it.each(pagesOf(LANGUAGES))(
      'has no console error, CSP violation or sideways scrolling at 320, 375, 768 and 1280 px: %s (%s)',
      async (_label, path, status) => {
        clear();
        await page.setViewportSize({ width: WIDTHS[0]!, height: 800 });
        expect((await page.goto(env.base + path, { waitUntil: 'load' }))?.status()).toBe(status);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          const result = await sideways(page);
          expect(result.viewport).toBe(width);
          expect(result.scrollWidth, `${path} at ${width}px: ${result.offenders.join(', ')}`).toBeLessThanOrEqual(width);
        }
        expect(problems).toEqual({ console: [], csp: [], errors: [] });
      },
    );

    it.each(LANGUAGES.map((l) => [l.name, l.prefix] as const))(
      'has no console error or CSP violation while the menus and the print button are used: %s',
      async (_name, prefix) => {
        clear();
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.goto(`${env.base}${prefix}/privacy`);
        const summaries = page.locator('summary.mega__summary');
        for (let i = 0; i < (await summaries.count()); i++) await summaries.nth(i).click();
        await page.keyboard.press('Escape');
        await page.locator('main h1').click();
        // window.print() would open a dialog: count the calls instead.
        await page.evaluate('window.print = () => { window.__printed = (window.__printed || 0) + 1; }');
        await page.locator('[data-print]').click();
        expect(await page.evaluate('window.__printed')).toBe(1);
        await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))');
        expect(problems).toEqual({ console: [], csp: [], errors: [] });
      },
    );

    it('notices a CSP violation when there is one (the probe works)', async () => {
      clear();
      await page.goto(`${env.base}/us/en/privacy`);
      // An inline script added by the page itself must be blocked and reported.
      await page.evaluate(
        `(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.append(s); })()`,
      );
      await expect.poll(() => problems.csp.length).toBeGreaterThan(0);
      expect(problems.console.join('\n')).toContain('Content Security Policy');
      expect(await page.evaluate('window.__inline')).toBeUndefined();
      clear();
    });
  });

  it.each(LANGUAGES.map((l) => [l.name, l.prefix] as const))(
    'opens every mega-menu by touch on a 375 px phone: %s',
    async (_name, prefix) => {
      const context = await env.browser.newContext({
        viewport: { width: 375, height: 740 },
        hasTouch: true,
        isMobile: true,
        deviceScaleFactor: 2,
      });
      try {
        const page = await context.newPage();
        await page.goto(`${env.base}${prefix}/`);
        // Under 600 px the mega-menus sit behind the header's Menu button (issue 18).
        await page.locator('summary.site-header__toggle').tap();
        const menus = page.locator('details.mega__details');
        const count = await menus.count();
        expect(count).toBeGreaterThanOrEqual(3);
        // One after the other, as a visitor would: each tap must reach its summary even while another menu is open.
        for (let i = 0; i < count; i++) {
          await menus.nth(i).locator('summary').tap({ timeout: 5_000 });
          const panel = menus.nth(i).locator('.mega__panel');
          await expect.poll(() => panel.isVisible(), { message: `menu ${i + 1} opens on tap` }).toBe(true);
          const box = await panel.boundingBox();
          expect(box, `menu ${i + 1} has a box`).not.toBeNull();
          // In the drawer's flow, right under its summary: not laid over the page below the drawer's scroll box.
          const summary = (await menus.nth(i).locator('summary').boundingBox())!;
          expect(Math.abs(box!.y - (summary.y + summary.height)), `menu ${i + 1} opens under its summary`).toBeLessThan(2);
          expect(box!.width).toBeGreaterThan(0);
          expect(box!.x, `menu ${i + 1} starts inside the screen`).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width, `menu ${i + 1} ends inside the screen`).toBeLessThanOrEqual(375);
          expect(await page.locator('details.mega__details[open]').count(), 'one menu open at a time').toBe(1);
          const result = await sideways(page);
          expect(result.scrollWidth, result.offenders.join(', ')).toBeLessThanOrEqual(375);
        }
        // Tapping the open summary closes it; tapping a link inside a panel follows it.
        await menus
          .nth(count - 1)
          .locator('summary')
          .tap();
        await expect.poll(() => page.locator('details.mega__details[open]').count()).toBe(0);
        await menus.nth(0).locator('summary').tap();
        const link = menus.nth(0).locator('.mega__panel a').first();
        const href = (await link.getAttribute('href'))!;
        expect(href.startsWith('/')).toBe(true);
        await Promise.all([page.waitForURL((url) => url.pathname === href.split('#')[0]), link.tap()]);
      } finally {
        await context.close();
      }
    },
  );

  it.each(LANGUAGES.map((l) => [l.name, l.prefix] as const))('prints the privacy statement alone: %s', async (_name, prefix) => {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${env.base}${prefix}/privacy`);
      await page.emulateMedia({ media: 'print' });
      const shown = (selector: string) =>
        page.evaluate<{ display: string; visible: boolean }[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => {
          const box = el.getBoundingClientRect();
          return { display: getComputedStyle(el).display, visible: box.width > 0 && box.height > 0 };
        })`);
      for (const hidden of ['.site-header', '.site-footer', '.toc', '.skip-link', '.breadcrumb']) {
        const found = await shown(hidden);
        expect(found.length, `${hidden} exists`).toBeGreaterThan(0);
        for (const f of found) expect(f.display, `${hidden} in print`).toBe('none');
      }
      const [h1] = await shown('.statement h1');
      expect(h1).toEqual({ display: 'block', visible: true });
      const sections = await shown('.statement__section');
      expect(sections.length).toBeGreaterThan(10);
      for (const s of sections) expect(s.visible, 'every section prints').toBe(true);
      // Nothing but the statement takes up room: every visible element of the body is inside it.
      const outside = await page.evaluate(`[...document.body.querySelectorAll('*')].filter((el) => {
        if (el.closest('.statement') || el.contains(document.querySelector('.statement'))) return false;
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      }).map((el) => el.tagName.toLowerCase() + '.' + el.className)`);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
