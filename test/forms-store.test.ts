// The FormStore contract, run against both implementations: SQLite always, PostgreSQL on a throw-away
// cluster (test/pg-cluster.ts) wherever Debian's PostgreSQL is installed — always in CI. Two stores on
// one database stand for two instances: what one stores, the other sees; neither takes the other's mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../src/forms/pg-store.js';
import { openSqliteStore } from '../src/forms/sqlite-store.js';
import type { FormStore, Mail, NewPrivacyRequest, NewSignup } from '../src/forms/store.js';
import { freshDir } from './forms-helpers.js';
import { havePostgres, startCluster, type Cluster } from './pg-cluster.js';

const pgHere = havePostgres();
let cluster: Cluster | undefined;
beforeAll(async () => {
  if (pgHere) cluster = await startCluster();
});
afterAll(() => cluster?.stop());

interface Backend {
  name: string;
  /** Two stores on one fresh database (two instances, or two workers). */
  pair(now?: () => number): Promise<[FormStore, FormStore]>;
}

const opened: FormStore[] = [];
afterAll(() => opened.forEach((s) => s.close()));
const keep = <T extends FormStore>(s: T) => (opened.push(s), s);

const backends: Backend[] = [
  {
    name: 'SQLite',
    pair(now) {
      const dir = freshDir();
      return Promise.resolve([keep(openSqliteStore(dir, now)), keep(openSqliteStore(dir, now))]);
    },
  },
  {
    name: 'PostgreSQL',
    async pair(now) {
      const url = await cluster!.database();
      return [keep(openPgStore(url, { now })), keep(openPgStore(url, { now }))];
    },
  },
];

const origin = { region: 'us', language: 'en', locale: 'en-US', statementVersion: '2014-01-02' };
const request = (key: string, email = 'ada@example.com'): NewPrivacyRequest => ({
  ...origin,
  idempotencyKey: key,
  type: 'copy',
  name: 'Ada',
  email,
  message: 'A copy, please.',
});
const signup = (key: string, email = 'ada@example.com'): NewSignup => ({
  ...origin,
  idempotencyKey: key,
  email,
  emailKey: email.toLowerCase(),
  consentVersion: 'v1',
  consentText: 'Yes, mail me.',
});
const oneMail = (to: string): Mail[] => [{ to, subject: 'Hello', text: 'Body', headers: { 'X-Test': '1' } }];

