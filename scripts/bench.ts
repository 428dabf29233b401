// npm run bench: the site against raw node:http serving the same bytes and headers, A B A B, load from wrk
// (a C load generator that keeps raw Node CPU-bound), server and wrk pinned to different cores.
// Prints requests/s, p50/p99, the ratio and each server's core share per URL, start-up time of `npm start`,
// RSS with every region page warm, and cache-miss times per page type; exits 1 when a target is missed.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SITE_PORT = 3901;
const RAW_PORT = 3902;
const SILENT_PORT = 3903;
const START_PORT = 3904;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const cores = os.availableParallelism();
const serverCore = '0';
const loadCore = cores > 1 ? '1' : '0';

const HAS_TASKSET = fs.existsSync('/usr/bin/taskset');

/** `node …args` as a command line pinned to `core` (when taskset exists). */
function onCore(core: string, args: string[]): [string, string[]] {
  return HAS_TASKSET ? ['taskset', ['-c', core, process.execPath, ...args]] : [process.execPath, args];
}

function pinned(core: string, args: string[], env: NodeJS.ProcessEnv = {}, stdout: number | 'ignore' = 'ignore'): ChildProcess {
  const [cmd, argv] = onCore(core, args);
  return spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'inherit'] });
}

function get(port: number, urlPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

async function waitUntilUp(port: number, limitMs = 15_000): Promise<number> {
  const start = performance.now();
  for (let i = 0; performance.now() - start < limitMs; i++) {
    try {
      const res = await get(port, '/healthz');
      if (res.status === 200) return performance.now() - start;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  throw new Error(`port ${port} did not come up`);
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Server CPU time per request, µs: what a request costs, whoever is the bottleneck. */
  cpuUs: number;
  /** Share of one core the server used during the run. */
  busy: number;
}

/** CPU time (user + system) a process has used, in seconds. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((f) => fs.existsSync(f));

/** wrk's latency figure (`850.00us`, `2.51ms`, `1.02s`) in milliseconds. */
function wrkMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!m) throw new Error(`wrk latency not understood: ${value}`);
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
}

/** One wrk run (one thread, CONNECTIONS connections) against `port`, on the load core. */
function load(pid: number, port: number, urlPath: string, headers: Record<string, string>): Result {
  const args = [
    '-t',
    '1',
    '-c',
    String(CONNECTIONS),
    '-d',
    `${SECONDS}s`,
    '--latency',
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    `http://127.0.0.1:${port}${urlPath}`,
  ];
  const [cmd, argv] = HAS_TASKSET ? ['taskset', ['-c', loadCore, WRK!, ...args]] : [WRK!, args];
  const cpuBefore = cpuSeconds(pid);
  const wallBefore = performance.now();
  const out = execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  const wall = (performance.now() - wallBefore) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  if (process.env.BENCH_DEBUG) console.error(port, urlPath, out);
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const line = (label: string) => new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(out)?.[1];
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: wrkMs(line('50%') ?? '0ms'),
    p99: wrkMs(line('99%') ?? '0ms'),
    errors: socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    cpuUs: (cpu / Math.max(1, total)) * 1e6,
    busy: cpu / wall,
  };
}

/** The arguments of `node` in package.json's start script: `node --flag … dist/src/server.js`. */
function startArgs(): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || !words.at(-1)!.endsWith('server.js')) throw new Error(`unexpected start script: ${start}`);
  return words.slice(1);
}

/**
 * Cache misses, timed in a fresh process on the server's core: every site × route rendered once
 * through the app's page(), in sitemap order (route by route), then the compression alone.
 */
const MISSES = `
const { createApp } = await import(process.argv[1] + '/dist/src/app.js');
const { loadConfig } = await import(process.argv[1] + '/dist/src/config.js');
const { allRoutes } = await import(process.argv[1] + '/dist/src/regions/pages.js');
const { cachedPage } = await import(process.argv[1] + '/dist/src/http/page-cache.js');
const zlib = await import('node:zlib');
const app = createApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
const total = [], compress = [], types = [];
for (const route of allRoutes(app.site)) {
  for (const site of app.site.registry.sites) {
    let t = performance.now();
    const page = app.page(site, route);
    total.push(performance.now() - t);
    const html = zlib.brotliDecompressSync(page.brotli).toString();
    t = performance.now();
    cachedPage(page.status, page.lang, html);
    compress.push(performance.now() - t);
    types.push(route.startsWith('category:') ? 'category' : route);
  }
}
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
const render = total.map((t, i) => Math.max(0, t - compress[i]));
const byType = {};
for (const type of new Set(types)) {
  const idx = types.flatMap((t, i) => (t === type ? [i] : []));
  const pick = (xs) => idx.map((i) => xs[i]);
  byType[type] = { pages: idx.length, render: [q(pick(render), 0.5), q(pick(render), 0.99)], total: [q(pick(total), 0.5), q(pick(total), 0.99)] };
}
console.log(JSON.stringify({ pages: total.length, total: [q(total, 0.5), q(total, 0.99)], render: [q(render, 0.5), q(render, 0.99)], compress: [q(compress, 0.5), q(compress, 0.99)], byType }));
`;

