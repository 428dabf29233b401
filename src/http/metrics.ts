// Operators' figures in Prometheus' text format (prom-client): requests by route type and status,
// latency, front-cache hits and misses, form submissions, the outbox, database errors, event-loop lag.
// Recording is a counter increment on a pre-made child (no label lookups on the front layer's hot path).
// Exposed on the public port only with METRICS_TOKEN (Bearer), or on METRICS_PORT (loopback by default);
// in a cluster the primary's METRICS_PORT answers for every worker (AggregatorRegistry).
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import client from 'prom-client';

export type RouteType = 'page' | 'neutral' | 'form' | 'api' | 'asset' | 'health' | 'crawler' | 'other';

export interface Metrics {
  registry: client.Registry;
  /** One request answered by Express: counted and timed. */
  request(type: RouteType, status: number, seconds: number): void;
  /** One request answered by the front layer: counted only (a plain number, read at scrape time). */
  frontAnswer(type: 'page' | 'neutral', status: 200 | 302 | 304): void;
  /** One of the front layer's other answers from memory (chooser, asset, crawler file, 404 page): counted under the route type Express would give it. */
  frontFixed(type: RouteType, status: number): void;
  frontHit(): void;
  frontMiss(): void;
  formSubmission(form: 'request' | 'signup', created: boolean): void;
  databaseError(): void;
  /** Outbox figures, read at scrape time. */
  setOutbox(read: () => Promise<{ queued: number; oldestMs: number | undefined }>): void;
}

/** `process`: the process's own figures too (event-loop lag, memory, GC); off where nothing is exposed (tests build many apps). */
export function createMetrics(options: { process: boolean } = { process: true }): Metrics {
  const registry = new client.Registry();
  if (options.process) client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  return { registry, ...requestFigures(registry), ...formFigures(registry), ...outboxFigures(registry) };
}

/** The front layer's answers and cache results: plain numbers on its hot path, read when scraped. */
interface FrontCounts {
  hit: number;
  miss: number;
  page200: number;
  page304: number;
  neutral302: number;
}

/** Express's answers by route and status as plain numbers (`route status` → count), read when scraped. */
type RequestCounts = Map<string, { route: string; status: string; n: number }>;

/** `site_http_requests_total`: Express's answers and the front layer's together. */
function requestCounter(registry: client.Registry, counts: RequestCounts, front: FrontCounts): void {
  new client.Counter({
    name: 'site_http_requests_total',
    help: 'Requests answered, by route type and status',
    labelNames: ['route', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { route, status, n } of counts.values()) this.inc({ route, status }, n);
      const fromFront: [string, string, number][] = [
        ['page', '200', front.page200],
        ['page', '304', front.page304],
        ['neutral', '302', front.neutral302],
      ];
      for (const [route, status, n] of fromFront) if (n > 0) this.inc({ route, status }, n);
    },
  });
}

/** `site_http_request_duration_seconds`: the latency of Express's answers; returns the recorder (one pre-made child per route type). */
function latencyHistogram(registry: client.Registry): (type: RouteType, seconds: number) => void {
  const latency = new client.Histogram({
    name: 'site_http_request_duration_seconds',
    help: 'Time to answer, by route type, of the requests Express answers (the front layer answers from memory in microseconds)',
    labelNames: ['route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const byRoute = new Map<string, client.Histogram.Internal<'route'>>();
  return (type, seconds) => {
    let histogram = byRoute.get(type);
    if (!histogram) byRoute.set(type, (histogram = latency.labels(type)));
    histogram.observe(seconds);
  };
}

/** `site_front_cache_total`: region-page hits and misses of the front layer. */
function frontCacheCounter(registry: client.Registry, front: FrontCounts): void {
  new client.Counter({
    name: 'site_front_cache_total',
    help: 'Region-page requests answered by the front cache (hit) or passed to Express (miss)',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, front.hit);
      this.inc({ result: 'miss' }, front.miss);
    },
  });
}

/** Requests: counted by route type and status, Express's timed too, and the front cache's hits and misses. */
function requestFigures(registry: client.Registry): Pick<Metrics, 'request' | 'frontAnswer' | 'frontFixed' | 'frontHit' | 'frontMiss'> {
  // The hot path adds to plain numbers; prom-client reads them when scraped.
  const counts: RequestCounts = new Map();
  const front: FrontCounts = { hit: 0, miss: 0, page200: 0, page304: 0, neutral302: 0 };
  requestCounter(registry, counts, front);
  const observe = latencyHistogram(registry);
  frontCacheCounter(registry, front);
  const count = (type: RouteType, status: number) => {
    const key = `${type} ${status}`;
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { route: type, status: String(status), n: 1 });
  };
  return {
    request(type, status, seconds) {
      count(type, status);
      observe(type, seconds);
    },
    frontFixed: count,
    frontAnswer(type, status) {
      if (type === 'neutral') front.neutral302++;
      else if (status === 304) front.page304++;
      else front.page200++;
    },
    frontHit: () => void front.hit++,
    frontMiss: () => void front.miss++,
  };
}

