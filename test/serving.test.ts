// The server as it runs: timeouts, hostile requests, draining on SIGTERM, bounded memory, security headers.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { GZIP_BUDGET_BYTES, gzipBytes } from '../src/http/page-cache.js';
import { SERVER_OPTIONS } from '../src/server-options.js';
import { ROOT, makeApp, viewsThatThrow } from './helpers.js';

function listen(
  handler: http.RequestListener,
  clientError?: (error: Error, socket: Duplex) => void,
): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(SERVER_OPTIONS, handler);
  if (clientError) server.on('clientError', clientError);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port })),
  );
}

/** Sends raw bytes and returns what came back (status line, headers, body) when the server closes or after a pause. */
function raw(port: number, bytes: string | Buffer, waitMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', done);
    socket.on('error', done);
    socket.setTimeout(waitMs, done);
    socket.write(bytes);
  });
}

/** tsx's loader as a URL, so a child can run TypeScript from any working directory. */
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/**
 * Starts src/server.ts in a child on a free port and resolves once it logs where it listens.
 * Load shedding is off: on a busy CI machine the child's first renders could otherwise be shed as 503s.
 */
function startServer(cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/server.ts')], {
    cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WEB_CONCURRENCY: '1', OVERLOAD_LAG_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer: string | undefined = '';
    // Read stdout to the end, so the child's log lines never back up.
    child.stdout.on('data', (chunk: Buffer) => {
      if (buffer === undefined) return;
      buffer += chunk.toString();
      const m = /"url":"http:\/\/127\.0\.0\.1:(\d+)\//.exec(buffer);
      if (m) {
        buffer = undefined;
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    setTimeout(() => reject(new Error('server did not start')), 20_000);
  });
}

function statusOf(response: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);
}

