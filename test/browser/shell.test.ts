// The phone-sized shell and "where am I" (issue 18 A), at 320, 375, 768 and 1280 px: under 600 px the header
// is one row of at most 64 px whose Menu button opens the navigation with and without JavaScript; no page
// scrolls sideways; every page type names the current site in its header and links to the picker with ?from=.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, sideways, tabUntil, useBrowser } from './browser.js';

const WIDTHS = [320, 375, 768, 1280] as const;

/** Every page type, with what the header must name and where its picker link must return to. */
const PAGES = [
  { path: '/us/en/', where: 'United States · English', from: 'home', status: 200 },
  { path: '/us/en/privacy', where: 'United States · English', from: 'privacy', status: 200 },
  { path: '/us/en/privacy/versions', where: 'United States · English', from: 'versions', status: 200 },
  { path: '/us/en/privacy/versions/2014-01-02', where: 'United States · English', from: 'version:2014-01-02', status: 200 },
  { path: '/us/en/support', where: 'United States · English', from: 'support', status: 200 },
  { path: '/us/en/support/contact', where: 'United States · English', from: 'contact', status: 200 },
  { path: '/us/en/support/directory', where: 'United States · English', from: 'directory', status: 200 },
  { path: '/us/en/regions?from=privacy', where: 'United States · English', from: 'privacy', status: 200 },
  { path: '/us/en/sitemap', where: 'United States · English', from: 'sitemap', status: 200 },
  { path: '/us/en/search?q=cookies', where: 'United States · English', from: 'home', status: 200 },
  { path: '/us/en/privacy/request', where: 'United States · English', from: 'privacy', status: 200 },
  { path: '/us/en/email-signup', where: 'United States · English', from: 'home', status: 200 },
  { path: '/us/en/products/laptops', where: 'United States · English', from: 'category:products/laptops', status: 200 },
  { path: '/us/en/no-such-page', where: 'United States · English', from: 'home', status: 404 },
  { path: '/be/fr/privacy', where: 'Belgique · Français', from: 'privacy', status: 200 },
  { path: '/de/de/support/contact', where: 'Deutschland · Deutsch', from: 'contact', status: 200 },
  { path: '/sa/ar/privacy', where: 'المملكة العربية السعودية · العربية', from: 'privacy', status: 200 },
  { path: '/jp/ja/no-such-page', where: '日本 · 日本語', from: 'home', status: 404 },
] as const;

