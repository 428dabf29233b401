// The picker and the suggestion in Chromium (issue 18 B): live filter, the section kept through the choice,
// the banner for a German browser on the US site, dismissal remembered, and the page's bytes the same for all.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeWithBrowser, runAxe, useBrowser } from './browser.js';

/** The names of the picker's entries a visitor can see. */
const VISIBLE = `[...document.querySelectorAll('.selector__list li')].filter((li) => li.offsetParent !== null)
  .map((li) => li.querySelector('span').textContent)`;

describeWithBrowser('the region picker and the suggestion banner', () => {
  const env = useBrowser();

  async function open(path: string, locale = 'en-US', width = 1280): Promise<Page> {
    const context = await env.browser.newContext({ locale, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${env.base}${path}`);
    return page;
  }

  describe('live filter', () => {
    it.each([
      ['/us/en/regions', 'allem'],
      ['/us/en/regions', 'germ'],
      ['/us/en/regions', 'deut'],
      ['/fr/fr/regions', 'allem'],
      ['/fr/fr/regions', 'Deut'],
    ])('on %s, typing "%s" leaves Deutschland among a few', async (path, q) => {
      const page = await open(path);
      try {
        expect((await page.evaluate<string[]>(VISIBLE)).length).toBe(139);
        await page.locator('#regions-q').pressSequentially(q);
        // The names in every language arrive once the field is used: poll until the list settles.
        await expect.poll(() => page.evaluate<string[]>(VISIBLE)).toContain('Deutschland');
        expect((await page.evaluate<string[]>(VISIBLE)).length).toBeLessThan(10);
        expect(page.url()).toBe(`${env.base}${path}`);
      } finally {
        await page.context().close();
      }
    });

    it('agrees with ?q= for accents, and says when nothing matches', async () => {
      const page = await open('/us/en/regions', 'en-US', 375);
      try {
        const box = page.getByRole('searchbox', { name: 'Find your country or region' });
        expect(await box.count()).toBe(1);
        await box.fill('ÖSTERR');
        await expect.poll(() => page.evaluate(VISIBLE)).toEqual(['Österreich']);
        await expect(page.getByText('No country or region matches your search.').isVisible()).resolves.toBe(false);
        await box.fill('zzqx');
        expect(await page.evaluate(VISIBLE)).toEqual([]);
        expect(await page.getByText('No country or region matches your search.').isVisible()).toBe(true);
        expect(await page.locator('.selector__group:visible').count()).toBe(0);
        await box.fill('');
        expect((await page.evaluate<string[]>(VISIBLE)).length).toBe(139);
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      } finally {
        await page.context().close();
      }
    });
  });

  it('keeps the section: from the footer link of /us/en/privacy#<id> to /de/de/privacy#<id>', async () => {
    const page = await open('/us/en/privacy');
    try {
      const id = await page.evaluate<string>(`document.querySelector('.statement__section[id]').id`);
      expect(id).toMatch(/^[a-z0-9-]+$/);
      await page.goto(`${env.base}/us/en/privacy#${id}`);
      await page.locator('a[href*="/regions?from=privacy"]').first().click();
      await page.waitForURL(/\/us\/en\/regions\?/);
      expect(new URL(page.url()).searchParams.get('section')).toBe(id);
      await page.locator('a[href^="/regions/choose?site=de-de"]').click();
      await page.waitForURL(/\/de\/de\/privacy/);
      expect(new URL(page.url()).pathname).toBe('/de/de/privacy');
      expect(new URL(page.url()).hash).toBe(`#${id}`);
    } finally {
      await page.context().close();
    }
  });

  it('offers the German site to a German browser on /us/en/, in German; a dismissal stays across a reload', async () => {
    const context = await env.browser.newContext({ locale: 'de-DE', extraHTTPHeaders: { 'Accept-Language': 'de-DE,de;q=0.9' } });
    const page = await context.newPage();
    try {
      await page.goto(`${env.base}/us/en/`);
      const banner = page.getByRole('region', { name: 'Vorgeschlagene Website' });
      await banner.waitFor();
      expect(await banner.getAttribute('lang')).toBe('de-DE');
      expect(await banner.getByRole('link', { name: 'Deutschland · Deutsch' }).getAttribute('href')).toBe('/regions/choose?site=de-de');
      const axe = await runAxe(page, '.suggest');
      expect(axe.violations).toEqual([]);
      await page.emulateMedia({ media: 'print' });
      expect(await banner.isVisible(), 'a printed page has no banner').toBe(false);
      await page.emulateMedia({ media: 'screen' });
      await banner.getByRole('button', { name: 'Schließen' }).click();
      expect(await banner.count()).toBe(0);
      await page.reload();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.suggest').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it.each([320, 375, 768, 1280])('at %i px, the banner and the picker fit without sideways scroll', async (width) => {
    const context = await env.browser.newContext({ viewport: { width, height: 800 }, extraHTTPHeaders: { 'Accept-Language': 'ar-SA' } });
    const page = await context.newPage();
    try {
      for (const path of ['/us/en/privacy', '/us/en/regions?q=a']) {
        await page.goto(`${env.base}${path}`);
        await page.locator('.suggest').waitFor();
        expect(await page.locator('.suggest').getAttribute('dir')).toBe('rtl');
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), `${path} at ${width}`).toBe(true);
      }
    } finally {
      await context.close();
    }
  });

  it('follows the banner to the same page on the German site', async () => {
    const context = await env.browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'de-DE' } });
    const page = await context.newPage();
    try {
      await page.goto(`${env.base}/us/en/support`);
      await page.getByRole('link', { name: 'Deutschland · Deutsch' }).click();
      await page.waitForURL(/\/de\/de\/support$/);
    } finally {
      await context.close();
    }
  });

  it('shows no banner to an American browser, and the page bytes are the same for both', async () => {
    const context = await env.browser.newContext({ locale: 'en-US', extraHTTPHeaders: { 'Accept-Language': 'en-US' } });
    const page = await context.newPage();
    try {
      const american = await page.goto(`${env.base}/us/en/`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.suggest').count()).toBe(0);
      // The same coding as the browser's, whose body has its own ETag (each coding has one).
      const acceptEncoding = (await american!.request().headerValue('accept-encoding')) ?? '';
      const german = await fetch(`${env.base}/us/en/`, { headers: { 'Accept-Language': 'de-DE', 'Accept-Encoding': acceptEncoding } });
      expect(await german.text()).toBe(await american!.text());
      expect(german.headers.get('etag')).toBe(american!.headers().etag);
    } finally {
      await context.close();
    }
  });
});
