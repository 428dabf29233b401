// Shared set-up for the browser tests: the app on 127.0.0.1, one Debian Chromium per test file, the page list,
// and the in-page probes. Browser-side code is passed as strings: the project's TypeScript has no DOM types, and
// strings survive the test transform unchanged.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/site.js';
import { makeApp, ROOT } from '../helpers.js';

/** Debian's Chromium (`apt-get install chromium`); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The page types of every region, by their path under `/{cc}/{lang}`. */
export const PAGE_TYPES = [
  { name: 'region home', path: '/', status: 200 },
  { name: 'privacy', path: '/privacy', status: 200 },
  { name: 'statement versions', path: '/privacy/versions', status: 200 },
  { name: 'one version', path: '/privacy/versions/2014-01-02', status: 200 },
  { name: 'support', path: '/support', status: 200 },
  { name: 'contact', path: '/support/contact', status: 200 },
  { name: 'directory', path: '/support/directory', status: 200 },
  { name: 'selector', path: '/regions', status: 200 },
  { name: 'category', path: '/products/laptops', status: 200 },
  { name: '404', path: '/no-such-page', status: 404 },
] as const;

export const LANGUAGES = [
  { name: 'English', prefix: '/us/en', dir: 'ltr' },
  { name: 'Arabic', prefix: '/sa/ar', dir: 'rtl' },
  { name: 'Chinese', prefix: '/cn/zh', dir: 'ltr' },
] as const;

export type Language = (typeof LANGUAGES)[number];
export type PageType = (typeof PAGE_TYPES)[number];

/** Every page type in the given languages, as `[label, url path, expected status]`. */
export function pagesOf(languages: readonly Language[]): [string, string, number][] {
  return languages.flatMap((l) =>
    PAGE_TYPES.map((p): [string, string, number] => [`${l.name} ${p.name}`, `${l.prefix}${p.path}`, p.status]),
  );
}

/** Starts the app on 127.0.0.1 for the file (in beforeAll) and stops it afterwards. */
export function useServer(data: SiteData = {}): { readonly base: string } {
  let server: http.Server | undefined;
  const state = { base: '' };
  beforeAll(async () => {
    server = http.createServer(makeApp(data).app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return state;
}

/** The app and one Chromium for the whole file. */
export function useBrowser(data: SiteData = {}): { readonly base: string; readonly browser: Browser } {
  const server = useServer(data);
  const state = {
    get base() {
      return server.base;
    },
    browser: undefined as unknown as Browser,
  };
  beforeAll(async () => {
    state.browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  return state;
}

/**
 * A describe block that needs Chromium. Without /usr/bin/chromium it fails in CI (CI set) and is skipped,
 * with a message, elsewhere.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (hasChromium) {
    describe(name, body);
    return;
  }
  if (inCI) {
    describe(name, () => {
      it(`finds Chromium at ${CHROMIUM} (required in CI: apt-get install chromium)`, () => {
        expect(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing; the browser tests are required in CI`).toBe(true);
      });
    });
    return;
  }
  console.warn(`[browser tests] skipped "${name}": ${CHROMIUM} not found (Debian: apt-get install chromium).`);
  describe.skip(`${name} (skipped: ${CHROMIUM} not found)`, body);
}

/** axe-core's source, injected with page.evaluate: CDP evaluation is not subject to the site's CSP. */
export const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeSummary {
  passes: number;
  violations: { id: string; impact: string | null; help: string; nodes: string[] }[];
}

/** Runs axe on the page (or inside `selector`) with the WCAG 2.2 A/AA tags; violations with their first nodes. */
export async function runAxe(page: Page, selector = 'document'): Promise<AxeSummary> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const context = selector === 'document' ? 'document' : JSON.stringify(selector);
  return page.evaluate(`axe.run(${context}, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })
    .then((r) => ({
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + n.failureSummary),
      })),
    }))`);
}

/** What the focused element is, and whether its focus is visible (an outline of 2px or more, not `none`). */
export interface FocusState {
  tag: string;
  text: string;
  className: string;
  inOpenMenu: boolean;
  inMenuPanel: boolean;
  focusVisible: boolean;
  outline: string;
  outlineVisible: boolean;
}

export function focused(page: Page): Promise<FocusState> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    const details = el.closest('details.mega__details');
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent || '').trim().slice(0, 60),
      className: String(el.className || ''),
      inOpenMenu: !!(details && details.open),
      inMenuPanel: !!el.closest('.mega__panel'),
      focusVisible: el.matches(':focus-visible'),
      outline: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor,
      outlineVisible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && cs.outlineColor !== 'rgba(0, 0, 0, 0)',
    };
  })()`);
}

/** Presses Tab until `predicate` holds for the focused element; fails after `max` presses. */
export async function tabUntil(page: Page, predicate: (f: FocusState) => boolean, max = 60, key = 'Tab'): Promise<FocusState> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (predicate(f)) return f;
  }
  throw new Error(`no matching element after ${max} presses of ${key}`);
}

export interface PageProblems {
  console: string[];
  csp: string[];
  errors: string[];
}

/**
 * Collects console errors, CSP violations (the `securitypolicyviolation` event, reported through an exposed
 * function) and uncaught exceptions of every page of the context.
 */
export async function watchProblems(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = { console: [], csp: [], errors: [] };
  await context.exposeFunction('__reportCspViolation', (text: string) => void problems.csp.push(text));
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.__reportCspViolation(location.pathname + ': ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
  }, true);`);
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    // A 404 page's own status is logged as a failed resource: that is the page working as intended.
    const page = message.page();
    if (page && url === page.url() && /status of 404/.test(message.text()) && /\/no-such-page$/.test(url)) return;
    problems.console.push(`${url}: ${message.text()}`);
  });
  context.on('weberror', (error) => void problems.errors.push(String(error.error())));
  return problems;
}

/** The widths of the document and viewport, and the elements that stick out sideways (for the failure message). */
export function sideways(page: Page): Promise<{ scrollWidth: number; viewport: number; offenders: string[] }> {
  return page.evaluate(`(() => {
    const viewport = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const offenders = [];
    if (scrollWidth > viewport) {
      for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && (box.right > viewport + 0.5 || box.left < -0.5)) {
          offenders.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' [' + Math.round(box.left) + ', ' + Math.round(box.right) + ']');
          if (offenders.length >= 10) break;
        }
      }
    }
    return { scrollWidth, viewport, offenders };
  })()`);
}
