// No broken links: from the home page of every selector entry, follow internal links two levels deep over
// plain HTTP (no browser). Every link must end in a 200 after at most one redirect, without loops, and every
// fragment (#id) must exist on the page it lands on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectorSites } from '../src/regions/names.js';
import { hrefs, ids, makeApp } from './helpers.js';

const { app, site } = makeApp();
const ORIGIN = site.config.siteOrigin; // https://site.test in tests: absolute links to it are internal paths
const CONCURRENCY = 8;
const DEPTH = 2;

let server: http.Server;
let agent: http.Agent;
let port = 0;

beforeAll(async () => {
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
});

afterAll(async () => {
  agent?.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

interface Answer {
  status: number;
  location: string | undefined;
  type: string;
  body: string;
}

function get(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: { 'user-agent': 'link-crawler' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          type: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** The internal path (with query, without fragment) and fragment of a link, or undefined for other hosts, tel:, mailto:. */
function internal(href: string): { path: string; fragment: string | undefined } | undefined {
  let link = href;
  if (link.startsWith(`${ORIGIN}/`)) link = link.slice(ORIGIN.length);
  if (!link.startsWith('/') || link.startsWith('//')) return undefined;
  const hash = link.indexOf('#');
  return hash === -1 ? { path: link, fragment: undefined } : { path: link.slice(0, hash), fragment: link.slice(hash + 1) };
}

interface Visit {
  status: number;
  /** Redirect targets followed, in order. */
  hops: string[];
  problem: string | undefined;
  ids: Set<string>;
  links: string[];
}

/** Fetches a path, following at most a couple of redirects so that longer chains and loops can be named. */
async function visit(path: string, wantLinks: boolean): Promise<Visit> {
  const hops: string[] = [];
  let current = path;
  for (;;) {
    const res = await get(current);
    if (res.status >= 300 && res.status < 400) {
      const target = res.location ? internal(res.location)?.path : undefined;
      if (!target) return { status: res.status, hops, problem: `redirects off-site to ${res.location}`, ids: new Set(), links: [] };
      if (target === path || hops.includes(target)) {
        return {
          status: res.status,
          hops: [...hops, target],
          problem: `redirect loop ${[path, ...hops, target].join(' → ')}`,
          ids: new Set(),
          links: [],
        };
      }
      hops.push(target);
      if (hops.length > 1) {
        return { status: res.status, hops, problem: `redirect chain ${[path, ...hops].join(' → ')}`, ids: new Set(), links: [] };
      }
      current = target;
      continue;
    }
    const html = res.type.startsWith('text/html');
    return {
      status: res.status,
      hops,
      problem: res.status === 200 ? undefined : `answers ${res.status}${hops.length ? ` (after ${hops.join(' → ')})` : ''}`,
      ids: html ? ids(res.body) : new Set(),
      links: html && wantLinks && res.status === 200 ? hrefs(res.body) : [],
    };
  }
}

/** Runs `work` over `items` with a fixed number of workers. */
async function pool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

describe('links', () => {
  it('has no broken internal link two levels deep from every selector entry’s home page', async () => {
    const homes = selectorSites(site.registry).map((s) => `${s.prefix}/`);
    expect(homes).toHaveLength(133 + 6); // the seed's entries and the six added French sites

    const visits = new Map<string, Visit>();
    /** Every link seen: page it was found on, target path, fragment. */
    const references: { from: string; path: string; fragment: string | undefined }[] = [];
    let level: string[] = [...new Set(homes)];
    for (let depth = 0; depth <= DEPTH; depth++) {
      const found = new Set<string>();
      await pool(level, async (path) => {
        const v = await visit(path, depth < DEPTH);
        visits.set(path, v);
        if (depth === DEPTH) return;
        for (const href of v.links) {
          const link = internal(href);
          if (!link) continue;
          references.push({ from: path, ...link });
          if (!visits.has(link.path)) found.add(link.path);
        }
      });
      level = [...found].filter((p) => !visits.has(p));
    }

    const problems: string[] = [];
    for (const [path, v] of visits) if (v.problem) problems.push(`${path}: ${v.problem}`);
    const fragmentProblems = new Set<string>();
    for (const r of references) {
      if (!r.fragment) continue;
      const v = visits.get(r.path);
      if (!v || v.problem) continue; // reported above
      // `ids` are those of the final answer, after the redirect if there was one.
      if (!v.ids.has(decodeURIComponent(r.fragment))) fragmentProblems.add(`${r.from}: #${r.fragment} missing on ${r.path}`);
    }
    problems.push(...fragmentProblems);

    // Sanity: the crawl reached every home, their pages and the pages those link to.
    expect(visits.size).toBeGreaterThan(homes.length * 10);
    expect(problems.slice(0, 50), `${problems.length} problems in ${visits.size} URLs`).toEqual([]);
  }, 180_000);
});
