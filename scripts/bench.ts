// npm run bench: the site against raw node:http serving the same bytes, A B A B, server and load on different cores.
// Prints requests/s, p50/p99 and the ratio per target, start-up time, and RSS with every region page warm.
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

function load(pid: number, port: number, urlPath: string, headers: Record<string, string>): Result {
  const args = [
    path.join(ROOT, 'node_modules/autocannon/autocannon.js'),
    '--json', '-c', String(CONNECTIONS), '-d', String(SECONDS), '-p', '1',
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    `http://127.0.0.1:${port}${urlPath}`,
  ];
  const [cmd, argv] = onCore(loadCore, args);
  const cpuBefore = cpuSeconds(pid);
  const out = execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  const cpu = cpuSeconds(pid) - cpuBefore;
  const r = JSON.parse(out);
  if (process.env.BENCH_DEBUG) console.error(port, urlPath, { errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, codes: r.statusCodeStats });
  return {
    rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx,
    cpuUs: (cpu / Math.max(1, r.requests.total)) * 1e6, busy: cpu / r.duration,
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
const total = [], compress = [];
for (const route of allRoutes(app.site)) {
  for (const site of app.site.registry.sites) {
    let t = performance.now();
    const page = app.page(site, route);
    total.push(performance.now() - t);
    const html = zlib.brotliDecompressSync(page.brotli).toString();
    t = performance.now();
    cachedPage(page.status, page.lang, html);
    compress.push(performance.now() - t);
  }
}
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
const render = total.map((t, i) => Math.max(0, t - compress[i]));
console.log(JSON.stringify({ pages: total.length, total: [q(total, 0.5), q(total, 0.99)], render: [q(render, 0.5), q(render, 0.99)], compress: [q(compress, 0.5), q(compress, 0.99)] }));
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

async function main() {
  console.log(`bench: ${os.cpus()[0]?.model ?? 'cpu'} × ${cores}, Node ${process.version}, ${CONNECTIONS} connections, ${SECONDS} s per run`);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });

  const spawnedAt = performance.now();
  // The same command line as `npm start`, read from package.json so the two cannot drift apart.
  // Request logs go straight to a file, as they would to a log shipper that keeps up. (Through a pipe
  // to this process they would sit in the site's memory: this process blocks while autocannon runs.)
  const logFd = fs.openSync(path.join(os.tmpdir(), 'bench-site.log'), 'w');
  const site = pinned(serverCore, startArgs(), {
    PORT: String(SITE_PORT), HOST: '127.0.0.1', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', WEB_CONCURRENCY: '1', NODE_ENV: 'production',
  }, logFd);
  await waitUntilUp(SITE_PORT);
  const startMs = performance.now() - spawnedAt;

  const targets: { name: string; path: string; headers: Record<string, string> }[] = [
    { name: 'privacy page', path: '/us/en/privacy', headers: { 'accept-encoding': 'br' } },
    { name: 'contact page', path: '/us/en/support/contact', headers: { 'accept-encoding': 'br' } },
    { name: '/ redirect', path: '/', headers: { 'accept-encoding': 'br', 'accept-language': 'de-DE,de;q=0.9' } },
  ];

  // Warm every region page: every URL of every sitemap. The site sheds load (503) while its event loop
  // lags — rendering a 4 MB sitemap can do that — so a 503 is retried, a bounded number of times.
  const warmStart = performance.now();
  const fetchOk = async (urlPath: string, headers: Record<string, string> = {}) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const res = await get(SITE_PORT, urlPath, headers);
      if (res.status !== 503) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${urlPath}: still 503 after 50 tries`);
  };
  const sitemapIndex = (await fetchOk('/sitemap.xml')).body.toString();
  const maps = [...sitemapIndex.matchAll(/<loc>[^<]*?(\/sitemaps\/[^<]+)<\/loc>/g)].map((m) => m[1]!);
  let pages = 0;
  let listed = 0;
  for (const map of maps) {
    const xml = (await fetchOk(map)).body.toString();
    const urls = [...xml.matchAll(/<loc>https?:\/\/[^/]+([^<]+)<\/loc>/g)].map((m) => m[1]!);
    listed += urls.length;
    for (let i = 0; i < urls.length; i += 16) {
      const statuses = await Promise.all(urls.slice(i, i + 16).map(async (u) => (await fetchOk(u, { 'accept-encoding': 'br' })).status));
      pages += statuses.filter((status) => status === 200).length;
    }
  }
  if (maps.length === 0 || pages !== listed) throw new Error(`warming: ${pages} of ${listed} sitemap URLs answered 200 (${maps.length} sitemaps)`);
  const warmMs = performance.now() - warmStart;
  const rss = rssMb(site.pid!);

  const fixtures = [];
  for (const t of targets) {
    const res = await get(SITE_PORT, t.path, t.headers);
    const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)));
    fixtures.push({ path: t.path, status: res.status, headers, body: res.body.toString('base64') });
  }
  const fixtureFile = path.join(os.tmpdir(), 'bench-fixtures.json');
  fs.writeFileSync(fixtureFile, JSON.stringify(fixtures));
  const raw = pinned(serverCore, ['-e', RAW_SERVER, fixtureFile]);
  await waitUntilUp(RAW_PORT);

  const rows: string[] = [];
  let privacyRatio = 0;
  let privacyP99 = 0;
  for (const t of targets) {
    const runs: { site: Result[]; raw: Result[] } = { site: [], raw: [] };
    for (let round = 0; round < 2; round++) {
      runs.site.push(load(site.pid!, SITE_PORT, t.path, t.headers));
      runs.raw.push(load(raw.pid!, RAW_PORT, t.path, t.headers));
    }
    const avg = (rs: Result[], k: keyof Result) => rs.reduce((a, r) => a + r[k], 0) / rs.length;
    const ratio = avg(runs.site, 'rps') / avg(runs.raw, 'rps');
    if (t.name === 'privacy page') {
      privacyRatio = ratio;
      privacyP99 = Math.max(...runs.site.map((r) => r.p99));
    }
    const problems = [...runs.site, ...runs.raw].reduce((a, r) => a + r.errors + r.non2xx * (t.path === '/' ? 0 : 1), 0);
    rows.push(
      `| ${t.name} | ${Math.round(avg(runs.site, 'rps'))} | ${avg(runs.site, 'p50').toFixed(1)} / ${Math.max(...runs.site.map((r) => r.p99)).toFixed(1)} | ` +
        `${Math.round(avg(runs.raw, 'rps'))} | ${avg(runs.raw, 'p50').toFixed(1)} / ${Math.max(...runs.raw.map((r) => r.p99)).toFixed(1)} | ${ratio.toFixed(2)} | ` +
        `${Math.round(avg(runs.site, 'cpuUs'))} (${Math.round(avg(runs.site, 'busy') * 100)} %) | ${Math.round(avg(runs.raw, 'cpuUs'))} (${Math.round(avg(runs.raw, 'busy') * 100)} %) | ${problems} |`,
    );
  }
  const rssAfterLoad = rssMb(site.pid!);
  raw.kill('SIGTERM');
  site.kill('SIGTERM');

  const missDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-misses-'));
  const [missCmd, missArgv] = onCore(serverCore, [...startArgs().slice(0, -1), '--input-type=module', '-e', MISSES, ROOT]);
  const missOut = execFileSync(missCmd, missArgv, {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', DATA_DIR: missDir },
  });
  fs.rmSync(missDir, { recursive: true, force: true });
  const misses = JSON.parse(missOut) as { pages: number; total: number[]; render: number[]; compress: number[] };

  console.log('\n| target | site req/s | site p50 / p99 ms | raw node:http req/s | raw p50 / p99 ms | site ÷ raw | site CPU µs/req (core busy) | raw CPU µs/req (core busy) | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log('A server core busy well under 100 % means the load generator, not the server, set the pace.');
  for (const r of rows) console.log(r);
  console.log(`\nstart-up (spawn → /healthz 200): ${startMs.toFixed(0)} ms`);
  console.log(`warming ${pages} region pages: ${(warmMs / 1000).toFixed(1)} s; RSS with every region page warm: ${rss.toFixed(0)} MB (after the load runs: ${rssAfterLoad.toFixed(0)} MB)`);
  console.log(`node flags (from npm start): ${startArgs().slice(0, -1).join(' ') || 'none'}`);
  const ms = (pair: number[]) => `${pair[0]!.toFixed(2)} / ${pair[1]!.toFixed(2)} ms`;
  console.log(
    `cache misses, every site × route once (${misses.pages}), p50 / p99: render ${ms(misses.render)}, ` +
      `brotli + ETag ${ms(misses.compress)}, together ${ms(misses.total)}`,
  );
  const checks = [
    [`privacy throughput ≥ 0.8× raw`, privacyRatio >= 0.8],
    [`privacy p99 < 20 ms at ${CONNECTIONS} connections`, privacyP99 < 20],
    ['start-up < 1.5 s', startMs < 1500],
    ['RSS < 200 MB', rss < 200],
    ['a page renders in < 2 ms (p50 of every miss)', misses.render[0]! < 2],
  ] as const;
  for (const [name, ok] of checks) console.log(`${ok ? 'met ' : 'MISSED'}  ${name}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

await main();
