// The statement's versions in a real browser, on the example versions with the clock inside a material change's notice:
// axe finds no violation on the notice, a comparison and a version read in English on a French site; the contents
// stay in view beside the text on a wide screen (CSS only) and sit above it on a phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exampleVersions } from '../fixtures/statement-versions/versions.js';
import { describeWithBrowser, runAxe, sideways, useBrowser } from './browser.js';

const DURING_NOTICE = Date.parse('2027-01-05T12:00:00Z');

describeWithBrowser('statement versions in the browser', () => {
  const env = useBrowser({ now: () => DURING_NOTICE, statementVersions: exampleVersions() });
  let page: Page;

  beforeAll(async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it.each([
    ['home with the notice', '/us/en/'],
    ['statement with the notice and an announcement', '/us/en/privacy'],
    ['statement in Arabic', '/sa/ar/privacy'],
    ['archive', '/us/en/privacy/versions'],
    ['comparison', '/us/en/privacy/versions/compare?from=2014-01-02&to=2027-03-01'],
    ['comparison in Chinese', '/cn/zh/privacy/versions/compare?from=2026-06-01&to=2027-01-04'],
    ['a version in English on a French site', '/fr/fr/privacy/versions/2027-01-04'],
  ])('axe finds no WCAG 2.2 A/AA violation: %s', async (_name, path) => {
    const res = await page.goto(env.base + path);
    expect(res?.status()).toBe(200);
    const axe = await runAxe(page);
    expect(axe.passes).toBeGreaterThan(10);
    expect(axe.violations).toEqual([]);
  });

  it('keeps the contents in view beside the text on a wide screen', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${env.base}/us/en/privacy`);
    await page.locator('#cookies').scrollIntoViewIfNeeded();
    const toc = await page.evaluate<{ position: string; tocTop: number; tocBottom: number; tocRight: number; textLeft: number }>(`(() => {
      const toc = document.querySelector('.statement__body > .toc').getBoundingClientRect();
      const text = document.querySelector('#cookies').getBoundingClientRect();
      return { position: getComputedStyle(document.querySelector('.statement__body > .toc')).position, tocTop: toc.top, tocBottom: toc.bottom, tocRight: toc.right, textLeft: text.left };
    })()`);
    expect(toc.position).toBe('sticky');
    expect(toc.tocTop).toBeGreaterThanOrEqual(0);
    expect(toc.tocTop).toBeLessThan(900);
    expect(toc.tocRight).toBeLessThanOrEqual(toc.textLeft);
  });

  it('puts the contents above the text on a phone, without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${env.base}/us/en/privacy/versions/compare?from=2014-01-02&to=2027-03-01`);
    expect((await sideways(page)).offenders).toEqual([]);
    await page.goto(`${env.base}/us/en/privacy`);
    const position = await page.evaluate(`getComputedStyle(document.querySelector('.statement__body > .toc')).position`);
    expect(position).toBe('static');
    expect((await sideways(page)).offenders).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