/** A plain node:http server answering with fixed bytes and headers: the ceiling for this machine. */
const RAW_SERVER = `
const http = require('node:http');
const fixtures = JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'));
const table = new Map(fixtures.map((f) => [f.path, { status: f.status, headers: f.headers, body: Buffer.from(f.body, 'base64') }]));
http.createServer((req, res) => {
  const q = req.url.indexOf('?');
  const hit = table.get(q === -1 ? req.url : req.url.slice(0, q));
  if (req.url === '/healthz') { res.end('ok'); return; }
  if (!hit) { res.statusCode = 404; res.end(); return; }
  res.writeHead(hit.status, hit.headers);
  res.end(hit.body);
}).listen(${RAW_PORT}, '127.0.0.1');
`;

/** Spawns `npm start` (prestart included) and times it to the first 200 of the privacy page. */
async function npmStartMs(): Promise<number> {
  const spawnedAt = performance.now();
  const child = spawn('taskset', ['-c', serverCore, 'npm', 'start'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(START_PORT), HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEB_CONCURRENCY: '1', NODE_ENV: 'production' },
  });
  try {
    for (;;) {
      if (performance.now() - spawnedAt > 30_000) throw new Error('npm start: no 200 within 30 s');
      try {
        if ((await get(START_PORT, '/us/en/privacy')).status === 200) return performance.now() - spawnedAt;
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}

interface Target {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Least site ÷ raw throughput. */
  min: number;
  /** Most site p99 ÷ raw p99, when the target has one. */
  p99x?: number;
  /** Run against the site with LOG_LEVEL=silent. */
  silent?: boolean;
  /** A 404 by design (wrk counts statuses ≥ 400 as errors). */
  notFound?: boolean;
}

async function main() {
  if (!WRK) {
    console.error('bench: wrk is not installed. Install it with `sudo apt-get install wrk` (Debian/Ubuntu) or `brew install wrk` (macOS).');
    process.exit(2);
  }
  console.log(
    `bench: ${os.cpus()[0]?.model ?? 'cpu'} × ${cores}, Node ${process.version}, wrk 1 thread × ${CONNECTIONS} connections, ${SECONDS} s per run`,
  );
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  execFileSync(process.execPath, ['scripts/build-if-changed.mjs'], { cwd: ROOT, stdio: 'inherit' });

  const startMs = await npmStartMs();

  // The same command line as `npm start`, read from package.json so the two cannot drift apart.
  // Request logs go straight to a file, as they would to a log shipper that keeps up.
  const logFd = fs.openSync(path.join(os.tmpdir(), 'bench-site.log'), 'w');
  const siteEnv = { HOST: '127.0.0.1', WEB_CONCURRENCY: '1', NODE_ENV: 'production' };
  const site = pinned(
    serverCore,
    startArgs(),
    { ...siteEnv, PORT: String(SITE_PORT), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' },
    logFd,
  );
  await waitUntilUp(SITE_PORT);

  const asset = /href="(\/assets\/css\/site\.[^"]+\.css)"/.exec((await get(SITE_PORT, '/us/en/privacy')).body.toString())?.[1];
  if (!asset) throw new Error('no stylesheet link on /us/en/privacy');
  const gzip = { 'accept-encoding': 'gzip' };
  const br = { 'accept-encoding': 'gzip, deflate, br' };
  const targets: Target[] = [
    { name: '`/us/en/privacy` (gzip)', path: '/us/en/privacy', headers: gzip, min: 0.85, p99x: 2 },
    { name: 'same, `LOG_LEVEL=silent`', path: '/us/en/privacy', headers: gzip, min: 0.85, p99x: 2, silent: true },
    { name: '`/` with no Accept-Language (chooser)', path: '/', headers: br, min: 0.8 },
    { name: '`/assets/css/site.<hash>.css`', path: asset, headers: br, min: 0.8 },
    { name: '`/sitemap.xml`', path: '/sitemap.xml', headers: br, min: 0.8 },
    { name: '`/robots.txt`', path: '/robots.txt', headers: br, min: 0.8 },
    { name: 'a 404 (`/nope`)', path: '/nope', headers: br, min: 0.8, notFound: true },
    { name: "a site's 404 (`/us/en/nope`)", path: '/us/en/nope', headers: br, min: 0.8, notFound: true },
    { name: 'contact page (br)', path: '/us/en/support/contact', headers: br, min: 0.8 },
    {
      name: 'region-neutral redirect (`/privacy`, de)',
      path: '/privacy',
      headers: { ...br, 'accept-language': 'de-DE,de;q=0.9' },
      min: 0.8,
    },
  ];

  // Warm every region page: every URL of every sitemap. The site sheds load (503) while its event loop
  // lags — rendering a 4 MB sitemap can do that — so a 503 is retried, a bounded number of times.
  const warmStart = performance.now();
  const fetchOk = async (port: number, urlPath: string, headers: Record<string, string> = {}) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const res = await get(port, urlPath, headers);
      if (res.status !== 503) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${urlPath}: still 503 after 50 tries`);
  };
  /** Every URL of every sitemap of the server on `port`, asked for once (brotli); throws unless all answer 200. */
  const warmEveryPage = async (port: number): Promise<number> => {
    const sitemapIndex = (await fetchOk(port, '/sitemap.xml')).body.toString();
    const maps = [...sitemapIndex.matchAll(/<loc>[^<]*?(\/sitemaps\/[^<]+)<\/loc>/g)].map((m) => m[1]!);
    let pages = 0;
    let listed = 0;
    for (const map of maps) {
      const xml = (await fetchOk(port, map)).body.toString();
      const urls = [...xml.matchAll(/<loc>https?:\/\/[^/]+([^<]+)<\/loc>/g)].map((m) => m[1]!);
      listed += urls.length;
      for (let i = 0; i < urls.length; i += 16) {
        const statuses = await Promise.all(
          urls.slice(i, i + 16).map(async (u) => (await fetchOk(port, u, { 'accept-encoding': 'br' })).status),
        );
        pages += statuses.filter((status) => status === 200).length;
      }
    }
    if (maps.length === 0 || pages !== listed)
      throw new Error(`warming: ${pages} of ${listed} sitemap URLs answered 200 (${maps.length} sitemaps)`);
    return pages;
  };
  const pages = await warmEveryPage(SITE_PORT);
  const warmMs = performance.now() - warmStart;
  const rss = rssMb(site.pid!);

  // The raw server answers each URL with the bytes and headers the site gave (request id and date aside).
  // Each target's answer is fetched twice: the first may be a miss that the front layer leaves to Express.
  const fixtures = [];
  for (const t of targets.filter((x) => !x.silent)) {
    await fetchOk(SITE_PORT, t.path, t.headers);
    const res = await fetchOk(SITE_PORT, t.path, t.headers);
    const headers = Object.fromEntries(
      Object.entries(res.headers).filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)),
    );
    fixtures.push({ path: t.path, status: res.status, headers, body: res.body.toString('base64') });
  }
  const fixtureFile = path.join(os.tmpdir(), 'bench-fixtures.json');
  fs.writeFileSync(fixtureFile, JSON.stringify(fixtures));
  const raw = pinned(serverCore, ['-e', RAW_SERVER, fixtureFile]);
  await waitUntilUp(RAW_PORT);

  const rows: string[] = [];
  const missed: string[] = [];
  let rawLeastBusy = 1;
  for (const t of targets) {
    let server = site;
    let port = SITE_PORT;
    if (t.silent) {
      server = pinned(serverCore, startArgs(), { ...siteEnv, PORT: String(SILENT_PORT), LOG_LEVEL: 'silent' });
      port = SILENT_PORT;
      await waitUntilUp(SILENT_PORT);
      // The same state as the logging site (every page warm), so the difference is the log alone.
      await warmEveryPage(port);
      await fetchOk(port, t.path, t.headers);
    }
    const runs: { site: Result[]; raw: Result[] } = { site: [], raw: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.site.push(load(server.pid!, port, t.path, t.headers));
      runs.raw.push(load(raw.pid!, RAW_PORT, t.path, t.headers));
    }
    if (t.silent) server.kill('SIGTERM');
    const median = (rs: Result[], k: keyof Result) => {
      const xs = rs.map((r) => r[k]).sort((a, b) => a - b);
      return xs.length % 2 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2;
    };
    const ratio = median(runs.site, 'rps') / median(runs.raw, 'rps');
    const p99Site = median(runs.site, 'p99');
    const p99Raw = median(runs.raw, 'p99');
    const rawBusy = median(runs.raw, 'busy');
    rawLeastBusy = Math.min(rawLeastBusy, rawBusy);
    const errors = [...runs.site, ...runs.raw].reduce((a, r) => a + r.errors, 0);
    const wrongStatus = !t.notFound ? [...runs.site, ...runs.raw].reduce((a, r) => a + r.non2xx, 0) : 0;
    if (ratio < t.min) missed.push(`${t.name}: ${ratio.toFixed(2)}× raw < ${t.min}×`);
    if (t.p99x && p99Site > t.p99x * p99Raw)
      missed.push(`${t.name}: p99 ${p99Site.toFixed(1)} ms > ${t.p99x}× raw's ${p99Raw.toFixed(1)} ms`);
    if (errors + wrongStatus > 0) missed.push(`${t.name}: ${errors} socket errors, ${wrongStatus} unexpected statuses`);
    rows.push(
      `| ${t.name} | ${Math.round(median(runs.site, 'rps')).toLocaleString('en')} | ${Math.round(median(runs.raw, 'rps')).toLocaleString('en')} | ` +
        `**${ratio.toFixed(2)}** | ${p99Site.toFixed(1)} / ${p99Raw.toFixed(1)} ms | ` +
        `${Math.round(median(runs.site, 'cpuUs'))} / ${Math.round(median(runs.raw, 'cpuUs'))} | ${Math.round(median(runs.site, 'busy') * 100)} % / ${Math.round(rawBusy * 100)} % |`,
    );
    console.error(`done: ${t.name}`);
  }
  const rssAfterLoad = rssMb(site.pid!);
  raw.kill('SIGTERM');
  site.kill('SIGTERM');

  const missDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-misses-'));
  const [missCmd, missArgv] = onCore(serverCore, [...startArgs().slice(0, -1), '--input-type=module', '-e', MISSES, ROOT]);
  const missOut = execFileSync(missCmd, missArgv, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: missDir },
  });
  fs.rmSync(missDir, { recursive: true, force: true });
  const misses = JSON.parse(missOut) as {
    pages: number;
    total: number[];
    render: number[];
    compress: number[];
    byType: Record<string, { pages: number; render: number[]; total: number[] }>;
  };

  console.log(
    `\n| URL | site req/s | raw node:http req/s, same bytes | ratio | p99 site / raw | CPU µs/req site / raw | core busy site / raw |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  console.log(
    `\nMedians of ${ROUNDS} runs each, site and raw alternating. Raw's core busy near 100 % means wrk outran it: the ratio is the servers', not the client's.`,
  );
  console.log(
    `load average at end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`start-up (npm start → first 200 of /us/en/privacy, sources unchanged): ${startMs.toFixed(0)} ms`);
  console.log(
    `warming ${pages} region pages: ${(warmMs / 1000).toFixed(1)} s; RSS with every region page warm: ${rss.toFixed(0)} MB (after the load runs: ${rssAfterLoad.toFixed(0)} MB)`,
  );
  console.log(`node flags (from npm start): ${startArgs().slice(0, -1).join(' ') || 'none'}`);
  const ms = (pair: number[]) => `${pair[0]!.toFixed(2)} / ${pair[1]!.toFixed(2)} ms`;
  console.log(
    `cache misses, every site × route once (${misses.pages}), p50 / p99: render ${ms(misses.render)}, ` +
      `brotli + ETag ${ms(misses.compress)}, together ${ms(misses.total)}`,
  );
  for (const [type, m] of Object.entries(misses.byType)) {
    console.log(`  ${type.padEnd(10)} ${String(m.pages).padStart(4)} pages: render ${ms(m.render)}, with compression ${ms(m.total)}`);
  }
  if (startMs >= 1500) missed.push(`start-up ${startMs.toFixed(0)} ms ≥ 1.5 s`);
  if (rss >= 200) missed.push(`RSS ${rss.toFixed(0)} MB ≥ 200 MB`);
  if (rawLeastBusy < 0.95)
    missed.push(
      `raw node:http's core only ${Math.round(rawLeastBusy * 100)} % busy in one run: the load generator or the machine set the pace`,
    );
  for (const [type, m] of Object.entries(misses.byType)) {
    if (m.render[1]! >= 5) missed.push(`${type}: cache-miss render p99 ${m.render[1]!.toFixed(2)} ms ≥ 5 ms`);
  }
  console.log(missed.length === 0 ? '\nevery target met' : `\nMISSED:\n${missed.map((m) => `  ${m}`).join('\n')}`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

await main();