describeWithBrowser('phone shell and where am I (issue 18 A)', () => {
  const env = useBrowser();
  let page: Page;
  let noJs: Page;

  beforeAll(async () => {
    const browser: Browser = env.browser;
    page = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
    noJs = await (await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false })).newPage();
  });
  afterAll(async () => {
    await page?.context().close();
    await noJs?.context().close();
  });

  it.each(PAGES.map((p) => [p.path, p] as const))('names the site in the header and links to the picker: %s', async (_p, p) => {
    const res = await page.goto(env.base + p.path);
    expect(res?.status()).toBe(p.status);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 740 });
      const where = page.locator('header .site-header__where');
      await expect.poll(() => where.isVisible(), { message: `visible at ${width}` }).toBe(true);
      // The full name is the link's accessible name at every width (visually shortened to "US · EN" on phones).
      expect(await where.locator('.where__long').textContent()).toBe(p.where);
      const href = new URL((await where.getAttribute('href'))!, env.base);
      expect(href.pathname).toBe(`${p.path.split('/').slice(0, 3).join('/')}/regions`);
      expect(href.searchParams.get('from')).toBe(p.from);
      const box = (await page.locator('header.site-header').boundingBox())!;
      if (width < 600) expect(box.height, `header height at ${width}`).toBeLessThanOrEqual(64);
      const result = await sideways(page);
      expect(result.scrollWidth, `${p.path} at ${width}px: ${result.offenders.join(', ')}`).toBeLessThanOrEqual(width);
    }
  });

  it('the picker link brings the visitor back to the same page on the chosen site', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${env.base}/us/en/support/contact`);
    await Promise.all([page.waitForURL('**/us/en/regions?from=contact'), page.locator('.site-header__where').click()]);
    await Promise.all([
      page.waitForURL('**/be/fr/support/contact'),
      page.locator('a[href="/regions/choose?site=be-fr&page=contact"]').click(),
    ]);
    expect(await page.locator('.site-header__where .where__long').textContent()).toBe('Belgique · Français');
  });

  it.each([
    ['with JavaScript', () => page],
    ['without JavaScript', () => noJs],
  ] as const)('the Menu button opens the navigation and the header links on a phone, %s', async (_label, which) => {
    const p = which();
    for (const width of [320, 375]) {
      await p.setViewportSize({ width, height: 740 });
      await p.goto(`${env.base}/us/en/privacy`);
      const nav = p.locator('nav.mega');
      const signup = p.locator('.site-header__utility a[href="/us/en/email-signup"]');
      expect(await nav.isVisible(), 'navigation folded away').toBe(false);
      expect(await signup.isVisible()).toBe(false);
      await p.locator('summary.site-header__toggle').click();
      await expect.poll(() => nav.isVisible(), { message: `menu opens at ${width}` }).toBe(true);
      expect(await signup.isVisible()).toBe(true);
      await p.locator('summary.mega__summary').first().click();
      await expect.poll(() => p.locator('details.mega__details[open] .mega__panel').isVisible()).toBe(true);
      await p.locator('summary.site-header__toggle').click();
      await expect.poll(() => nav.isVisible(), { message: 'menu closes' }).toBe(false);
    }
  });

  it('on wide screens the navigation is shown without a Menu button, and the footer columns are open', async () => {
    for (const p of [page, noJs]) {
      await p.setViewportSize({ width: 1280, height: 800 });
      await p.goto(`${env.base}/us/en/privacy`);
      expect(await p.locator('summary.site-header__toggle').isVisible()).toBe(false);
      expect(await p.locator('nav.mega').isVisible()).toBe(true);
      expect(await p.locator('.site-header__utility a').first().isVisible()).toBe(true);
      expect(await p.locator('.site-footer__column a').first().isVisible()).toBe(true);
    }
  });

  it('on a phone the footer groups are an accordion, closed until tapped (with and without JavaScript)', async () => {
    for (const p of [page, noJs]) {
      await p.setViewportSize({ width: 375, height: 740 });
      await p.goto(`${env.base}/us/en/privacy`);
      const column = p.locator('details.site-footer__column').nth(1);
      const link = column.locator('ul a').first();
      expect(await link.isVisible()).toBe(false);
      await column.locator('summary').click();
      await expect.poll(() => link.isVisible()).toBe(true);
      const footer = (await p.locator('footer').boundingBox())!;
      expect(footer.height, 'the folded footer is far shorter than the old 1,900 px').toBeLessThan(1200);
    }
  });

  it('the whole home card is the link, with a focus ring on the card', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${env.base}/us/en/`);
    const jobs = page.locator('.cards--jobs .card');
    expect(await jobs.count()).toBe(3);
    // The three jobs are on the first screen at 375 and 1280.
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: width < 600 ? 667 : 800 });
      const last = (await jobs.nth(2).boundingBox())!;
      expect(last.y, `third job card starts on the first screen at ${width}`).toBeLessThan(width < 600 ? 667 : 800);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    const card = jobs.nth(0);
    const box = (await card.boundingBox())!;
    // A click near the card's bottom corner, outside the title's text, follows the card's link.
    await Promise.all([page.waitForURL('**/us/en/privacy'), page.mouse.click(box.x + box.width - 8, box.y + box.height - 8)]);
    await page.goBack();
    await page.locator('body').focus();
    await tabUntil(page, (f) => f.tag === 'a' && f.text.startsWith('Privacy statement'));
    const ring = await page.evaluate<string>('getComputedStyle(document.querySelector(".cards--jobs .card")).outlineStyle');
    expect(ring).toBe('solid');
  });

  it('header links that leave the site are marked like the footer ones', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${env.base}/us/en/privacy`);
    const external = page.locator('.site-header__utility a.external');
    expect(await external.count()).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < (await external.count()); i++) {
      expect(await external.nth(i).locator('.visually-hidden').textContent()).toBe(' (external site)');
      const marker = await page.evaluate<string>(
        `getComputedStyle(document.querySelectorAll('.site-header__utility a.external')[${i}], '::after').content`,
      );
      expect(marker).toBe('"↗"');
    }
  });
});
