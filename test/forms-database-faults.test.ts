// The forms' database unable to take a write: PostgreSQL away at start or lost mid-run, SQLite locked by
// another program past its busy timeout or out of disk. The pages serve on, the forms answer 503 with
// Retry-After and the site's own page, /readyz names the forms database, nothing acknowledged is lost,
// and the forms recover by themselves when the database returns.
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, isSqliteUnavailable } from '../src/forms/sqlite-store.js';
import { formApp, loc, type App, referenceOf, REQUEST, sendRequest } from './forms-helpers.js';
import { freePort, havePostgres, startCluster, type Cluster } from './pg-cluster.js';

const pgHere = havePostgres();
let cluster: Cluster | undefined;
beforeAll(async () => {
  if (pgHere) cluster = await startCluster();
});
afterAll(() => cluster?.stop());

async function expectUnavailable(app: App) {
  const res = await sendRequest(app, REQUEST);
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('30');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.text).toContain('Service unavailable');
  expect(res.text).not.toMatch(/ECONNREFUSED|postgres|\bat \S+ \(/i);
  const ready = await request(app).get('/readyz');
  expect(ready.status).toBe(200);
  expect(ready.text).toBe('ready; degraded: forms database unavailable');
}

describe.skipIf(!pgHere)('forms database faults (PostgreSQL)', () => {
  it('serves the pages and answers the forms 503 when the database is down at start', async () => {
    const port = await freePort();
    const { app, close } = formApp({}, undefined, { databaseUrl: `postgresql://postgres@127.0.0.1:${port}/nothing` });
    try {
      expect((await request(app).get('/us/en/privacy')).status).toBe(200);
      expect((await request(app).get('/us/en/privacy/request')).status).toBe(200);
      await expectUnavailable(app);
    } finally {
      close();
    }
  });

  it('loses the database mid-run without losing an acknowledged submission, and recovers without a restart', async () => {
    const url = await cluster!.database();
    const { app, close, forms } = formApp({}, undefined, { databaseUrl: url });
    try {
      const acknowledged: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await sendRequest(app, { ...REQUEST, name: `Before ${i}` });
        expect(res.status).toBe(303);
        acknowledged.push(referenceOf(loc(res)));
      }
      expect((await request(app).get('/readyz')).text).toBe('ready');
      cluster!.pause();
      expect((await request(app).get('/us/en/support')).status).toBe(200);
      await expectUnavailable(app);
      cluster!.resume();
      // Back without a restart: the next post is stored, readiness is whole again.
      const after = await sendRequest(app, { ...REQUEST, name: 'After' });
      expect(after.status).toBe(303);
      acknowledged.push(referenceOf(loc(after)));
      expect((await request(app).get('/readyz')).text).toBe('ready');
      for (const reference of acknowledged) expect(await forms.store.privacyRequest(reference), reference).toBeDefined();
      expect(await forms.store.countPrivacyRequests()).toBe(6);
    } finally {
      close();
    }
  });
});

describe('forms database faults (SQLite)', () => {
  it('answers 503 while another program holds the write lock past the busy timeout, and recovers when it lets go', async () => {
    const { app, close, dataDir, forms } = formApp();
    const other = new Database(path.join(dataDir, DATABASE_FILE));
    try {
      const before = await sendRequest(app, REQUEST);
      expect(before.status).toBe(303);
      // An operator's shell or a backup in the middle of a write transaction.
      other.exec('BEGIN IMMEDIATE');
      await expectUnavailable(app);
      other.exec('ROLLBACK');
      const after = await sendRequest(app, { ...REQUEST, name: 'After' });
      expect(after.status).toBe(303);
      expect((await request(app).get('/readyz')).text).toBe('ready');
      expect(await forms.store.countPrivacyRequests()).toBe(2);
    } finally {
      other.close();
      close();
    }
  }, 30_000);

  it('takes a full disk for the database being unable to write now, and a wrong query for a bug', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma('max_page_count = 2');
    let full: unknown;
    try {
      for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(4000));
    } catch (error) {
      full = error;
    }
    expect((full as { code?: string }).code).toBe('SQLITE_FULL');
    expect(isSqliteUnavailable(full)).toBe(true);
    let wrong: unknown;
    try {
      db.prepare('SELECT nothing FROM nowhere').get();
    } catch (error) {
      wrong = error;
    }
    expect(isSqliteUnavailable(wrong)).toBe(false);
    db.close();
  });
});
