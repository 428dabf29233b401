// Links support staff paste: a region-neutral link lands every visitor on their own region's line, fragment kept.
import { expect, it } from 'vitest';
import { describeWithBrowser, useBrowser } from './browser.js';

describeWithBrowser('deep links for support staff', () => {
  const env = useBrowser();

  it.each([
    ['de-DE', '/de/de/support/contact#payment'],
    ['fr-CA', '/ca/fr/support/contact#payment'],
    ['en-US', '/us/en/support/contact#payment'],
  ])('/support/contact#payment takes a %s visitor to %s, scrolled to the line', async (language, target) => {
    const context = await env.browser.newContext({ locale: language, extraHTTPHeaders: { 'Accept-Language': language } });
    try {
      const page = await context.newPage();
      await page.goto(`${env.base}/support/contact#payment`);
      expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe(target);
      expect(await page.locator(':target').getAttribute('id')).toBe('payment');
    } finally {
      await context.close();
    }
  });

  it('a choice made in the footer selector is honoured by the next region-neutral link', async () => {
    const context = await env.browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en-US' } });
    try {
      const page = await context.newPage();
      await page.goto(`${env.base}/us/en/privacy`);
      await page.selectOption('#region-form-site', 'jp-ja');
      await Promise.all([page.waitForURL(/\/jp\/ja\/privacy$/), page.click('.region-form button[type="submit"]')]);
      await page.goto(`${env.base}/support/contact#order-help`);
      expect(new URL(page.url()).pathname).toBe('/jp/ja/support/contact');
      expect(new URL(page.url()).hash).toBe('#order-help');
    } finally {
      await context.close();
    }
  });
});
