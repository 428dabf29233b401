// Two instances, one PostgreSQL: separate processes on separate ports sharing the forms' database (and
// FORM_SECRET), as behind a load balancer. Posts spread over both are stored exactly once each, a
// replay sent to the other instance is stored once, one address meets one rate limit across both, and
// killing one instance (SIGKILL) under load loses nothing it acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../src/forms/pg-store.js';
import type { FormStore } from '../src/forms/store.js';
import { call, encode, freshDir, hidden, kill, referenceOf, REQUEST, startChild } from './forms-helpers.js';
import { havePostgres, startCluster, type Cluster } from './pg-cluster.js';

const pgHere = havePostgres();
const RATE_MAX = 10;
let cluster: Cluster | undefined;
let store: FormStore | undefined;
let instances: Awaited<ReturnType<typeof startChild>>[] = [];

beforeAll(async () => {
  if (!pgHere) return;
  cluster = await startCluster();
  const url = await cluster.database();
  store = openPgStore(url);
  const env = {
    DATABASE_URL: url,
    FORM_SECRET: 'two-instances-test-secret-'.padEnd(48, 'x'),
    FORM_RATE_MAX: String(RATE_MAX),
    TRUST_PROXY_HOPS: '1',
  };
  instances = await Promise.all([startChild(freshDir(), env), startChild(freshDir(), env)]);
});

afterAll(async () => {
  for (const i of instances) kill(i.child, 'SIGKILL');
  await Promise.all(instances.map((i) => i.exited));
  store?.close();
  cluster?.stop();
});

/** A fresh form (key and token) from one instance. */
async function form(port: number) {
  const page = await call(port, 'GET', '/us/en/privacy/request');
  return { key: hidden(page.body, 'key'), token: hidden(page.body, 'token') };
}

/** Posts a request as client `address` (the balancer's X-Forwarded-For). */
function post(port: number, fields: Record<string, string>, address: string) {
  return call(port, 'POST', '/us/en/privacy/request', encode({ ...REQUEST, ...fields }), { 'x-forwarded-for': address });
}

describe.skipIf(!pgHere)('two instances, one database', () => {
  it('stores exactly 400 of 400 concurrent posts spread over both', async () => {
    const ports = instances.map((i) => i.port);
    const before = await store!.countPrivacyRequests();
    const answers = await Promise.all(
      Array.from({ length: 400 }, async (_, n) => {
        // The form from one instance, the post to the other: they share the secret.
        const f = await form(ports[n % 2]!);
        return post(ports[(n + 1) % 2]!, { ...f, name: `Spread ${n}` }, `10.1.${n >> 8}.${n & 255}`);
      }),
    );
    expect(answers.filter((a) => a.status !== 303).map((a) => `${a.status} ${a.body.slice(0, 120)}`)).toEqual([]);
    const references = new Set(answers.map((a) => referenceOf(a.headers.location!)));
    expect(references.size).toBe(400);
    expect((await store!.countPrivacyRequests()) - before).toBe(400);
  });

  it('stores a replay sent to the other instance once, under the first reference', async () => {
    const [a, b] = instances.map((i) => i.port) as [number, number];
    const before = await store!.countPrivacyRequests();
    const f = await form(a);
    const first = await post(a, f, '10.2.0.1');
    const replay = await post(b, f, '10.2.0.1');
    expect([first.status, replay.status]).toEqual([303, 303]);
    expect(referenceOf(replay.headers.location!)).toBe(referenceOf(first.headers.location!));
    expect((await store!.countPrivacyRequests()) - before).toBe(1);
  });

  it('meets one address with one rate limit across both instances', async () => {
    const ports = instances.map((i) => i.port);
    const forms = await Promise.all(Array.from({ length: RATE_MAX + 4 }, (_, n) => form(ports[n % 2]!)));
    const statuses: number[] = [];
    for (const [n, f] of forms.entries()) statuses.push((await post(ports[n % 2]!, f, '198.51.100.77')).status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(RATE_MAX);
    expect(statuses.slice(RATE_MAX)).toEqual([429, 429, 429, 429]);
  });

  it('keeps every acknowledged post when one instance is killed (SIGKILL) mid-load', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const forms = await Promise.all(Array.from({ length: 120 }, () => form(a.port)));
    const acknowledged: string[] = [];
    let fromB = 0;
    await Promise.allSettled(
      forms.map(async (f, n) => {
        const target = n % 2 ? b : a;
        const answer = await post(target.port, { ...f, name: `Killed ${n}` }, `10.3.0.${n}`);
        if (answer.status !== 303) throw new Error(`status ${answer.status}`);
        acknowledged.push(referenceOf(answer.headers.location!));
        if (target === b && ++fromB === 15) kill(b.child, 'SIGKILL');
      }),
    );
    await b.exited;
    expect(b.child.signalCode).toBe('SIGKILL');
    expect(fromB).toBeGreaterThanOrEqual(15);
    // Every post of the survivor and every post the killed one answered is there.
    expect(acknowledged.length).toBeGreaterThanOrEqual(60 + 15);
    for (const reference of acknowledged) expect(await store!.privacyRequest(reference), reference).toBeDefined();
  });
});