describe('the server under hostile input', () => {
  const app = makeApp({}, { siteOrigin: 'http://localhost:3000' });
  let port = 0;
  let server: http.Server;
  beforeAll(async () => ({ server, port } = await listen(app.app, app.clientError)));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const MARK = 'zq9x';
  const payloads = [
    `<script>${MARK}</script>`,
    `"><img src=x onerror=${MARK}>`,
    `{{7*7}}${MARK}`,
    `<%= ${MARK} %>`,
    `\${${MARK}}`,
    `%0d%0aSet-Cookie:${MARK}=1`,
    `%0aX-Injected:${MARK}`,
    `../../../../etc/passwd${MARK}`,
    `..%2f..%2f..%2fetc%2fpasswd${MARK}`,
    `%252e%252e%252f${MARK}`,
    `%c0%ae%c0%ae/${MARK}`,
    `%ff%fe${MARK}`,
    `%E0%A4%A${MARK}`,
    `__proto__[${MARK}]=1`,
    `constructor[prototype][${MARK}]=1`,
    `javascript:${MARK}`,
    `//evil.example/${MARK}`,
    `\\\\evil.example\\${MARK}`,
    `${'A'.repeat(3000)}${MARK}`,
    `%00${MARK}`,
  ];
  const bases = [
    '/',
    '/us/en/',
    '/us/en/privacy',
    '/us/en/regions',
    '/us/en/support/directory',
    '/regions/choose',
    '/api/contacts/',
    '/assets/',
    '/sitemaps/',
    '/privacy',
  ];
  const corpus: string[] = [];
  for (const base of bases) {
    for (const p of payloads) {
      corpus.push(base.endsWith('/') && !base.includes('?') ? `${base}${p}` : `${base}?q=${p}&from=${p}&site=${p}&page=${p}&q=${p}`);
    }
  }

  it(`answers a corpus of ${corpus.length} hostile URLs with no 5xx and nothing reflected`, async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const problems: string[] = [];
    for (let i = 0; i < corpus.length; i += 20) {
      await Promise.all(
        corpus.slice(i, i + 20).map(async (url) => {
          const target = url.replace(/[^\x21-\x7e]/g, encodeURIComponent);
          const res = await raw(port, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept-Language: en\r\n\r\n`);
          const status = statusOf(res);
          if (status === 0 || status >= 500) problems.push(`${status} ${url.slice(0, 80)}`);
          const [head = '', body = ''] = res.split('\r\n\r\n');
          if (new RegExp(`^(set-cookie|x-injected):[^\\r]*${MARK}`, 'im').test(head)) problems.push(`header injected by ${url}`);
          if (/<script>zq9x|<img src=x onerror=zq9x|\{\{7\*7\}\}zq9x/.test(body)) problems.push(`reflected by ${url}`);
        }),
      );
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ['TRACE', 'TRACE /us/en/privacy HTTP/1.1\r\nHost: localhost\r\n\r\n', [405]],
    ['TRACE / through the front layer', 'TRACE / HTTP/1.1\r\nHost: localhost\r\nAccept-Language: fr\r\n\r\n', [405]],
    ['POST /privacy through the front layer', 'POST /privacy HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n', [405]],
    ['DELETE /regions through the front layer', 'DELETE /regions HTTP/1.1\r\nHost: localhost\r\n\r\n', [405]],
    ['a forged Host', 'GET /us/en/privacy HTTP/1.1\r\nHost: evil.example\r\n\r\n', [200]],
    ['no Host', 'GET /us/en/privacy HTTP/1.1\r\n\r\n', [400]],
    ['a header too large', `GET /us/en/ HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, [431]],
    ['a bad request line', 'GARBAGE\r\n\r\n', [400]],
    ['CR/LF in a header value', 'GET /us/en/ HTTP/1.1\r\nHost: localhost\r\nX-A: b\rc\r\n\r\n', [400]],
    ['an absolute-form target', 'GET http://evil.example/us/en/ HTTP/1.1\r\nHost: localhost\r\n\r\n', [200, 404]],
    ['a huge cookie', `GET /privacy HTTP/1.1\r\nHost: localhost\r\nCookie: region=${'x'.repeat(5000)}\r\n\r\n`, [302]],
  ])('answers %s without a 5xx', async (_name, bytes, statuses) => {
    const res = await raw(port, bytes);
    expect(statuses).toContain(statusOf(res));
    expect(res).not.toContain('evil.example/us');
  });

  it.each([
    ['a header too large', `GET /us/en/ HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'cookies'],
    ['a bad request line', 'GARBAGE\r\n\r\n', 400, 'could not read'],
    ['a control character in a header', 'GET /us/en/ HTTP/1.1\r\nHost: localhost\r\nX-A: b\x01c\r\n\r\n', 400, 'could not read'],
  ])('answers %s that Node cannot parse with a page and the security headers', async (_name, bytes, status, words) => {
    const res = await raw(port, bytes);
    const [head = '', body = ''] = res.split('\r\n\r\n');
    expect(statusOf(res)).toBe(status);
    expect(head).toMatch(/^content-type: text\/html; charset=utf-8$/im);
    expect(head).toMatch(/^content-security-policy: default-src 'none'/im);
    expect(head).toMatch(/^x-frame-options: DENY$/im);
    expect(head).toMatch(/^cache-control: no-store$/im);
    expect(head).toMatch(/^connection: close$/im);
    expect(Number(/^content-length: (\d+)$/im.exec(head)?.[1])).toBe(Buffer.byteLength(body, 'latin1'));
    expect(body).toContain('<html lang="en">');
    expect(body).toContain(words);
    expect(body).toContain('<a href="/">');
    expect(body).not.toContain('aaaa');
  });

  it('answers a forged Host with the configured origin in every absolute URL', async () => {
    const res = await raw(port, 'GET /us/en/privacy HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n');
    expect(res).toContain('<link rel="canonical" href="http://localhost:3000/us/en/privacy">');
    expect(res).not.toContain('evil.example');
  });

  it('cuts a slow-loris client off within seconds', async () => {
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /us/en/ HTTP/1.1\r\nHost: localhost\r\n'));
      const drip = setInterval(() => socket.write(`X-Drip-${Date.now()}: 1\r\n`), 500);
      const give = setTimeout(() => socket.destroy(), 12_000);
      socket.on('close', () => {
        clearInterval(drip);
        clearTimeout(give);
        resolve(Date.now() - started);
      });
      socket.on('error', () => undefined);
    });
    expect(closedAfter).toBeLessThan(8_000);
  }, 15_000);

  it('keeps its caches bounded under 20,000 distinct junk URLs', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const before = app.site.pages.size;
    const get = (i: number) =>
      new Promise<number>((resolve) => {
        const req = http.get(
          { host: '127.0.0.1', port, agent, path: `/junk/${i}/${'x'.repeat(i % 50)}?n=${i}`, headers: { 'accept-language': `x-${i}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', () => resolve(0));
      });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 20_000; i += 200) {
      const batch = await Promise.all(Array.from({ length: 200 }, (_, j) => get(i + j)));
      for (const s of batch) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    agent.destroy();
    expect([...statuses.keys()]).toEqual([404]);
    // One cached 404 page for the guessed site, whatever the URL: nothing is keyed by request input.
    expect(app.site.pages.size - before).toBeLessThanOrEqual(1);
  }, 120_000);
});

describe('a request without Host', () => {
  const app = makeApp();
  let port = 0;
  let server: http.Server;
  beforeAll(async () => ({ server, port } = await listen(app.handler, app.clientError)));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('gets a 400 page with the security headers in HTTP/1.1, even for a page the front layer holds', async () => {
    const warm = await raw(port, 'GET /us/en/privacy HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(statusOf(warm)).toBe(200);
    const res = await raw(port, 'GET /us/en/privacy HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(statusOf(res)).toBe(400);
    const [head = '', body = ''] = res.split('\r\n\r\n');
    expect(head).toMatch(/^content-security-policy: default-src 'none'/im);
    expect(head).toMatch(/^x-request-id: /im);
    expect(body).toContain('<html');
    // HTTP/1.0 has no Host requirement.
    expect(statusOf(await raw(port, 'GET /us/en/privacy HTTP/1.0\r\n\r\n'))).toBe(200);
  });
});

describe('security headers, as the MDN HTTP Observatory scans them', () => {
  it('passes every test but the two that need TLS', async () => {
    const app = makeApp({}, { siteOrigin: 'http://localhost:3000' });
    const { server, port } = await listen(app.app);
    // The scanner's install script would download the HSTS preload list; localhost is on no such list.
    const conf = path.join(ROOT, 'node_modules/@mdn/mdn-http-observatory/conf');
    fs.mkdirSync(conf, { recursive: true });
    if (!fs.existsSync(path.join(conf, 'hsts-preload.json'))) fs.writeFileSync(path.join(conf, 'hsts-preload.json'), '{}');
    // Untyped modules of the scanner: imported through `string` paths so TypeScript does not look for declarations.
    const retriever: string = '@mdn/mdn-http-observatory/src/retriever/retriever.js';
    const constants: string = '@mdn/mdn-http-observatory/src/constants.js';
    const { retrieve } = await import(retriever);
    const { ALL_TESTS } = await import(constants);
    try {
      const requests = await retrieve('127.0.0.1', { httpPort: port, httpsPort: port + 1, path: '/us/en/privacy' });
      const results = Object.fromEntries(
        (ALL_TESTS as Array<(r: unknown) => { constructor: { name: string }; result: string; pass: boolean }>).map((test) => {
          const out = test(requests);
          return [out.constructor.name, { result: out.result, pass: out.pass }];
        }),
      );
      const failing = Object.entries(results)
        .filter(([, r]) => !r.pass)
        .map(([name]) => name)
        .sort();
      expect(failing).toEqual(['redirection', 'strict-transport-security']);
      expect(results['content-security-policy']!.result).toBe('csp-implemented-with-no-unsafe-default-src-none');
      expect(Object.keys(results).length).toBeGreaterThanOrEqual(10);
    } finally {
      server.close();
    }
  });
});

describe('gzip for clients without brotli', () => {
  it('serves every page in gzip, holding at most its byte budget of gzip bodies', async () => {
    const { app, site } = makeApp();
    let served = 0;
    for (const route of ['', 'privacy', 'support', 'regions', 'support/directory'] as const) {
      for (const s of site.registry.sites) {
        const res = await request(app).get(`${s.prefix}/${route}`).set('Accept-Encoding', 'gzip');
        expect(res.status, s.prefix).toBe(200);
        expect(res.headers['content-encoding']).toBe('gzip');
        expect(res.text).toContain('</html>');
        served += Number(res.headers['content-length']);
      }
    }
    // 1,145 pages of ~10 KB each: more than the budget, so the oldest were let go.
    expect(served).toBeGreaterThan(GZIP_BUDGET_BYTES);
    expect(gzipBytes()).toBeGreaterThan(0);
    expect(gzipBytes()).toBeLessThanOrEqual(GZIP_BUDGET_BYTES);
    // The first pages were let go; asked again, they are compressed again.
    const again = await request(app).get(`${site.registry.sites[0]!.prefix}/`).set('Accept-Encoding', 'gzip');
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(again.text).toContain('</html>');
  }, 60_000);
});

describe('request logs', () => {
  interface Line {
    level: number;
    time: number;
    pid: number;
    msg: string;
    req?: { id: string; method: string; path: string };
    res?: { statusCode: number };
    responseTime?: number;
    err?: { stack: string };
    front?: boolean;
  }
  const logged = (data: Parameters<typeof makeApp>[0] = {}) => {
    const lines: string[] = [];
    const built = makeApp({ ...data, logDestination: { write: (line: string) => lines.push(line) } }, { logLevel: 'info' });
    const parsed = () => lines.map((l) => JSON.parse(l) as Line);
    return { ...built, lines, parsed };
  };

  it('writes one JSON line per request, front layer and Express alike, with the id sent in X-Request-Id', async () => {
    const { app, lines, parsed } = logged();
    const asked = [
      { path: '/us/en/privacy', status: 200, front: false }, // rendered by Express
      { path: '/us/en/privacy?utm_source=mail&email=a%40b.example', status: 200, front: true }, // the cached copy
      { path: '/', status: 302, lang: 'de-DE', front: true }, // the neutral redirect
      { path: '/us/en/no-such-page', status: 404, front: false },
    ];
    for (const a of asked) {
      const before = lines.length;
      const res = await request(app)
        .get(a.path)
        .set('Accept-Language', a.lang ?? 'en-US')
        .set('Accept-Encoding', 'br');
      expect(res.status).toBe(a.status);
      const mine = parsed().slice(before);
      expect(mine, a.path).toHaveLength(1);
      const [line] = mine;
      expect(line).toMatchObject({
        level: 30,
        pid: process.pid,
        msg: 'request completed',
        req: { id: res.headers['x-request-id'], method: 'GET' },
        res: { statusCode: a.status },
      });
      expect(line!.req!.path).toBe(a.path.split('?')[0]);
      expect(line!.front === true, a.path).toBe(a.front);
      expect(typeof line!.time).toBe('number');
      expect(typeof line!.responseTime).toBe('number');
    }
    // No query string, so no e-mail address, in any line.
    expect(lines.join('')).not.toMatch(/utm_source|a%40b|a@b/);
  });

  it('logs an error with its stack, and the visitor sees none of it', async () => {
    const { app, parsed } = logged({ views: viewsThatThrow('privacy/statement') });
    const res = await request(app).get('/us/en/privacy');
    expect(res.status).toBe(500);
    const failure = parsed().find((l) => l.msg === 'request failed');
    expect(failure).toMatchObject({ level: 50, req: { id: res.headers['x-request-id'] } });
    expect(failure!.err!.stack).toMatch(/\n\s+at /);
    expect(res.text).not.toMatch(/\n\s+at /);
  });
});

describe('request logs when stdout stalls', () => {
  it('drops lines past the buffer limit and says so, instead of growing', async () => {
    const logging = pathToFileURL(path.join(ROOT, 'src/http/logging.ts')).href;
    // 400,000 lines of ~300 bytes (~120 MB) into a stdout nobody reads.
    const script = `
      const { createLogger, LOG_BUFFER_LIMIT } = await import(${JSON.stringify(logging)});
      const logger = createLogger('info');
      const filler = 'x'.repeat(200);
      for (let i = 0; i < 400000; i++) logger.info({ req: { id: i, path: '/us/en/privacy' }, filler }, 'request completed');
      await new Promise((r) => setTimeout(r, 1500));
      globalThis.gc?.();
      process.stderr.write(JSON.stringify({ report: true, heapUsed: process.memoryUsage().heapUsed, limit: LOG_BUFFER_LIMIT }) + '\\n');
    `;
    const child = spawn(process.execPath, ['--expose-gc', '--import', TSX, '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pause();
    let stderr = '';
    const report = await new Promise<{ heapUsed: number; limit: number }>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const line = stderr.split('\n').find((l) => l.includes('"report":true'));
        if (line) resolve(JSON.parse(line));
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      setTimeout(() => reject(new Error(`no report: ${stderr}`)), 60_000);
    });
    child.kill('SIGKILL');
    expect(stderr).toMatch(/"dropped":\d+,"msg":"log lines dropped: stdout is not keeping up"/);
    // What is held is the buffer (at most the limit, as UTF-16 at worst) and the program: not 120 MB of lines.
    expect(report.heapUsed).toBeLessThan(2 * report.limit + 20 * 1024 * 1024);
  }, 90_000);
});

describe('starting', () => {
  it('serves the site when started from another working directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-cwd-'));
    const { child, port } = await startServer(dataDir, { DATA_DIR: dataDir });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/us/en/privacy', agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('starting with a DATA_DIR it cannot use', () => {
  it('stops with a message naming DATA_DIR and exit code 2, not a stack trace', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-file-')), 'not-a-directory');
    fs.writeFileSync(file, '');
    const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/server.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', WEB_CONCURRENCY: '1', DATA_DIR: file },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(`Configuration error: DATA_DIR ${file} cannot be used (EEXIST): give the site a directory it can write`);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});

describe('draining on SIGTERM', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  it('finishes every request accepted before the signal, then exits 0 within 10 s', async () => {
    const server = await startServer(ROOT);
    child = server.child;
    const port = server.port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    let signalled = false;
    const outcomes: { beforeSignal: boolean; status: number; error?: string; complete: boolean }[] = [];
    const one = (url: string) =>
      new Promise<void>((resolve) => {
        const beforeSignal = !signalled;
        const req = http.get({ host: '127.0.0.1', port, path: url, agent, headers: { 'accept-encoding': 'br' } }, (res) => {
          let bytes = 0;
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => {
            outcomes.push({
              beforeSignal,
              status: res.statusCode ?? 0,
              complete: bytes === Number(res.headers['content-length'] ?? bytes),
            });
            resolve();
          });
          res.on('error', (e) => {
            outcomes.push({ beforeSignal, status: res.statusCode ?? 0, error: e.message, complete: false });
            resolve();
          });
        });
        req.on('error', (e) => {
          outcomes.push({ beforeSignal, status: 0, error: (e as NodeJS.ErrnoException).code ?? e.message, complete: false });
          resolve();
        });
      });
    const urls = ['/us/en/privacy', '/de/de/privacy', '/fr/fr/support', '/jp/ja/support/contact', '/us/en/support/directory?q=a'];
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const load = (async () => {
      for (let i = 0; i < 60; i++) {
        await Promise.all(urls.map((u) => one(u)));
        if (i === 10) {
          signalled = true;
          child.kill('SIGTERM');
        }
      }
    })();
    const started = Date.now();
    await load;
    const code = await exited;
    agent.destroy();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(code).toBe(0);
    const before = outcomes.filter((o) => o.beforeSignal);
    expect(before.length).toBeGreaterThanOrEqual(50);
    // Every request sent before the signal got its whole answer.
    expect(before.filter((o) => o.status !== 200 || !o.complete)).toEqual([]);
    // After it, a request is either answered in full or refused before it was accepted; none is cut off.
    const after = outcomes.filter((o) => !o.beforeSignal);
    for (const o of after) {
      if (o.status !== 0) expect(o.complete).toBe(true);
      else expect(['ECONNREFUSED', 'ECONNRESET', 'socket hang up']).toContain(o.error);
    }
  }, 60_000);
});
