// DESIGN: a link that leaves the site (the shop, order status, technical support, social networks) is marked
// as leaving it: class "external" (the ↗ sign) and, for screen readers, "(external site)" in the page's language.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { makeApp } from './helpers.js';

const PAGES = ['/de/de/', '/de/de/support', '/de/de/support/contact', '/us/en/privacy', '/jp/ja/support/contact', '/sa/ar/support'];

describe('links that leave the site', () => {
  const { app } = makeApp({}, { siteOrigin: 'https://site.test' });

  it.each(PAGES)('are all marked as such on %s', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    const external = [...res.text.matchAll(/<a ([^>]*href="(https?:\/\/[^"]+)"[^>]*)>([\s\S]*?)<\/a>/g)].filter(
      ([, , href]) => !href!.startsWith('https://site.test/'),
    );
    expect(external.length).toBeGreaterThan(0);
    const unmarked = external
      .filter(([, attributes, , inner]) => !/class="[^"]*\bexternal\b/.test(attributes!) || !inner!.includes('class="visually-hidden"'))
      .map(([, , href]) => href);
    expect(unmarked).toEqual([]);
  });
});
