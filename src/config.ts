// Typed settings from the environment, with defaults that let `npm start` run with no set-up.
import crypto from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';

export interface Config {
  /** Port the server listens on. */
  port: number;
  /** Interface the server binds to. */
  host: string;
  /** Public origin of the site; every absolute URL (canonical, hreflang, sitemap) is built from it, never from `Host`. */
  siteOrigin: string;
  /** Base URL of the shop that owns cart, account, order status and product search. */
  shopBaseUrl: string;
  /** The technical support site (drivers, warranty, repairs): `$SUPPORT_BASE_URL/{cc}/{lang}/…`. */
  supportBaseUrl: string;
  /** Name of a country header set by a trusted edge (e.g. `cf-ipcountry`); empty = not trusted. */
  edgeCountryHeader: string;
  /** `production` turns on production defaults (cluster workers); never changes what errors reveal. */
  nodeEnv: string;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Number of worker processes; 0 or 1 runs a single process. */
  webConcurrency: number;
  /** Event-loop lag (ms) past which requests get 503 + Retry-After; 0 turns shedding off. */
  overloadLagMs: number;
  /** On SIGTERM, how long /readyz fails while the instance still serves, before it stops listening (balancers take it out). */
  shutdownDelayMs: number;
  /** Bearer token that opens `/metrics` on the public port; empty = `/metrics` is not served there. */
  metricsToken: string;
  /** A separate port for `/metrics` (0 = none), on `metricsHost`; in a cluster the primary answers for every worker. */
  metricsPort: number;
  metricsHost: string;
  /** Root of the project (views, locales, public). */
  rootDir: string;
  /** Directory of the form database and the generated form secret; created if missing. */
  dataDir: string;
  /** PostgreSQL for the forms (`postgresql://user:pass@host:5432/db`), shared by every instance; empty = SQLite in `dataDir`. */
  databaseUrl: string;
  /** HMAC key for form tokens and unsubscribe links; empty = generated once and kept in `dataDir`. */
  formSecret: string;
  /** Proxies in front of us that append to X-Forwarded-For; 0 = use the socket's address. */
  trustProxyHops: number;
  /** SMTP server for the forms' mail (`smtp://user:pass@host:587`); empty = write `.eml` files to `$DATA_DIR/outbox-preview/`. */
  smtpUrl: string;
  /** Sender of the forms' mail. */
  mailFrom: string;
  /** Where a new privacy request is announced (reference, type, region, dates; no personal data); empty = no announcement. */
  privacyTeamEmail: string;
  /** Days an exported privacy request is kept before `npm run requests -- purge` deletes it. */
  retentionDays: number;
}

export class ConfigError extends Error {}

function readUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must use http or https, got "${raw}"`);
  }
  // Origins and bases never end with a slash, so joining with "/path" is unambiguous.
  return url.href.replace(/\/+$/, '');
}

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readSmtpUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.SMTP_URL ?? '';
  if (raw === '') return '';
  let ok: boolean;
  try {
    ok = ['smtp:', 'smtps:'].includes(new URL(raw).protocol);
  } catch {
    ok = false;
  }
  // The URL may hold a password: never repeat it in the message.
  if (!ok) throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
  return raw;
}

function readAddress(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = (env[name] ?? fallback).trim();
  if (raw !== '' && !/^[^\s@<>]+@[^\s@<>]+$/.test(raw)) throw new ConfigError(`${name} must be an e-mail address, got "${raw}"`);
  return raw;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * The project folder (where locales/, views/ and public/ are), found from this file rather than
 * the working directory: `node /srv/site/dist/src/server.js` works from anywhere.
 */
export function projectRoot(from = import.meta.dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

function readMetricsToken(env: NodeJS.ProcessEnv): string {
  const token = env.METRICS_TOKEN ?? '';
  if (token !== '' && !/^[\x21-\x7e]{16,}$/.test(token)) throw new ConfigError('METRICS_TOKEN must be at least 16 printable characters');
  return token;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, rootDir = projectRoot()): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST ?? '0.0.0.0';
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.has(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}, got "${logLevel}"`);
  const edgeCountryHeader = (env.EDGE_COUNTRY_HEADER ?? '').trim().toLowerCase();
  if (edgeCountryHeader !== '' && !/^[a-z0-9-]{1,64}$/.test(edgeCountryHeader)) {
    throw new ConfigError(`EDGE_COUNTRY_HEADER must be a header name, got "${edgeCountryHeader}"`);
  }
  const formSecret = env.FORM_SECRET ?? '';
  if (formSecret !== '' && formSecret.length < 32) throw new ConfigError('FORM_SECRET must be at least 32 characters');
  const databaseUrl = (env.DATABASE_URL ?? '').trim();
  if (databaseUrl !== '' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgresql:// URL');
  }
  const cores = os.availableParallelism();
  return {
    port,
    host,
    siteOrigin: new URL(readUrl(env, 'SITE_ORIGIN', `http://localhost:${port}`)).origin,
    shopBaseUrl: readUrl(env, 'SHOP_BASE_URL', 'https://www.lenovo.com'),
    supportBaseUrl: readUrl(env, 'SUPPORT_BASE_URL', 'https://support.lenovo.com'),
    edgeCountryHeader,
    nodeEnv,
    logLevel,
    overloadLagMs: readInt(env, 'OVERLOAD_LAG_MS', 250, 0, 60_000),
    metricsToken: readMetricsToken(env),
    metricsPort: readInt(env, 'METRICS_PORT', 0, 0, 65535),
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    shutdownDelayMs: readInt(env, 'SHUTDOWN_DELAY_MS', nodeEnv === 'production' ? 5000 : 0, 0, 120_000),
    webConcurrency: readInt(env, 'WEB_CONCURRENCY', nodeEnv === 'production' ? cores : 1, 0, 64),
    rootDir,
    dataDir: path.resolve(rootDir, env.DATA_DIR || 'data'),
    databaseUrl,
    formSecret,
    trustProxyHops: readInt(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    smtpUrl: readSmtpUrl(env),
    mailFrom: readAddress(env, 'MAIL_FROM', `no-reply@${new URL(readUrl(env, 'SITE_ORIGIN', `http://localhost:${port}`)).hostname}`),
    privacyTeamEmail: readAddress(env, 'PRIVACY_TEAM_EMAIL', ''),
    retentionDays: readInt(env, 'RETENTION_DAYS', 365, 1, 36_500),
  };
}

/** A config for tests and tools: defaults, quiet logs, fixed origin, a data directory of its own. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = path.join(os.tmpdir(), `corporate-site-test-${crypto.randomUUID()}`);
  return { ...loadConfig({ LOG_LEVEL: 'silent', SITE_ORIGIN: 'https://site.test' }), dataDir, ...overrides };
}