/** Form posts stored or replayed, and failures to reach the forms database. */
function formFigures(registry: client.Registry): Pick<Metrics, 'formSubmission' | 'databaseError'> {
  const submissions = new client.Counter({
    name: 'site_form_submissions_total',
    help: 'Form posts stored (created) or replayed',
    labelNames: ['form', 'result'],
    registers: [registry],
  });
  const dbErrors = new client.Counter({
    name: 'site_forms_database_errors_total',
    help: 'Forms database operations that failed because the database could not be reached',
    registers: [registry],
  });
  return {
    formSubmission: (form, created) => submissions.labels(form, created ? 'created' : 'replayed').inc(),
    databaseError: () => dbErrors.inc(),
  };
}

type OutboxStats = { queued: number; oldestMs: number | undefined };

/** The outbox's length and oldest mail, read from the store once per scrape for both gauges. */
function outboxFigures(registry: client.Registry): Pick<Metrics, 'setOutbox'> {
  let readOutbox: (() => Promise<OutboxStats>) | undefined;
  let last: Promise<OutboxStats> | undefined;
  const outbox = () =>
    (last ??= (readOutbox?.() ?? Promise.resolve({ queued: 0, oldestMs: undefined })).finally(() =>
      setTimeout(() => (last = undefined), 0),
    ));
  new client.Gauge({
    name: 'site_outbox_queued',
    help: 'Mails waiting to be sent',
    registers: [registry],
    async collect() {
      this.set(
        await outbox()
          .then((o) => o.queued)
          .catch(() => NaN),
      );
    },
  });
  new client.Gauge({
    name: 'site_outbox_oldest_age_seconds',
    help: 'Age of the oldest mail waiting to be sent (0 when none)',
    registers: [registry],
    async collect() {
      this.set(
        await outbox()
          .then((o) => (o.oldestMs === undefined ? 0 : Math.max(0, (Date.now() - o.oldestMs) / 1000)))
          .catch(() => NaN),
      );
    },
  });
  return {
    setOutbox(read) {
      readOutbox = read;
    },
  };
}

/** The route type of a path that reached Express, for the request counter. */
export function routeType(path: string, method: string): RouteType {
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return 'health';
  if (path.startsWith('/api/')) return 'api';
  if (path === '/robots.txt' || path.startsWith('/sitemap')) return 'crawler';
  // Fingerprinted assets, and the paths browsers and crawlers guess at (/favicon.ico).
  if (/^\/(assets\/|css|js|img|fonts|favicon)/.test(path)) return 'asset';
  if (/\/(privacy\/request|email-signup)(\/|$)/.test(path)) return method === 'POST' ? 'form' : 'page';
  if (/^\/(privacy|support|support\/contact|regions)?$/.test(path)) return 'neutral';
  return 'page';
}

/** Counts every answer Express gives (the front layer counts its own). */
export function countRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => metrics.request(routeType(req.path, req.method), res.statusCode, (performance.now() - started) / 1000));
    next();
  };
}

/** `/metrics` on the public port: 404 unless a token is configured, 401 unless it is sent. */
export function metricsRoute(metrics: Metrics, token: string): RequestHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, res, next) => {
    if (req.path !== '/metrics' || token === '') return next();
    const sent = Buffer.from(req.headers.authorization ?? '');
    if (sent.length !== expected.length || !crypto.timingSafeEqual(sent, expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').set('Cache-Control', 'no-store').type('text/plain').send('unauthorized');
      return;
    }
    void metrics.registry.metrics().then((text) => {
      res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text);
    }, next);
  };
}

/** Every worker's figures in one scrape: the primary asks each worker (prom-client over cluster IPC). */
let aggregator: client.AggregatorRegistry<client.PrometheusContentType> | undefined;
export function clusterMetricsText(): Promise<{ contentType: string; text: string }> {
  const registry = (aggregator ??= new client.AggregatorRegistry());
  return registry.clusterMetrics().then((text) => ({ contentType: registry.contentType, text }));
}

/** Makes this worker's registry the one the primary's AggregatorRegistry collects, and answers its requests. */
export function answerClusterScrapes(metrics: Metrics): void {
  client.AggregatorRegistry.setRegistries([metrics.registry]);
  // prom-client listens for the primary's requests once an AggregatorRegistry exists in the process.
  aggregator ??= new client.AggregatorRegistry();
}
