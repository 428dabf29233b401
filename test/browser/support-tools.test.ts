// Support staff tools in Chromium (issue 18 C): Copy puts the line's link on the clipboard, the customer's country
// gives that country's links with and without JavaScript, the directory reads at 320–1280 px without sideways scroll
// or a word broken mid-word, and the Support menu says open or closed with JavaScript (hours only without).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { fixtureLines } from '../fixtures/contact-lines.js';
import { describeWithBrowser, sideways, useBrowser } from './browser.js';

/** Wednesday 10:00 in New York, 16:00 in Berlin: the server's clock, and the browser's where a test sets it. */
const WEDNESDAY = Date.parse('2026-11-25T15:00:00Z');
const WIDTHS = [320, 375, 768, 1280] as const;

/**
 * Words of the directory drawn on more than one line: each word's Range gives one box per line it sits on. Links are
 * written with <wbr> after each slash, so their parts are separate text nodes, and a break there is allowed.
 */
const BROKEN_WORDS = `(() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('.directory'), NodeFilter.SHOW_TEXT);
  let words = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || node.parentElement.closest('[hidden], .visually-hidden, thead')) continue;
    const text = node.textContent;
    // A word, up to and with a hyphen (a break after it is a break between words); Han and kana break between any
    // two characters, so each is its own unit.
    for (const m of text.matchAll(/[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}]|[^\\s\\-\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}]+-?/gu)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      words++;
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return { words, broken: broken.slice(0, 10) };
})()`;

