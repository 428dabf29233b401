// The forms' PostgreSQL away: at start, and lost mid-run. The pages serve on, the forms answer 503 with
// Retry-After and the site's own page, /readyz names the forms database, nothing acknowledged is lost,
// and the forms recover by themselves when the database returns.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
