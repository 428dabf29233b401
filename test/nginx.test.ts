// deploy/nginx.conf in front of two instances of src/server.ts, with Debian's nginx on a loopback
// port and a temporary prefix: the shared cache keeps region pages and revalidates them by ETag, never
// serves one visitor's redirect, form or cookie to another, and a restart of one instance behind it
// (SIGTERM, SHUTDOWN_DELAY_MS, a new process on the same port) fails no request.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { freePort } from './pg-cluster.js';

const NGINX = '/usr/sbin/nginx';
const haveNginx = fs.existsSync(NGINX);
if (!haveNginx && process.env.CI === 'true') throw new Error('CI=true but nginx is missing: install nginx-light (.ci/run does)');

const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-test-'));
const DELAY_MS = 1500;

interface Instance {
  child: ChildProcess;
  exited: Promise<void>;
}

/** src/server.ts on a fixed port (nginx's upstream names it), resolved once it listens. */
function startInstance(port: number): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WEB_CONCURRENCY: '1',
      OVERLOAD_LAG_MS: '0',
      SHUTDOWN_DELAY_MS: String(DELAY_MS),
      DATA_DIR: path.join(dir, `data-${port}`),
      FORM_SECRET: 'nginx-test-secret-'.padEnd(40, 'x'),
      TRUST_PROXY_HOPS: '1',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffer: string | undefined = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (buffer === undefined) return;
      buffer += chunk.toString();
      if (buffer.includes('"msg":"listening"')) {
        buffer = undefined;
        resolve({ child, exited });
      }
    });
    void exited.then(() => reject(new Error('server exited before listening')));
  });
}

/** deploy/nginx.conf with only its port, upstream servers and paths rewritten. */
function nginxConfig(port: number, upstreams: number[]): string {
  const shipped = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n');
  const config = shipped
    .replace(/^worker_processes auto;/m, 'worker_processes 1;')
    .replace(/(upstream site \{\n)(?:\s*server [^\n]*\n)+/, `$1${servers}\n`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('/run/nginx-site.pid', path.join(dir, 'nginx.pid'))
    .replace(/\/var\/log\/nginx\//g, `${dir}/`)
    .replace('/var/cache/nginx/site', path.join(dir, 'cache'))
    .replace(
      /^http \{\n/m,
      `http {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  fastcgi_temp_path ${dir}/fcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;\n`,
    );
  // Every rewrite took: the test runs the shipped file, not one of its own.
  for (const needle of [`listen 127.0.0.1:${port};`, `server 127.0.0.1:${upstreams[1]}`, `${dir}/cache`]) expect(config).toContain(needle);
  return config;
}

let nginx: ChildProcess | undefined;
let nginxExited: Promise<void> = Promise.resolve();
let proxyPort = 0;
const ports: number[] = [];
const instances: Instance[] = [];

beforeAll(async () => {
  if (!haveNginx) return;
  ports.push(await freePort(), await freePort());
  instances.push(...(await Promise.all(ports.map(startInstance))));
  proxyPort = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(proxyPort, ports));
  // nginx's workers run as nobody when the master is root: they write the cache and temp files.
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'nobody', dir]);
  nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  nginxExited = new Promise((resolve) => nginx!.on('exit', () => resolve()));
  for (let i = 0; i < 100; i++) {
    if ((await get('/readyz').catch(() => undefined))?.status === 200) break;
    await new Promise((r) => setTimeout(r, 50));
  }
}, 60_000);

afterAll(async () => {
  nginx?.kill('SIGTERM');
  for (const i of instances) i.child.kill('SIGKILL');
  await Promise.all([nginxExited, ...instances.map((i) => i.exited)]);
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a fresh connection (no keep-alive), through nginx unless a port is given. */
function get(urlPath: string, headers: Record<string, string> = {}, port = proxyPort, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, method, agent: false, headers: { 'accept-encoding': 'gzip', ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!haveNginx)('nginx in front (deploy/nginx.conf)', () => {
  it('makes a region page a cache hit after the first request, and revalidates it by ETag', async () => {
    const first = await get('/de/de/privacy');
    expect(first.status).toBe(200);
    expect(first.headers['x-cache-status']).toBe('MISS');
    const second = await get('/de/de/privacy');
    expect(second.headers['x-cache-status']).toBe('HIT');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['set-cookie']).toBeUndefined();
    const revalidated = await get('/de/de/privacy', { 'if-none-match': first.headers.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers['x-cache-status']).toBe('HIT');
    expect(revalidated.body).toBe('');
  });

  it('gives a French and a German visitor alternating through the proxy their own redirect, every time', async () => {
    for (let i = 0; i < 6; i++) {
      for (const [language, prefix] of [
        ['fr-FR,fr;q=0.9', '/fr/fr/'],
        ['de-DE,de;q=0.9', '/de/de/'],
      ] as const) {
        const res = await get('/privacy', { 'accept-language': language });
        expect(res.status).toBe(302);
        expect(res.headers.location).toBe(`${prefix}privacy`);
        expect(res.headers['x-cache-status']).not.toBe('HIT');
      }
    }
  });

  it('never serves a form, or an answer that sets a cookie, from the cache', async () => {
    const keys = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const form = await get('/us/en/privacy/request', { 'accept-encoding': 'identity' });
      expect(form.status).toBe(200);
      expect(form.headers['x-cache-status']).not.toBe('HIT');
      keys.add(/name="key" value="([^"]*)"/.exec(form.body)![1]!);
    }
    expect(keys.size).toBe(3);
    for (let i = 0; i < 2; i++) {
      const choose = await get('/regions/choose?site=fr-fr');
      expect(choose.status).toBe(303);
      expect(choose.headers['set-cookie']?.[0]).toMatch(/^region=fr-fr;/);
      expect(choose.headers['x-cache-status']).not.toBe('HIT');
    }
    // A page a visitor with the cookie fetched first is cached without it.
    await get('/fr/fr/support', { cookie: 'region=fr-fr' });
    const cached = await get('/fr/fr/support');
    expect(cached.headers['x-cache-status']).toBe('HIT');
    expect(cached.headers['set-cookie']).toBeUndefined();
  });

  it('fails no request while one instance restarts behind it (SIGTERM, delay, new process)', async () => {
    let stop = false;
    let n = 0;
    const failures: string[] = [];
    let answered = 0;
    const worker = async () => {
      while (!stop) {
        // A query string of its own: a cache miss, so every request reaches an instance.
        const res = await get(`/us/en/privacy?n=${n++}`).catch((error: NodeJS.ErrnoException) => ({ status: 0, error: error.code }));
        if (res.status !== 200) failures.push(JSON.stringify(res).slice(0, 200));
        answered++;
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    await new Promise((r) => setTimeout(r, 300));
    const old = instances[1]!;
    old.child.kill('SIGTERM');
    // Still serving, but no longer ready: the balancer's cue.
    await new Promise((r) => setTimeout(r, 200));
    const direct = await get('/readyz', {}, ports[1]);
    expect(direct.status).toBe(503);
    expect((await get('/us/en/privacy', {}, ports[1])).status).toBe(200);
    await old.exited;
    instances[1] = await startInstance(ports[1]!);
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await load;
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(50);
  });
});