describe.each(backends)('FormStore on $name', (backend) => {
  const skip = backend.name === 'PostgreSQL' && !pgHere;

  it.skipIf(skip)('stores a request once per idempotency key, even sent to both instances at once', async () => {
    const [a, b] = await backend.pair();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).savePrivacyRequest(request('k1'), (r) => oneMail(r.email))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.row.reference)).size).toBe(1);
    expect(await a.countPrivacyRequests()).toBe(1);
    const row = await b.privacyRequest(results[0]!.row.reference);
    expect(row).toMatchObject({ type: 'copy', name: 'Ada', email: 'ada@example.com', region: 'us', exportedAt: null });
    expect(typeof row!.id).toBe('number');
    // One mail queued for the one record.
    const mail = await a.claimMail(60_000);
    expect(mail).toMatchObject({ to: 'ada@example.com', subject: 'Hello', headers: { 'X-Test': '1' }, attempts: 1 });
    expect(await b.claimMail(60_000)).toBeUndefined();
  });

  it.skipIf(skip)('hands each queued message to exactly one of two concurrent senders', async () => {
    const [a, b] = await backend.pair();
    for (let i = 0; i < 30; i++) await a.savePrivacyRequest(request(`m${i}`, `p${i}@example.com`), (r) => oneMail(r.email));
    const taken: number[] = [];
    const sender = async (s: FormStore) => {
      for (let m = await s.claimMail(60_000); m; m = await s.claimMail(60_000)) {
        taken.push(m.id);
        await s.markSent(m.id);
      }
    };
    await Promise.all([sender(a), sender(b), sender(a), sender(b)]);
    expect(taken).toHaveLength(30);
    expect(new Set(taken).size).toBe(30);
    expect(await a.nextMailDue()).toBeUndefined();
  });

  it.skipIf(skip)('retries a failed message when due, gives up when told, and lets a lease expire', async () => {
    let t = 1_000_000;
    const [a, b] = await backend.pair(() => t);
    await a.savePrivacyRequest(request('r1'), (r) => oneMail(r.email));
    const m = (await a.claimMail(5_000))!;
    expect(await b.claimMail(5_000)).toBeUndefined();
    t += 5_000; // the lease ran out (a crashed sender): the other instance takes it
    const again = (await b.claimMail(5_000))!;
    expect(again.id).toBe(m.id);
    expect(again.attempts).toBe(2);
    await b.markFailed(again.id, 'ECONNREFUSED', t + 30_000);
    expect(await a.nextMailDue()).toBe(t + 30_000);
    expect(await a.claimMail(5_000)).toBeUndefined();
    t += 30_000;
    const third = (await a.claimMail(5_000))!;
    await a.markFailed(third.id, '550', undefined);
    expect(await a.nextMailDue()).toBeUndefined();
  });

  it.skipIf(skip)('counts one address in one rate-limit window across instances', async () => {
    let t = 5_000_000;
    const [a, b] = await backend.pair(() => t);
    const hits = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).hitRateLimit('203.0.113.9', 6, 60_000)));
    expect(hits.filter((h) => h.allowed)).toHaveLength(6);
    expect(hits.find((h) => !h.allowed)!.retryAfterS).toBe(60);
    expect((await a.hitRateLimit('198.51.100.1', 6, 60_000)).allowed).toBe(true);
    t += 60_000;
    expect((await b.hitRateLimit('203.0.113.9', 6, 60_000)).allowed).toBe(true);
  });

  it.skipIf(skip)('queues sign-up mail at most once per quiet period, confirms, unsubscribes by address', async () => {
    let t = 9_000_000;
    const [a, b] = await backend.pair(() => t);
    const first = await a.saveSignup(signup('s1', 'Bo@Example.com'), (r) => oneMail(r.email), 3_600_000);
    const second = await b.saveSignup(signup('s2', 'bo@example.com'), (r) => oneMail(r.email), 3_600_000);
    expect(first.created && second.created).toBe(true);
    expect((await a.claimMail(1000))?.record).toBe(first.row.reference);
    expect(await a.claimMail(1000)).toBeUndefined();
    expect(await b.isSubscribed('bo@example.com')).toBe(false);
    expect(await b.confirmSignup(first.row.reference)).toBe(true);
    expect(await a.isSubscribed('bo@example.com')).toBe(true);
    expect((await a.signup(first.row.reference))!.confirmedAt).toBe(new Date(t).toISOString());
    expect(await a.unsubscribe(second.row.reference)).toBe(true);
    expect(await b.isSubscribed('bo@example.com')).toBe(false);
    expect(await b.confirmSignup(first.row.reference)).toBe(false);
    expect(await a.unsubscribe('ES-0000-0000')).toBe(false);
    t += 3_600_000;
    await b.saveSignup(signup('s3', 'bo@example.com'), (r) => oneMail(r.email), 3_600_000);
    expect(await a.claimMail(1000)).toBeDefined();
  });

  it.skipIf(skip)('exports new requests once, rolls back when writing fails, and purges what is old', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const [a, b] = await backend.pair(() => t);
    for (let i = 0; i < 3; i++) await a.savePrivacyRequest(request(`e${i}`), (r) => oneMail(r.email));
    await expect(
      b.exportNewRequests(() => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    const rows = await b.exportNewRequests(() => undefined);
    expect(rows.map((r) => r.reference)).toHaveLength(3);
    expect(await a.exportNewRequests(() => undefined)).toEqual([]);
    t += 86_400_000;
    expect(await a.purge({ requests: t, unconfirmed: t, unsubscribed: t, rateLimits: t })).toEqual({
      requests: 3,
      signups: 0,
      unsubscribed: 0,
      mails: 3,
      rateLimits: 0,
    });
    expect(await b.countPrivacyRequests()).toBe(0);
  });
});
