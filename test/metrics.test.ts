// /metrics: refused on the public port without METRICS_TOKEN, counts what visitors see (requests by
// route type and status, front-cache hits and misses, form posts, the outbox), and in a cluster one
// scrape of METRICS_PORT gives every worker's figures.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { makeApp, ROOT } from './helpers.js';
import { formApp, REQUEST, sendRequest } from './forms-helpers.js';
import { freePort } from './pg-cluster.js';

const TOKEN = 'metrics-test-token-0123456789';

/** The value of one sample line, e.g. `site_front_cache_total{result="hit"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics on the public port', () => {
  it('is not served without METRICS_TOKEN', async () => {
    const { app, close } = makeApp();
    expect((await request(app).get('/metrics')).status).toBe(404);
    close();
  });

  it('asks for the token, and with it shows requests, cache hits, form posts and the outbox', async () => {
    const { app, close } = formApp({}, undefined, { metricsToken: TOKEN });
    try {
      expect((await request(app).get('/metrics')).status).toBe(401);
      expect((await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(401);
      for (let i = 0; i < 3; i++) expect((await request(app).get('/us/en/privacy').set('Accept-Encoding', 'gzip')).status).toBe(200);
      expect((await request(app).get('/privacy').set('Accept-Language', 'fr')).status).toBe(302);
      expect((await request(app).get('/no/such/page')).status).toBe(404);
      expect((await sendRequest(app, REQUEST)).status).toBe(303);
      const res = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;
      expect(sample(text, 'site_front_cache_total{result="hit"}')).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'site_http_requests_total{route="neutral",status="302"}')).toBe(1);
      expect(sample(text, 'site_http_requests_total{route="page",status="404"}')).toBe(1);
      expect(sample(text, 'site_http_requests_total{route="form",status="303"}')).toBe(1);
      expect(sample(text, 'site_form_submissions_total{form="request",result="created"}')).toBe(1);
      expect(sample(text, 'site_outbox_queued')).toBeGreaterThanOrEqual(0);
      expect(text).toContain('site_http_request_duration_seconds_bucket{le="0.005",route="page"}');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      expect(text).toContain('site_forms_database_errors_total 0');
    } finally {
      close();
    }
  });
});

describe('/metrics counts what the front layer answers from memory', () => {
  it('the chooser, an asset and its 304, robots.txt and a 404, each under the route type Express would count', async () => {
    const { app, close, site } = makeApp({}, { metricsToken: TOKEN });
    try {
      const asset = site.assets.url('css/site.css');
      for (let i = 0; i < 2; i++) {
        expect((await request(app).get('/')).status).toBe(200);
        expect((await request(app).get('/robots.txt')).status).toBe(200);
        expect((await request(app).get('/nope')).status).toBe(404);
      }
      const first = await request(app).get(asset).expect(200);
      await request(app)
        .get(asset)
        .set('If-None-Match', first.headers.etag as string)
        .expect(304);
      const text = (await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).text;
      expect(sample(text, 'site_http_requests_total{route="neutral",status="200"}')).toBe(2);
      expect(sample(text, 'site_http_requests_total{route="crawler",status="200"}')).toBe(2);
      expect(sample(text, 'site_http_requests_total{route="page",status="404"}')).toBe(2);
      expect(sample(text, 'site_http_requests_total{route="asset",status="200"}')).toBe(1);
      expect(sample(text, 'site_http_requests_total{route="asset",status="304"}')).toBe(1);
    } finally {
      close();
    }
  });
});

describe('/metrics in a cluster', () => {
  it('gives every worker’s requests in one scrape of METRICS_PORT, on loopback only', async () => {
    // The workers share a port of the kernel's choosing (PORT=0), read from their "listening" line: a port picked
    // here and bound seconds later, once the workers are up, could meanwhile go to another test's server.
    const metricsPort = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-test-'));
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'src/server.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        WEB_CONCURRENCY: '2',
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
        OVERLOAD_LAG_MS: '0',
        DATABASE_URL: '',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let output = '';
    const listening = new Promise<number>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output = (output + chunk).slice(-4096);
        const m = /"url":"http:\/\/127\.0\.0\.1:(\d+)\/"/.exec(output);
        if (m) resolve(Number(m[1]));
      }),
    );
    const get = (p: number, urlPath: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: p, path: urlPath, agent: false, headers: { 'accept-encoding': 'gzip' } }, (res) => {
            let body = '';
            res
              .setEncoding('latin1')
              .on('data', (c: string) => (body += c))
              .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          })
          .on('error', reject);
      });
    try {
      const port = await listening;
      // Both workers listening: wait until 4 fresh connections in a row are answered.
      for (let ok = 0, tries = 0; ok < 4 && tries < 400; tries++) {
        const res = await get(port, '/healthz').catch(() => undefined);
        ok = res?.status === 200 ? ok + 1 : 0;
        if (!res) await new Promise((r) => setTimeout(r, 50));
      }
      for (let i = 0; i < 40; i++) expect((await get(port, '/us/en/support')).status).toBe(200);
      const scrape = await get(metricsPort, '/metrics');
      expect(scrape.status).toBe(200);
      const served = ['hit', 'miss'].reduce((sum, r) => sum + (sample(scrape.body, `site_front_cache_total{result="${r}"}`) ?? 0), 0);
      const page200 = sample(scrape.body, 'site_http_requests_total{route="page",status="200"}') ?? 0;
      // 40 page requests over two workers (the kernel's round robin): the aggregate holds all of them.
      expect(page200).toBe(40);
      expect(served).toBe(40);
      expect((await get(metricsPort, '/other')).status).toBe(404);
      expect((await get(port, '/metrics')).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
