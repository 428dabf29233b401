// Typography per script and language: colons in CJK, times, quotation marks, French spacing.
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { flatten } from '../src/i18n-check.js';
import { loadResources } from '../src/i18n.js';
import { formatTimeRange } from '../src/support/hours-format.js';
import { ROOT, makeApp } from './helpers.js';

const resources = loadResources(path.join(ROOT, 'locales'));
const { app, site } = makeApp();

/** Every string a reader of `locale` sees (its own keys over its parents'), with `[[label|target]]` targets and URLs removed. */
function texts(locale: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of site.translations
    .chain(locale)
    .filter((c) => c !== 'en')
    .reverse()) {
    for (const [ns, value] of Object.entries(resources[l] ?? {})) {
      for (const [key, strings] of flatten(value)) {
        const prose = strings
          .join('\n')
          .replace(/\|[^\]]*\]\]/g, ']]')
          .replace(/\b(?:https?:\/\/|www\.)\S+/g, 'URL')
          .replace(/\{\{[^}]*\}\}/g, 'X');
        out.set(`${ns}:${key}`, prose);
      }
    }
  }
  return out;
}

function offending(locale: string, pattern: RegExp): string[] {
  return [...texts(locale)].filter(([, t]) => pattern.test(t)).map(([k, t]) => `${k}: …${t.match(pattern)![0]}…`);
}

/** Text of a page with tags removed (not replaced by spaces), so a space in it is a space in the page. */
async function pageText(url: string): Promise<string> {
  const res = await request(app).get(url);
  expect(res.status, url).toBe(200);
  return res.text
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, '\u00a0');
}

const CJK = ['ja', 'zh-Hant', 'zh-Hant-HK', 'zh-Hans'];

describe('CJK', () => {
  it.each(CJK)('%s writes no space after a full-width colon in its text', (locale) => {
    expect(offending(locale, /：[ \u00a0\u3000]/)).toEqual([]);
  });

  it.each(['/jp/ja', '/tw/zh', '/hk/zh', '/cn/zh'])('%s pages put no space after a full-width colon', async (prefix) => {
    for (const page of ['/privacy', '/support/contact', '/support', '/privacy/request']) {
      const text = await pageText(`${prefix}${page}`);
      expect(text.match(/.{0,12}：[ \u00a0].{0,12}/g) ?? [], `${prefix}${page}`).toEqual([]);
    }
  });
});

describe('times', () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2024, 0, 1, h, m));
  it.each(['zh-Hant', 'zh-Hant-HK', 'zh-Hans-CN', 'ja-JP', 'en-US', 'fr-FR', 'de-DE', 'ar-SA', 'ko-KR', 'am-ET', 'pt-PT', 'es-MX'])(
    '%s writes both ends of an hours range as it writes a single time (the open-now status)',
    (locale) => {
      const single = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
      for (const [open, close] of [
        ['09:00', '21:00'],
        ['08:30', '17:30'],
        ['09:00', '11:00'],
      ] as const) {
        const [oh, om] = open.split(':').map(Number);
        const [ch, cm] = close.split(':').map(Number);
        const range = formatTimeRange(open, close, locale);
        expect(range.startsWith(single.format(at(oh!, om)))).toBe(true);
        expect(range.endsWith(single.format(at(ch!, cm))), `${locale}: ${range}`).toBe(true);
        expect(range.length).toBeGreaterThan(single.format(at(oh!, om)).length + single.format(at(ch!, cm)).length);
      }
    },
  );

  it('writes Japanese hours as 9:00～21:00, as the status writes 21:00, not 21時00分', () => {
    expect(formatTimeRange('09:00', '21:00', 'ja-JP')).toBe('9:00～21:00');
  });

  it('writes 9 p.m. in Taiwan as 下午9:00 both in the hours table and in the status', () => {
    expect(formatTimeRange('09:00', '21:00', 'zh-Hant')).toBe('上午9:00至下午9:00');
    expect(formatTimeRange('09:00', '21:00', 'zh-Hant')).not.toContain('晚上');
  });

  it('keeps English ranges as they were', () => {
    expect(formatTimeRange('09:00', '21:00', 'en-US').replace(/\s/g, ' ')).toBe('9:00 AM – 9:00 PM');
  });
});

/** Quotation marks each language writes, and those that would be another language's. */
const QUOTES: [string, RegExp, RegExp][] = [
  ['fr', /«\u00a0[^»]+\u00a0»/, /[“”„]/],
  ['fr-CA', /«\u00a0[^»]+\u00a0»/, /[“”„]/],
  ['de', /„[^“]+“/, /[«»”]/],
  ['de-CH', /«[^»]+»/, /[„“”]/],
  ['es', /«[^»]+»/, /[“”„]/],
  ['es-419', /“[^”]+”/, /[«»„]/],
  ['pt', /“[^”]+”/, /[«»„]/],
  ['pt-PT', /“[^”]+”/, /[«»„]/],
  ['nl', /“[^”]+”/, /[«»„]/],
  ['ja', /「[^」]+」/, /[“”«»]/],
  ['zh-Hant', /「[^」]+」/, /[“”«»]/],
  ['zh-Hant-HK', /「[^」]+」/, /[“”«»]/],
  ['zh-Hans', /“[^”]+”/, /[「」«»]/],
  ['ar', /«[^»]+»/, /[“”„]/],
];

describe('quotation marks', () => {
  it.each(QUOTES)('%s quotes with its own marks and no other language’s, nor straight quotes', (locale, own, foreign) => {
    expect(offending(locale, foreign)).toEqual([]);
    expect(offending(locale, /"/)).toEqual([]);
    expect(
      [...texts(locale).values()].some((t) => own.test(t)),
      `${locale} quotes somewhere with ${own}`,
    ).toBe(true);
  });
});

describe('French spacing', () => {
  it.each(['fr', 'fr-CA'])('%s puts a no-break space before a colon and inside guillemets', (locale) => {
    expect(offending(locale, /[^\s\u00a0\u202f\d:/]:(?!\/\/)(?=[\s\u00a0]|$)/)).toEqual([]);
    expect(offending(locale, / [:»]/)).toEqual([]);
    expect(offending(locale, /«(?![\u00a0\u202f])/)).toEqual([]);
    expect(offending(locale, /[^\u00a0\u202f]»/)).toEqual([]);
  });

  it('fr puts a no-break space before ; ! ?, as France writes them (Quebec does not)', () => {
    expect(offending('fr', /[^\u00a0\u202f][;!?](?=\s|$)/)).toEqual([]);
    expect(offending('fr', / [;!?]/)).toEqual([]);
  });

  it('keeps those spaces on the page: /fr/fr/privacy has them, as no-break spaces', async () => {
    const text = await pageText('/fr/fr/privacy');
    expect(text).toContain('«\u00a0opt-out\u00a0»');
    expect(text).not.toMatch(/ [:;!?»]|« /);
    const morocco = await pageText('/ma/fr/privacy');
    expect(morocco).toContain('«\u00a0opt-out\u00a0»');
  });
});
