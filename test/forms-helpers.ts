// Shared by the forms' tests: apps on data directories of their own, the database read directly, form
// fields, a real HTTP server, the app in a child process, and a real SMTP server on loopback.
// The same tests run on both stores: SQLite in the data directory, or — with FORMS_STORE=postgres (the
// `forms-postgresql` project of vitest.config.ts) — a fresh PostgreSQL database for each data directory,
// on the cluster of test/pg-global-setup.ts. `query`/`execute` read and write whichever store it is.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { afterAll, expect, inject } from 'vitest';
import { DATABASE_FILE } from '../src/forms/sqlite-store.js';
import type { SiteData } from '../src/site.js';
import { ROOT, makeApp } from './helpers.js';
import { postgresBin } from './pg-cluster.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

export function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-test-'));
  dirs.push(dir);
  return dir;
}

/** Which store the forms tests run on (the vitest project sets FORMS_STORE). */
export const STORE: 'sqlite' | 'postgres' = process.env.FORMS_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = STORE === 'postgres';

const databases = new Map<string, string>();
const apps: { close(): void }[] = [];
afterAll(() => apps.forEach((a) => a.close()));

/**
 * The DATABASE_URL of the app on `dataDir`: '' on SQLite; on PostgreSQL a database of its own, made on
 * first use (synchronously, with createdb, so that apps can still be made where a describe() collects).
 */
export function databaseUrl(dataDir: string): string {
  if (!onPostgres) return '';
  let url = databases.get(dataDir);
  if (!url) {
    const { port, user } = inject('pgCluster');
    const name = `forms_${crypto.randomBytes(6).toString('hex')}`;
    execFileSync(path.join(postgresBin()!, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, name], { stdio: 'pipe' });
    url = `postgresql://${user}@127.0.0.1:${port}/${name}`;
    databases.set(dataDir, url);
  }
  return url;
}

/** The environment of a child process (server or script) on the store of `dataDir`. */
export const storeEnv = (dataDir: string) => ({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl(dataDir) });

/** An app on a data directory of its own (returned too, to look into the database). */
export function formApp(data: SiteData = {}, dataDir = freshDir(), config: Parameters<typeof makeApp>[1] = {}) {
  const built = makeApp(
    { formMailTiming: { pollMs: 50, retryMs: 50 }, ...data },
    { dataDir, databaseUrl: databaseUrl(dataDir), ...config },
  );
  // On PostgreSQL an app left open holds its pool's connections: closed (again) when the file ends.
  if (onPostgres) apps.push(built);
  return { ...built, dataDir };
}

// PostgreSQL's BIGINT (times in ms, ids, count(*)) read as numbers, as SQLite gives them.
const INT8: number = pg.types.builtins.INT8;
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Runs SQL (`?` placeholders, portable SQL) on the store of `dataDir` and returns its rows. */
export async function query<T>(dataDir: string, sql: string, ...params: unknown[]): Promise<T[]> {
  if (onPostgres) {
    let n = 0;
    const client = new pg.Client({ connectionString: databaseUrl(dataDir), types: pgTypes });
    await client.connect();
    try {
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    const statement = db.prepare(sql);
    return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
  } finally {
    db.close();
  }
}

export const count = async (dataDir: string, table: string) =>
  (await query<{ n: number }>(dataDir, `SELECT count(*) AS n FROM ${table}`))[0]!.n;

export function hidden(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no hidden field ${name}`);
  return m[1]!;
}

export type App = http.RequestListener;

export async function openForm(app: App, url: string) {
  const res = await request(app).get(url);
  expect(res.status, url).toBe(200);
  return { key: hidden(res.text, 'key'), token: hidden(res.text, 'token'), html: res.text };
}

/** Signs `email` up on `prefix`'s form, with its token and the consent version the page shows. */
export async function signUp(app: App, email: string, prefix = '/us/en') {
  const form = await openForm(app, `${prefix}/email-signup`);
  return request(app)
    .post(`${prefix}/email-signup`)
    .type('form')
    .send({ key: form.key, token: form.token, email, consent: 'yes', consentVersion: hidden(form.html, 'consentVersion') });
}

export const REQUEST = { type: 'copy', name: 'Ada Lovelace', email: 'ada@example.com', message: 'Please send me a copy of my data.' };

export async function sendRequest(app: App, fields: Record<string, string>, prefix = '/us/en') {
  const form = await openForm(app, `${prefix}/privacy/request`);
  return request(app)
    .post(`${prefix}/privacy/request`)
    .type('form')
    .send({ key: form.key, token: form.token, ...fields });
}

/** The Location of a supertest answer. */
export function loc(res: request.Response): string {
  return String(res.headers.location);
}

export function referenceOf(location: string): string {
  return new URL(location, 'https://site.test').searchParams.get('ref')!;
}

export function main(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

/** A real HTTP server on 127.0.0.1 for concurrent requests. */
export async function serve(listener: http.RequestListener) {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function call(port: number, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers:
          body === undefined
            ? headers
            : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The privacy team's tool (`npm run requests -- …args`) on the store of `dataDir`: exit code, standard error and output. */
export function runRequests(dataDir: string, env: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/requests.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...storeEnv(dataDir), ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

/** The app in a child process (test/fixtures/forms-server.ts) and the port it listens on. */
export async function startChild(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/forms-server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...storeEnv(dataDir), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /PORT=(\d+)/.exec(stdout);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 20);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`server exited before listening: ${stderr}`));
    });
  });
  return { child, port, exited, output: () => stdout };
}

export function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. `hold` makes it accept connections
 * and never answer them (a send then hangs until the sender's process dies).
 */
export async function smtpServer() {
  const received: Received[] = [];
  let hold = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      if (!hold) callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    setHold(value: boolean) {
      hold = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A header of a raw message, unfolded. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}: (.*)$`, 'im').exec(head);
  return m?.[1];
}

/** The text body of a raw message (quoted-printable undone, soft breaks joined). */
export function body(raw: string): string {
  const text = raw.slice(raw.search(/\r?\n\r?\n/)).trim();
  if (!/quoted-printable/i.test(raw)) return text;
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export { ROOT, request };