async function withContext<T>(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0],
  body: (page: Page, context: BrowserContext) => Promise<T>,
) {
  const context = await browser.newContext(options);
  try {
    return await body(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

describeWithBrowser('support staff tools', () => {
  const env = useBrowser({ contactLines: fixtureLines, now: () => WEDNESDAY });

  it('Copy puts the line’s link on the clipboard and says so; the field stays, whole, at 375 px', async () => {
    await withContext(env.browser, { viewport: { width: 375, height: 800 } }, async (page, context) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
      await page.goto(`${env.base}/us/en/support/contact`);
      const field = page.locator('#payment-link');
      expect(await field.inputValue()).toBe('https://site.test/support/contact#payment');
      const box = (await field.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect((await sideways(page)).scrollWidth).toBeLessThanOrEqual(375);
      const copy = page.locator('#payment-share button', { hasText: 'Copy' });
      await copy.click();
      await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('https://site.test/support/contact#payment');
      const done = page.locator('#payment-share [role="status"]');
      await expect.poll(() => done.textContent()).toBe('Copied');
      // The directory's buttons copy the whole link, not the broken-up text.
      await page.goto(`${env.base}/us/en/support/directory?q=germany`);
      await page.locator('.directory__lines tr', { hasText: 'Payment issues' }).getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('https://site.test/de/de/support/contact#payment');
    });
  });

  it('without JavaScript there is no Copy button (contact page and directory), and the field holds the link', async () => {
    await withContext(env.browser, { javaScriptEnabled: false, viewport: { width: 375, height: 800 } }, async (page) => {
      await page.goto(`${env.base}/us/en/support/contact`);
      expect(await page.getByRole('button', { name: 'Copy' }).count()).toBe(0);
      expect(await page.locator('#payment-link').isVisible()).toBe(true);
      await page.goto(`${env.base}/us/en/support/directory?q=germany`);
      expect(await page.locator('.directory__link').count()).toBeGreaterThan(0);
      expect(await page.getByRole('button', { name: 'Copy' }).count()).toBe(0);
    });
  });

  it('a customer’s country gives its links: live with JavaScript, by reloading without', async () => {
    await withContext(env.browser, {}, async (page) => {
      await page.goto(`${env.base}/us/en/support/contact`);
      await page.getByLabel('Customer’s country or region').selectOption('de');
      await expect.poll(() => page.locator('#payment-link').inputValue()).toBe('https://site.test/de/de/support/contact#payment');
      expect(await page.locator('label[for="payment-link"]').textContent()).toBe('Link to this line (Germany)');
      expect(await page.locator('#payment-share [data-copy]').getAttribute('data-copy')).toBe(
        'https://site.test/de/de/support/contact#payment',
      );
      expect(new URL(page.url()).search).toBe('?for=de');
      await page.getByLabel('Customer’s country or region').selectOption('');
      await expect.poll(() => page.locator('#payment-link').inputValue()).toBe('https://site.test/support/contact#payment');
    });
    await withContext(env.browser, { javaScriptEnabled: false }, async (page) => {
      await page.goto(`${env.base}/us/en/support/contact`);
      await page.getByLabel('Customer’s country or region').selectOption('jp');
      await page.getByRole('button', { name: 'Show links' }).click();
      await page.waitForURL(/\?for=jp$/);
      expect(await page.locator('#order-help-link').inputValue()).toBe('https://site.test/jp/ja/support/contact');
      expect(await page.locator('#customer-for').inputValue()).toBe('jp');
    });
  });

  it.each([
    ['/us/en/support/contact', 320],
    ['/il/he/support/contact', 375],
    ['/sa/ar/support/contact', 375],
  ] as const)('shows the whole link to each line on %s at %i px, left to right', async (path, width) => {
    await withContext(env.browser, { viewport: { width, height: 800 } }, async (page) => {
      await page.goto(`${env.base}${path}`);
      const boxes = await page.evaluate<
        { id: string; dir: string; hidden: boolean; value: string }[]
      >(`[...document.querySelectorAll('.deep-link__url')].map((el) => ({
        id: el.id,
        dir: getComputedStyle(el).direction,
        hidden: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
        value: el.value,
      }))`);
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.value, box.id).toMatch(/^https:\/\/site\.test\//);
        expect(box.dir, box.id).toBe('ltr');
        expect(box.hidden, `${box.id} shows all of ${box.value}`).toBe(false);
      }
    });
  });

  it.each(WIDTHS)('the directory at %i px: no sideways scroll, no word broken mid-word, cards below 600 px', async (width) => {
    await withContext(env.browser, { viewport: { width, height: 900 } }, async (page) => {
      await page.goto(`${env.base}/us/en/support/directory`);
      await page.evaluate('document.fonts.ready.then(() => true)');
      const wide = await sideways(page);
      expect(wide.scrollWidth, wide.offenders.join('\n')).toBeLessThanOrEqual(width);
      const { words, broken } = await page.evaluate<{ words: number; broken: string[] }>(BROKEN_WORDS);
      expect(words).toBeGreaterThan(500);
      expect(broken).toEqual([]);
      const display = await page.evaluate<string>(`getComputedStyle(document.querySelector('.directory__lines tr')).display`);
      expect(display).toBe(width < 600 ? 'block' : 'table-row');
    });
  });

  it('the Support menu says open or closed with JavaScript, in the contact page’s words', async () => {
    await withContext(env.browser, {}, async (page) => {
      await page.clock.setFixedTime(WEDNESDAY);
      await page.goto(`${env.base}/us/en/support/contact`);
      const pageStatus = (await page.locator('#payment .status').textContent())!.trim();
      await page.getByText('Support', { exact: true }).first().click();
      const menu = page.locator('[data-line-status]');
      const statuses = menu.locator('.mega__status');
      expect(await statuses.count()).toBe(4);
      for (const s of await statuses.all()) expect(await s.isVisible()).toBe(true);
      expect((await statuses.last().textContent())!.replace(/\s/g, ' ')).toBe(pageStatus.replace(/\s/g, ' '));
      expect((await statuses.first().textContent())!.replace(/\s/g, ' ')).toBe(
        'Open now — closes at 9:00 PM (Eastern Time, United States)',
      );
      // Left open past closing time: opening the menu again says so.
      await page.clock.setFixedTime(Date.parse('2026-11-26T02:30:00Z')); // Wednesday 21:30 in New York
      const summary = page.getByText('Support', { exact: true }).first();
      await summary.click();
      await summary.click();
      await expect
        .poll(async () => (await statuses.first().textContent())!.replace(/\s/g, ' '))
        .toBe('Closed — opens Thursday 9:00 AM (Eastern Time, United States)');
    });
    await withContext(env.browser, {}, async (page) => {
      await page.clock.setFixedTime(Date.parse('2026-11-29T15:00:00Z')); // Sunday
      await page.goto(`${env.base}/us/en/`);
      await page.getByText('Support', { exact: true }).first().click();
      const first = page.locator('[data-line-status] .mega__status').first();
      expect((await first.textContent())!.replace(/\s/g, ' ')).toBe('Closed — opens Monday 9:00 AM (Eastern Time, United States)');
      expect(await first.getAttribute('class')).toContain('status--closed');
    });
    await withContext(env.browser, { javaScriptEnabled: false }, async (page) => {
      await page.goto(`${env.base}/us/en/`);
      await page.getByText('Support', { exact: true }).first().click();
      expect(await page.locator('[data-line-status] .mega__status').first().isVisible()).toBe(false);
      expect(await page.locator('[data-line-status] .hours').first().isVisible()).toBe(true);
    });
  });
});
