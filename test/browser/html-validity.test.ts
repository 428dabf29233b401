// Valid HTML: every page type in English, Arabic and Chinese passes html-validate with zero errors.
// Plain HTTP, no browser: this file runs whether or not Chromium is installed.
import { describe, expect, it } from 'vitest';
import { htmlErrors } from '../helpers.js';
import { LANGUAGES, pagesOf, useServer } from './browser.js';

describe('valid HTML', () => {
  const env = useServer();

  it.each(pagesOf(LANGUAGES))('html-validate finds no error: %s (%s)', async (_label, path, status) => {
    const res = await fetch(env.base + path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await htmlErrors(await res.text())).toEqual([]);
  });
});
