// Accessibility in a real browser: axe-core finds no WCAG 2.2 A/AA violation on any page type in English,
// Arabic and Chinese, and the mega-menu and the region selector work by keyboard alone with a visible focus.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, focused, LANGUAGES, PAGE_TYPES, pagesOf, runAxe, tabUntil, useBrowser } from './browser.js';

describeWithBrowser('accessibility (axe-core, keyboard)', () => {
  const env = useBrowser();
  let page: Page;

  beforeAll(async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it.each(pagesOf(LANGUAGES))('axe finds no WCAG 2.2 A/AA violation: %s (%s)', async (_label, path, status) => {
    const res = await page.goto(env.base + path);
    expect(res?.status()).toBe(status);
    const axe = await runAxe(page);
    expect(axe.passes, 'axe ran its rules').toBeGreaterThan(10);
    expect(axe.violations).toEqual([]);
  });

  // Issue 18: every page type in en, ar and ja — the route-table pages above in Japanese too, and the pages
  // outside the route table (site map, search results, both forms) in all three; comparisons: versions.test.ts.
  const EXTRA = ['/sitemap', '/search?q=privacy', '/privacy/request', '/email-signup'];
  const PREFIXES = [
    ['English', '/us/en'],
    ['Arabic', '/sa/ar'],
    ['Japanese', '/jp/ja'],
  ] as const;
  it.each([
    ...pagesOf([]).concat(PAGE_TYPES.map((p): [string, string, number] => [`Japanese ${p.name}`, `/jp/ja${p.path}`, p.status])),
    ...PREFIXES.flatMap(([name, prefix]) => EXTRA.map((path): [string, string, number] => [`${name} ${path}`, `${prefix}${path}`, 200])),
  ])('axe finds no WCAG 2.2 A/AA violation (issue 18 page types): %s (%s)', async (_label, path, status) => {
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const res = await page.goto(env.base + path);
      expect(res?.status()).toBe(status);
      const axe = await runAxe(page);
      expect(axe.violations, `${path} at ${width}`).toEqual([]);
    }
  });

  it.each(PREFIXES)('axe finds no violation in the phone header with its Menu open: %s', async (_name, prefix) => {
    await page.setViewportSize({ width: 375, height: 900 });
    await page.goto(`${env.base}${prefix}/privacy`);
    await page.locator('summary.site-header__toggle').click();
    const axe = await runAxe(page, 'header.site-header');
    expect(axe.violations).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it.each(LANGUAGES.map((l) => [l.name, l.prefix] as const))(
    'axe finds no violation inside each open mega-menu panel: %s',
    async (_name, prefix) => {
      await page.goto(`${env.base}${prefix}/`);
      const menus = page.locator('details.mega__details');
      const count = await menus.count();
      expect(count).toBeGreaterThanOrEqual(3);
      for (let i = 0; i < count; i++) {
        await menus.nth(i).locator('summary').click();
        await expect.poll(() => menus.nth(i).getAttribute('open')).not.toBeNull();
        const axe = await runAxe(page, 'details.mega__details[open]');
        expect(axe.violations, `menu ${i + 1}`).toEqual([]);
      }
    },
  );

  it.each(LANGUAGES.map((l) => [l.name, l.prefix] as const))(
    'opens the mega-menu by keyboard: Tab to a summary, Enter opens, Tab reaches a link inside, Escape closes (%s)',
    async (_name, prefix) => {
      await page.goto(`${env.base}${prefix}/privacy`);
      await page.locator('body').focus();
      const summary = await tabUntil(page, (f) => f.tag === 'summary');
      expect(summary.className).toContain('mega__summary');
      expect(summary.focusVisible, 'keyboard focus matches :focus-visible').toBe(true);
      expect(summary.outlineVisible, `visible focus on the summary (${summary.outline})`).toBe(true);
      expect(summary.inOpenMenu).toBe(false);

      await page.keyboard.press('Enter');
      const opened = await focused(page);
      expect(opened.tag).toBe('summary');
      expect(opened.inOpenMenu, 'Enter opens the menu').toBe(true);
      const panel = page.locator('details.mega__details[open] .mega__panel');
      await expect.poll(() => panel.isVisible()).toBe(true);

      await page.keyboard.press('Tab');
      const link = await focused(page);
      expect(link.tag).toBe('a');
      expect(link.inMenuPanel && link.inOpenMenu, `Tab moves into the open panel (at "${link.text}")`).toBe(true);
      expect(link.outlineVisible, `visible focus on the link (${link.outline})`).toBe(true);

      await page.keyboard.press('Escape');
      expect(await page.locator('details.mega__details[open]').count(), 'Escape closes the menu').toBe(0);
      const back = await focused(page);
      expect(back.tag, 'focus returns to the summary').toBe('summary');
      expect(back.outlineVisible).toBe(true);
    },
  );

  it.each(LANGUAGES.map((l) => [l.name, l.prefix] as const))(
    'closes an open mega-menu when Tab leaves it, so its panel never covers the focus (WCAG 2.4.11): %s',
    async (_name, prefix) => {
      await page.goto(`${env.base}${prefix}/`);
      const last = page.locator('details.mega__details').last();
      await last.locator('summary').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => last.getAttribute('open')).not.toBeNull();
      const inside = await last.locator('a, summary, button').count();
      for (let i = 0; i < inside + 3; i++) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate<{ inMenu: boolean; open: boolean; covered: boolean }>(`(() => {
          const el = document.activeElement;
          const open = document.querySelector('details.mega__details[open]');
          const r = el.getBoundingClientRect();
          const at = document.elementFromPoint(r.left + Math.min(r.width / 2, 8), r.top + Math.min(r.height / 2, 8));
          const panel = open && open.querySelector('.mega__panel');
          return { inMenu: !!open && open.contains(el), open: !!open, covered: !!panel && !open.contains(el) && panel.contains(at) };
        })()`);
        expect(state.covered, `focus ${i + 1} under an open panel`).toBe(false);
        if (!state.inMenu) {
          expect(state.open, 'the menu closed once focus left it').toBe(false);
          return;
        }
      }
      throw new Error('Tab never left the menu');
    },
  );

  it.each([
    ['/de/de/privacy/request', 'Es ist ein Problem aufgetreten'],
    ['/sa/ar/email-signup', ''],
  ] as const)('moves the focus to the error summary when %s comes back with errors', async (path, words) => {
    // The test server is not at the configured origin (https://site.test), whose Origin alone a post may carry.
    await page.route(`**${path}`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch({ headers: { ...route.request().headers(), origin: 'https://site.test' } });
      return route.fulfill({ response });
    });
    await page.goto(env.base + path);
    await Promise.all([page.waitForURL(env.base + path), page.locator('form.form button[type="submit"]').click()]);
    await expect.poll(() => page.evaluate('document.activeElement.className')).toBe('error-summary');
    const state = await page.evaluate<{ className: string; text: string }>(
      '({ className: document.activeElement.className, text: document.activeElement.textContent })',
    );
    expect(state.className).toBe('error-summary');
    expect(state.text).toContain(words);
    await page.unroute(`**${path}`);
  });

  it('chooses a region with the footer selector by keyboard alone', async () => {
    await page.goto(`${env.base}/us/en/privacy`);
    // Shift+Tab from the top of the page wraps to its end, where the footer's form is.
    await page.locator('body').focus();
    const select = await tabUntil(page, (f) => f.tag === 'select', 10, 'Shift+Tab');
    expect(select.outlineVisible, `visible focus on the select (${select.outline})`).toBe(true);
    const before = await page.locator('#region-form-site').inputValue();
    expect(before).toBe('us-en');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.locator('#region-form-site').inputValue();
    expect(chosen).not.toBe(before);

    const button = await tabUntil(page, (f) => f.tag === 'button', 3);
    expect(button.outlineVisible, `visible focus on the button (${button.outline})`).toBe(true);
    await Promise.all([
      page.waitForURL((url) => url.pathname.endsWith('/privacy') && !url.pathname.startsWith('/us/en/')),
      page.keyboard.press('Enter'),
    ]);
    const [cc, lang] = chosen.split('-');
    expect(new URL(page.url()).pathname).toBe(`/${cc}/${lang}/privacy`);
  });

  it.each(LANGUAGES.map((l) => [l.name, l.prefix] as const))(
    'chooses a region on the selector page by keyboard alone: skip link, Tab, Enter (%s)',
    async (_name, prefix) => {
      await page.goto(`${env.base}${prefix}/regions`);
      await page.locator('body').focus();
      const skip = await tabUntil(page, () => true, 1);
      expect(skip.className).toContain('skip-link');
      expect(skip.outlineVisible, `visible focus on the skip link (${skip.outline})`).toBe(true);
      await page.keyboard.press('Enter');
      // Issue 18: the breadcrumb's Home link comes first, then the regions.
      const home = await tabUntil(page, (f) => f.tag === 'a', 3);
      expect(await page.evaluate('!!document.activeElement.closest("nav.breadcrumb")'), `breadcrumb first (${home.text})`).toBe(true);
      const entry = await tabUntil(page, (f) => f.tag === 'a', 3);
      expect(
        await page.evaluate('!!document.activeElement.closest(".selector__list")'),
        `the first stop after the skip link and the breadcrumb is a region (${entry.text})`,
      ).toBe(true);
      expect(entry.outlineVisible, `visible focus on the region (${entry.outline})`).toBe(true);
      // Move to the next region and take it.
      const next = await tabUntil(page, (f) => f.tag === 'a', 1);
      const href = await page.evaluate<string>('document.activeElement.getAttribute("href")');
      expect(href).toMatch(/^\/regions\/choose\?site=[a-z]{2}-[a-z]{2}$/);
      const site = href.slice(href.indexOf('=') + 1).split('-');
      await Promise.all([page.waitForURL(`**/${site[0]}/${site[1]}/`), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname, next.text).toBe(`/${site[0]}/${site[1]}/`);
    },
  );
});
