// Thai, Burmese, Ethiopic (Amharic, Tigrinya) and CJK text renders in glyphs of its script, not as missing-glyph boxes.
// The fonts are Debian's fonts-noto-core and fonts-noto-cjk (installed by .ci/run). Until the th/my/am/ti translations
// arrive, their pages carry the untranslated notice in the language (locales/{th,my,am,ti}/common.json): that is the text
// measured; once the pages are translated, the main text is measured too.
import { expect, it } from 'vitest';
import { describeWithBrowser, useBrowser } from './browser.js';

/**
 * Each letter of `script` in the element (the notice while the page is in English, else the main text), and two
 * unassigned code points, measured as spans in the same place.
 */
const MEASURE = (selector: string, script: string) => `(() => {
  const host = document.querySelector(${JSON.stringify(selector)}) || document.querySelector('main');
  if (!host) return null;
  const letters = [...new Set([...host.textContent].filter((c) => /\\p{Script=${script}}/u.test(c) && !/\\p{M}/u.test(c)))];
  const width = (text) => {
    const span = document.createElement('span');
    span.textContent = text;
    host.appendChild(span);
    const w = span.getBoundingClientRect().width;
    span.remove();
    return Math.round(w * 100) / 100;
  };
  // U+0378 and U+0379 are unassigned: every font draws them as its missing-glyph box.
  const missing = width('\\u0378');
  return {
    letters,
    missing,
    missingAgain: width('\\u0379'),
    widths: letters.map(width),
    fonts: getComputedStyle(host).fontFamily,
  };
})()`;

interface Measure {
  letters: string[];
  missing: number;
  missingAgain: number;
  widths: number[];
  fonts: string;
}

describeWithBrowser('scripts render in their own glyphs', () => {
  const env = useBrowser();

  it.each([
    ['Thai', '/th/th/privacy', '.notice', 'Thai'],
    ['Burmese', '/mm/my/privacy', '.notice', 'Myanmar'],
    ['Amharic', '/et/am/privacy', '.notice', 'Ethiopic'],
    ['Tigrinya', '/er/ti/privacy', '.notice', 'Ethiopic'],
    ['Hebrew', '/il/he/privacy', '.notice', 'Hebrew'],
    ['Japanese', '/jp/ja/privacy', 'main', 'Han'],
    ['Chinese (Hong Kong)', '/hk/zh/privacy', 'main', 'Han'],
  ])('%s text on %s has glyphs, not boxes', async (_name, url, selector, script) => {
    const page = await env.browser.newPage();
    try {
      const res = await page.goto(env.base + url);
      expect(res?.status()).toBe(200);
      await page.evaluate('document.fonts.ready.then(() => true)');
      const m = await page.evaluate<Measure | null>(MEASURE(selector, script));
      expect(m, `${selector} on ${url}`).not.toBeNull();
      expect(m!.letters.length, `letters of ${script} on ${url}`).toBeGreaterThan(5);
      // The probe itself: missing glyphs all have one width.
      expect(m!.missingAgain).toBe(m!.missing);
      const boxes = m!.letters.filter((_, i) => m!.widths[i] === m!.missing);
      const detail = `${m!.fonts}; boxes: ${boxes.join('')}`;
      // Real glyphs of a script vary in width; missing ones are all the box. A few may share the box's width by chance.
      expect(boxes.length / m!.letters.length, detail).toBeLessThan(0.34);
      // Han is drawn full-width, one width for all; alphabets and abugidas vary.
      if (script !== 'Han') expect(new Set(m!.widths).size, detail).toBeGreaterThan(1);
    } finally {
      await page.close();
    }
  });
});
