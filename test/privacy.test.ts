import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SECTION_IDS } from '../src/privacy/statement.js';
import { hrefs, ids, makeApp, textOf } from './helpers.js';

const { app } = makeApp();
const res = await request(app).get('/us/en/privacy');
const html = res.text;

describe('the privacy statement at /us/en/privacy', () => {
  it('answers 200 in English with the statement as its one h1', () => {
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html).toMatch(/<html lang="en-US" dir="ltr">/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<h1>Privacy statement</h1>');
  });

  it('holds all 24 sections, in the order the statement reads', () => {
    const order = [...html.matchAll(/<section class="statement__section" id="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([...SECTION_IDS]);
    expect(order).toHaveLength(24);
    expect(order[0]).toBe('personal-information');
    expect(order[14]).toBe('cookies');
    expect(order[23]).toBe('privacy-questions-and-access');
  });

  it('has a table of contents in the same order as the sections, each entry linking to its section', () => {
    const toc = html.slice(html.indexOf('<nav class="toc"'), html.indexOf('</nav>', html.indexOf('<nav class="toc"')));
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toEqual([...SECTION_IDS]);
  });

  it('carries the full text of the seed, cleaned of its artefacts', () => {
    const text = textOf(html);
    expect(text).toContain('Your privacy is important to Lenovo.');
    expect(text).toContain('Lenovo has been awarded TRUSTe’s Privacy Seal');
    expect(text).toContain(
      'shipping companies, postal or government authorities (for example, Customs authorities) involved in fulfillment',
    );
    expect(text).toContain('Lenovo’s Business Partners');
    expect(text).toContain('This information is sometimes known as “clickstream data.”');
    expect(text).toContain('Please use the Back button on your browser or close this window to return to the page where you were.');
    expect(text).not.toContain('&.');
    expect(text).not.toContain('Lenovo?s');
    expect(text).not.toMatch(/\[\[|\]\]|\{\{/);
  });

  it('renders the last-updated date from a stored date with Intl', () => {
    expect(html).toContain('<time datetime="2014-01-02">January 2, 2014</time>');
    expect(textOf(html)).toContain('This privacy statement was last updated on January 2, 2014.');
  });

  it('links e-mail addresses with mailto:', () => {
    expect(html).toContain('<a href="mailto:privcy@us.lenovo.com">privcy@us.lenovo.com</a>');
    expect(html).toContain('<a href="mailto:lnvinfo@lenovo.com">lnvinfo@lenovo.com</a>');
  });

  it('marks external links and opens them with rel="noopener"', () => {
    const external = [...html.matchAll(/<a href="(https?:[^"]+)" class="external" rel="([^"]+)">/g)];
    const targets = external.map((m) => m[1]);
    expect(targets).toContain('https://www.networkadvertising.org/');
    expect(targets).toContain('http://www.privacyalliance.org/resources/rulesntools.shtml');
    for (const m of external) expect(m[2]).toContain('noopener');
    expect(html).toContain('(external site)</span></a>');
  });

  it('gives every in-page link a target', () => {
    const present = ids(html);
    const fragments = hrefs(html)
      .filter((h) => h.startsWith('#'))
      .map((h) => h.slice(1));
    expect(fragments.length).toBeGreaterThan(24);
    for (const f of fragments) expect(present, `#${f}`).toContain(f);
    expect(hrefs(html)).not.toContain('#');
  });

  it('has a back-to-top link after every section', () => {
    expect(html.match(/<p class="back-to-top"><a href="#top">Back to top<\/a><\/p>/g)).toHaveLength(24);
  });

  it('links the statement’s cross-references to their sections', () => {
    expect(html).toContain('<a href="#fulfilling-your-transaction-request">Fulfilling Your Transaction Request</a>');
    expect(html).toContain('<a href="#marketing-use">Marketing Use</a>');
  });

  it('has a skip link and landmarks', () => {
    expect(html).toMatch(/<a class="skip-link" href="#main">/);
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<header class="site-header">');
    expect(html).toContain('<footer class="site-footer">');
    expect(html).toMatch(/<nav class="mega" aria-label="Main">/);
  });

  it('offers "Print this page" and a print stylesheet that drops the navigation', async () => {
    expect(html).toContain('data-print>Print this page</button>');
    const print = /<link rel="stylesheet" href="([^"]+)" media="print">/.exec(html)![1]!;
    const css = await request(app).get(print);
    expect(css.status).toBe(200);
    expect(css.text).toMatch(/\.site-header, \.site-footer[^{]*\{ display: none !important; \}/);
  });

  it('is the same page under any query string (one representation per URL)', async () => {
    const other = await request(app).get('/us/en/privacy?lng=fr&utm_source=mail').set('Accept-Language', 'fr');
    expect(other.text).toBe(html);
    expect(other.headers.etag).toBe(res.headers.etag);
  });
});
