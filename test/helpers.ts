// Shared test set-up: an app built with test config (and fixtures where given), and HTML helpers.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlValidate } from 'html-validate';
import { createApp } from '../src/app.js';
import { testConfig, type Config } from '../src/config.js';
import type { SiteData } from '../src/site.js';
import { loadViews, type Views } from '../src/shell/views.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Form databases of makeApp, one folder per test process. */
const TEST_DATA = path.join(os.tmpdir(), 'corporate-site-tests');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Test workers can be stopped before exit handlers run: folders of processes that are gone go the next time.
for (const entry of fs.existsSync(TEST_DATA) ? fs.readdirSync(TEST_DATA) : []) {
  if (/^\d+$/.test(entry) && !alive(Number(entry))) fs.rmSync(path.join(TEST_DATA, entry), { recursive: true, force: true });
}
process.once('exit', () => fs.rmSync(path.join(TEST_DATA, String(process.pid)), { recursive: true, force: true }));

/**
 * The app as the server runs it: `app` is the request listener with the front layer (cached pages
 * and region-neutral redirects answered before Express); `express` is the Express app alone.
 */
export function makeApp(data: SiteData = {}, config: Partial<Config> = {}) {
  // Each app gets a fresh form database unless the test names a directory.
  const dataDir = config.dataDir ?? path.join(TEST_DATA, String(process.pid), crypto.randomUUID());
  const built = createApp(testConfig({ rootDir: ROOT, ...config, dataDir }), data);
  return { ...built, app: built.handler, express: built.app };
}

/** Every `href` of a page, in document order (attribute values unescaped). */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** Every `id` of a page. */
export function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!));
}

export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Long hreflang lists and data tables are fine; these rules are about style, not validity.
    'no-trailing-whitespace': 'off',
    'long-title': 'off',
    // Numbers keep together through CSS (white-space: nowrap); NBSPs in the text would break copy-and-dial.
    'tel-non-breaking': 'off',
  },
});

export async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} line ${m.line}: ${m.message}`));
}

/** The real templates, except that rendering `failing` throws an error whose message must never reach a visitor. */
export function viewsThatThrow(failing: string): Views {
  const real = loadViews(path.join(ROOT, 'views'));
  return {
    render(name, locals) {
      if (name === failing) throw new Error('secret failure at /etc/passwd in statement.ejs');
      return real.render(name, locals);
    },
  };
}
