import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { hrefs, htmlErrors, ids, makeApp } from './helpers.js';

const SHOP = 'https://shop.example.test';
const { app } = makeApp({}, { shopBaseUrl: SHOP });

/** Follows redirects (same site only) and returns the final answer and the hops taken. */
async function follow(url: string) {
  let current = url;
  const hops: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await request(app).get(current).set('Accept-Language', 'en-US');
    if (res.status < 300 || res.status >= 400) return { res, hops };
    const location = res.headers.location as string;
    expect(location.startsWith('/') && !location.startsWith('//'), `${current} → ${location}`).toBe(true);
    hops.push(location);
    current = location;
  }
  throw new Error(`too many redirects from ${url}`);
}

describe('the site shell', () => {
  it('resolves every link of the privacy page: 200 after redirects, with the fragment present', async () => {
    const page = await request(app).get('/us/en/privacy');
    const links = [...new Set(hrefs(page.text))];
    const internal = links.filter((h) => h.startsWith('/') && !h.startsWith('//'));
    // The series and other shop content now link to the shop; the site's own pages and categories remain.
    expect(internal.length).toBeGreaterThan(25);
    const pages = new Map<string, string>();
    for (const link of internal) {
      const [path, fragment] = link.split('#') as [string, string | undefined];
      if (!pages.has(path)) {
        const { res } = await follow(path);
        expect(res.status, link).toBe(200);
        pages.set(path, res.text);
      }
      if (fragment) expect(ids(pages.get(path)!), link).toContain(fragment);
    }
  });

  it('has no empty or "#" links, and sends commerce entries to the configured shop', async () => {
    const page = await request(app).get('/us/en/privacy');
    const links = hrefs(page.text);
    expect(links).not.toContain('#');
    expect(links).not.toContain('');
    for (const l of ['cart', 'account', 'orderstatus']) expect(links).toContain(`${SHOP}/us/en/${l}`);
    const external = links.filter((h) => /^https?:/.test(h));
    for (const h of external) {
      expect(
        h.startsWith(SHOP) ||
          h.startsWith('https://support.lenovo.com/') ||
          h.startsWith('https://site.test/') ||
          /^https:\/\/(www\.)?(facebook|twitter|youtube|pinterest|flickr|networkadvertising|forums\.lenovo|feedback-form\.truste)/.test(
            h,
          ) ||
          h.startsWith('http://www.privacyalliance.org/'),
        h,
      ).toBe(true);
    }
  });

  it('shows every header entry of the seed', async () => {
    const html = (await request(app).get('/us/en/privacy')).text;
    expect(html).toContain('>Sales <span class="phone"');
    for (const label of ['Products', 'Deals', 'Support', 'For Work', 'Account', 'Search', 'View cart']) {
      expect(html).toContain(`>${label}<`);
    }
    expect(html).toContain('<a href="tel:+18552536686">Sales <span class="phone" dir="ltr">(855) 253-6686</span></a>');
    for (const label of [
      'Laptops',
      'Tablets',
      'Desktops &amp; All-in-Ones',
      'Workstations',
      'Servers, Storage &amp; Networking',
      'Accessories &amp; Software',
      'Services &amp; Warranty',
    ]) {
      expect(html).toContain(`>${label}<`);
    }
    for (const label of [
      'Home Laptops Sale',
      'Coupon Page',
      'Small Business',
      'See all solutions for work',
      'Help placing an order',
      'Payment issues',
      'More ways to contact Lenovo',
    ]) {
      expect(html).toContain(label);
    }
  });

  it('shows the US sales line in the header only on US sites, never as Canada’s: Canada gets "Contact"', async () => {
    const utility = (html: string) => /<ul class="site-header__utility">([\s\S]*?)<\/ul>/.exec(html)![1]!;
    const us = utility((await request(app).get('/us/en/')).text);
    expect(us).toContain('<a href="tel:+18552536686">Sales <span class="phone" dir="ltr">(855) 253-6686</span></a>');
    for (const prefix of ['/ca/en', '/ca/fr']) {
      const ca = utility((await request(app).get(`${prefix}/`)).text);
      expect(ca, prefix).not.toContain('tel:');
      expect(ca, prefix).not.toContain('855 253 6686');
      expect(ca, prefix).toContain(`<li><a href="${prefix}/support/contact">Contact</a></li>`);
    }
  });

  it('shows the seed’s phone lines and hours in the Support menu', async () => {
    const html = (await request(app).get('/us/en/privacy')).text;
    // Intl writes thin and narrow no-break spaces in times and ranges; compare with plain spaces.
    const menu = html.slice(html.indexOf('>Support</summary>'), html.indexOf('For Work</summary>')).replace(/[\u2009\u202f]/g, ' ');
    expect(menu).toContain('href="tel:+18552536686,1"');
    expect(menu).toContain('href="tel:+18552536686,2"');
    expect(menu).toContain('href="tel:+18776984465,1"');
    expect(menu).toContain('href="tel:+18004263325,3"');
    expect(menu).toContain('<th scope="row">Monday – Friday</th><td>9:00 AM – 9:00 PM</td>');
    expect(menu).toContain('<th scope="row">Saturday</th><td>9:00 AM – 5:30 PM</td>');
    expect(menu).toContain('Opening hours (Eastern Time, United States)');
  });

  it('has every footer column of the seed', async () => {
    const html = (await request(app).get('/us/en/privacy')).text;
    const footer = html.slice(html.indexOf('<footer'));
    for (const label of ['About Lenovo', 'Products &amp; Services', 'Shop by Industry', 'Resources', 'Customer Support']) {
      // Each column is a <details> (an accordion on phones) headed by its name, its first link the overview.
      expect(footer).toContain(`<summary><h2 class="site-footer__heading">${label}</h2></summary>`);
      expect(footer).toContain(`>${label}: overview</a></li>`);
    }
    for (const label of [
      'Investor Relations',
      'ThinkPad Helix 2nd Gen',
      'Erazer X Series',
      'Military',
      'Help Me Find a PC',
      'Order Status',
      'Facebook',
      'YouTube',
    ]) {
      expect(footer).toContain(label);
    }
    expect(footer).toMatch(/© \d{4} Lenovo\. All rights reserved\./);
    expect(footer).toContain('<form class="region-form" action="/regions/choose" method="get">');
  });

  it('opens and closes the mega-menu without JavaScript (details/summary)', async () => {
    const html = (await request(app).get('/us/en/')).text;
    expect(html.match(/<details class="mega__details" data-menu>\n<summary class="mega__summary">/g)!.length).toBe(4);
  });

  it('shows Deals to the United States only', async () => {
    expect((await request(app).get('/us/en/privacy')).text).toContain('>Deals</summary>');
    expect((await request(app).get('/gb/en/privacy')).text).not.toContain('>Deals</summary>');
    expect((await request(app).get('/us/en/deals')).status).toBe(200);
    expect((await request(app).get('/gb/en/deals')).status).toBe(404);
  });

  it('serves a category page for each navigation group, listing its children', async () => {
    const res = await request(app).get('/us/en/products/laptops');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Laptops &amp; Ultrabooks</h1>');
    for (const series of ['Lenovo B Series', 'ThinkPad T', 'ThinkPad Yoga']) expect(res.text).toContain(series);
    expect(res.text).toContain('<li id="thinkpad-t">');
    for (const path of [
      '/us/en/products',
      '/us/en/deals/current-offers',
      '/us/en/for-work',
      '/us/en/about',
      '/us/en/shop-by-industry',
      '/us/en/resources',
      '/us/en/customer-support',
    ]) {
      expect((await request(app).get(path)).status, path).toBe(200);
    }
  });

  it('serves the region home with its entry points', async () => {
    const res = await request(app).get('/us/en/');
    expect(res.status).toBe(200);
    for (const path of ['/us/en/privacy', '/us/en/support', '/us/en/support/contact', '/us/en/regions'])
      expect(hrefs(res.text)).toContain(path);
  });

  it.each([
    '/us/en/',
    '/us/en/privacy',
    '/us/en/products/laptops',
    '/us/en/support',
    '/us/en/support/contact',
    '/us/en/support/directory',
    '/us/en/regions',
    '/us/en/nope',
    '/',
  ])('serves valid HTML at %s', async (path) => {
    const res = await request(app).get(path);
    expect(await htmlErrors(res.text)).toEqual([]);
  });
});

describe('a category page’s breadcrumb', () => {
  const { app } = makeApp();

  it.each(['/ru/ru/products/laptops', '/us/en/products/laptops'])('ends with the page itself, marked as current: %s', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    const heading = /<h1>([^<]+)<\/h1>/.exec(res.text)![1]!;
    const trail = /<nav class="breadcrumb"[^>]*>\s*<ol>([\s\S]*?)<\/ol>/.exec(res.text)![1]!;
    const items = [...trail.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!);
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.at(-1)).toBe(`<span aria-current="page">${heading}</span>`);
  });
});
