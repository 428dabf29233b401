import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS, openPgStore } from '../src/forms/pg-store.js';
import { PREVIEW_DIR } from '../src/forms/previews.js';
import { purgeExpired } from '../src/forms/retention.js';
import { SECRET_FILE } from '../src/forms/secret.js';
import { DATABASE_FILE, openSqliteStore } from '../src/forms/sqlite-store.js';
import { MIGRATIONS, newReference, REFERENCE } from '../src/forms/store.js';
import { makeApp } from './helpers.js';
import {
  call,
  count,
  databaseUrl,
  encode,
  formApp,
  freshDir,
  hidden,
  kill,
  loc,
  onPostgres,
  openForm,
  query,
  referenceOf,
  REQUEST,
  runRequests,
  sendRequest,
  serve,
  signUp,
  startChild,
} from './forms-helpers.js';

describe('idempotency key', () => {
  it('stores a resubmitted form once and answers with the same reference', async () => {
    const { app, dataDir } = formApp();
    const form = await openForm(app, '/us/en/privacy/request');
    const send = () =>
      request(app)
        .post('/us/en/privacy/request')
        .type('form')
        .send({ ...REQUEST, key: form.key, token: form.token });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(referenceOf(loc(second))).toBe(referenceOf(loc(first)));
    expect(await count(dataDir, 'privacy_requests')).toBe(1);
  });

  it('keeps a form sent again with other content (back, edit, send) as a submission of its own', async () => {
    const { app, dataDir } = formApp();
    const form = await openForm(app, '/us/en/privacy/request');
    const send = (fields: Record<string, string>) =>
      request(app)
        .post('/us/en/privacy/request')
        .type('form')
        .send({ ...fields, key: form.key, token: form.token });
    const first = await send(REQUEST);
    const edited = await send({ ...REQUEST, message: 'Please delete my data instead.', type: 'deletion' });
    const retried = await send({ ...REQUEST, message: 'Please delete my data instead.', type: 'deletion' });
    expect([first.status, edited.status, retried.status]).toEqual([303, 303, 303]);
    expect(referenceOf(loc(edited))).not.toBe(referenceOf(loc(first)));
    // A retry of the edited form is still the same submission.
    expect(referenceOf(loc(retried))).toBe(referenceOf(loc(edited)));
    const rows = await query<{ reference: string; type: string; message: string }>(
      dataDir,
      'SELECT reference, type, message FROM privacy_requests ORDER BY created_at, reference',
    );
    expect(rows.map((r) => [r.reference, r.type, r.message]).sort()).toEqual(
      [
        [referenceOf(loc(first)), 'copy', REQUEST.message],
        [referenceOf(loc(edited)), 'deletion', 'Please delete my data instead.'],
      ].sort(),
    );
    // The confirmation page of the edited one shows what was sent the second time.
    const sent = await request(app).get(loc(edited));
    expect(sent.text).toContain(`<strong>${referenceOf(loc(edited))}</strong>`);
  });

  it('keeps a sign-up sent again with another address as a sign-up of its own', async () => {
    const { app, dataDir } = formApp();
    const form = await openForm(app, '/us/en/email-signup');
    const send = (email: string) =>
      request(app)
        .post('/us/en/email-signup')
        .type('form')
        .send({ email, consent: 'yes', consentVersion: hidden(form.html, 'consentVersion'), key: form.key, token: form.token });
    const first = await send('ada@example.com');
    const corrected = await send('ada.lovelace@example.com');
    expect([first.status, corrected.status]).toEqual([303, 303]);
    expect(referenceOf(loc(corrected))).not.toBe(referenceOf(loc(first)));
    expect(await count(dataDir, 'email_signups')).toBe(2);
  });
});

describe('storage', () => {
  it('keeps submissions across a restart, with the same secret', async () => {
    const dataDir = freshDir();
    const first = formApp({}, dataDir);
    const res = await sendRequest(first.app, REQUEST);
    first.close();
    const secret = path.join(dataDir, SECRET_FILE);
    expect(fs.statSync(secret).mode & 0o777).toBe(0o600);
    const second = formApp({}, dataDir);
    // The confirmation link signed before the restart still verifies: the secret was kept.
    const sent = await request(second.app).get(loc(res));
    expect(sent.text).toContain(`<strong>${referenceOf(loc(res))}</strong>`);
    expect(await second.forms.store.countPrivacyRequests()).toBe(1);
    second.close();
  });

  it('uses FORM_SECRET when it is set, and writes no secret file', () => {
    const dataDir = freshDir();
    const app = makeApp({}, { dataDir, formSecret: 'x'.repeat(40) });
    expect(fs.existsSync(path.join(dataDir, SECRET_FILE))).toBe(false);
    app.close();
  });

  it.runIf(onPostgres)('creates the schema once on PostgreSQL, whichever instance opens it first', async () => {
    const dataDir = freshDir();
    const stores = [openPgStore(databaseUrl(dataDir)), openPgStore(databaseUrl(dataDir))];
    expect(await Promise.all(stores.map((s) => s.countPrivacyRequests()))).toEqual([0, 0]);
    stores.forEach((s) => s.close());
    const again = openPgStore(databaseUrl(dataDir));
    expect(await again.countPrivacyRequests()).toBe(0);
    again.close();
    const versions = await query<{ version: number }>(dataDir, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(PG_MIGRATIONS.map((_m, i) => i + 1));
  });

  it.skipIf(onPostgres)(
    'keeps what it stores when another program opens and closes the live database (an sqlite3 shell, a backup)',
    async () => {
      const { app, dataDir, close } = formApp();
      const first = await sendRequest(app, REQUEST);
      // Another process opens the database and closes it. If the site's process held no lock on the file,
      // that process would take itself for the last user, checkpoint and delete the -wal the site writes to.
      const file = path.join(dataDir, DATABASE_FILE);
      const peek = (sql: string) => execFileSync('sqlite3', ['-json', file, sql], { encoding: 'utf8' }).trim();
      expect(JSON.parse(peek('SELECT count(*) AS n FROM privacy_requests'))).toEqual([{ n: 1 }]);
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      const second = await sendRequest(app, { ...REQUEST, message: 'A second request.' });
      expect(second.status).toBe(303);
      const seen = JSON.parse(peek('SELECT reference FROM privacy_requests ORDER BY id')) as unknown;
      expect(seen).toEqual([{ reference: referenceOf(loc(first)) }, { reference: referenceOf(loc(second)) }]);
      close();
    },
  );

  it.skipIf(onPostgres)('creates the schema once, in WAL mode with synchronous=FULL', () => {
    const dataDir = freshDir();
    openSqliteStore(dataDir).close();
    const store = openSqliteStore(dataDir);
    store.close();
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('draws short, unambiguous references', () => {
    const refs = new Set(Array.from({ length: 2000 }, () => newReference('PR')));
    expect(refs.size).toBe(2000);
    for (const r of refs) {
      expect(r).toMatch(REFERENCE);
      expect(r).not.toMatch(/[ILOU]/);
    }
  });

  it.skipIf(onPostgres)('keeps the directory 0700 and the database with its -wal and -shm 0600 under umask 022', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = path.join(freshDir(), 'data');
      const { app, close } = formApp({}, dataDir);
      expect((await sendRequest(app, REQUEST)).status).toBe(303);
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) {
        const file = path.join(dataDir, `${DATABASE_FILE}${suffix}`);
        expect(fs.existsSync(file), file).toBe(true);
        expect(fs.statSync(file).mode & 0o777, file).toBe(0o600);
      }
      close();
    } finally {
      process.umask(previous);
    }
  });

  it.skipIf(onPostgres)('tightens a data directory and database that were created readable by others', () => {
    const dataDir = freshDir();
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), '', { mode: 0o644 });
    openSqliteStore(dataDir).close();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, DATABASE_FILE)).mode & 0o777).toBe(0o600);
  });
});

describe('concurrency through a real HTTP server', () => {
  it('stores 200 concurrent submissions exactly once each', async () => {
    const { app, dataDir, close } = formApp({ formRateLimit: { max: 10_000, windowMs: 60_000 } });
    const { port, stop } = await serve(app);
    try {
      const forms = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const page = await call(port, 'GET', '/us/en/privacy/request');
          return { key: hidden(page.body, 'key'), token: hidden(page.body, 'token') };
        }),
      );
      const answers = await Promise.all(
        forms.map((f, i) => call(port, 'POST', '/us/en/privacy/request', encode({ ...REQUEST, name: `Person ${i}`, ...f }))),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(303));
      expect(new Set(answers.map((a) => referenceOf(a.headers.location!))).size).toBe(200);
      expect(await count(dataDir, 'privacy_requests')).toBe(200);
    } finally {
      await stop();
      close();
    }
  });

  it('stores 200 concurrent resubmissions of one key once, and answers each with its reference', async () => {
    const { app, dataDir, close } = formApp({ formRateLimit: { max: 10_000, windowMs: 60_000 } });
    const { port, stop } = await serve(app);
    try {
      const page = await call(port, 'GET', '/us/en/privacy/request');
      const body = encode({ ...REQUEST, key: hidden(page.body, 'key'), token: hidden(page.body, 'token') });
      const answers = await Promise.all(Array.from({ length: 200 }, () => call(port, 'POST', '/us/en/privacy/request', body)));
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(303));
      expect(new Set(answers.map((a) => referenceOf(a.headers.location!))).size).toBe(1);
      expect(await count(dataDir, 'privacy_requests')).toBe(1);
    } finally {
      await stop();
      close();
    }
  });
});

describe('durability', () => {
  it('loses no acknowledged submission when the server is killed (SIGKILL) right after answering', async () => {
    const dataDir = freshDir();
    const { child, port, exited } = await startChild(dataDir);
    try {
      const forms = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const page = await call(port, 'GET', '/us/en/privacy/request');
          return { key: hidden(page.body, 'key'), token: hidden(page.body, 'token') };
        }),
      );
      const acknowledged: string[] = [];
      await Promise.allSettled(
        forms.map(async (f, i) => {
          const answer = await call(port, 'POST', '/us/en/privacy/request', encode({ ...REQUEST, name: `Killed ${i}`, ...f }));
          if (answer.status !== 303) throw new Error(`status ${answer.status}`);
          acknowledged.push(referenceOf(answer.headers.location!));
          // Killed the moment the tenth answer is in, with other submissions still in flight.
          if (acknowledged.length === 10) kill(child, 'SIGKILL');
        }),
      );
      await exited;
      expect(child.signalCode).toBe('SIGKILL');
      expect(acknowledged.length).toBeGreaterThanOrEqual(10);
      const stored = new Set(
        (await query<{ reference: string }>(dataDir, 'SELECT reference FROM privacy_requests')).map((r) => r.reference),
      );
      for (const reference of acknowledged) expect(stored, reference).toContain(reference);
    } finally {
      kill(child, 'SIGKILL');
    }
  });

  it('logs the reference and type of a request, never the e-mail, name or message', async () => {
    const dataDir = freshDir();
    const { child, port, exited, output } = await startChild(dataDir, { LOG_LEVEL: 'info' });
    try {
      const secret = {
        type: 'deletion',
        name: 'Zebulon Quartermaine',
        email: 'zebulon.q@example.org',
        message: 'Unmistakable message 4711',
      };
      const page = await call(port, 'GET', '/us/en/privacy/request');
      const fields = { key: hidden(page.body, 'key'), token: hidden(page.body, 'token') };
      const invalid = await call(port, 'POST', '/us/en/privacy/request', encode({ ...secret, email: 'zebulon.q@', ...fields }));
      expect(invalid.status).toBe(422);
      const answer = await call(port, 'POST', '/us/en/privacy/request', encode({ ...secret, ...fields }));
      expect(answer.status).toBe(303);
      await call(port, 'GET', answer.headers.location!);
      const signupPage = await call(port, 'GET', '/us/en/email-signup');
      const signup = await call(
        port,
        'POST',
        '/us/en/email-signup',
        encode({
          key: hidden(signupPage.body, 'key'),
          token: hidden(signupPage.body, 'token'),
          email: secret.email,
          consent: 'yes',
          consentVersion: hidden(signupPage.body, 'consentVersion'),
        }),
      );
      expect(signup.status).toBe(303);
      kill(child, 'SIGTERM');
      expect(await exited).toBe(0);
      const logs = output();
      expect(logs).toContain(referenceOf(answer.headers.location!));
      expect(logs).toContain('"type":"deletion"');
      expect(logs).toContain('privacy-request stored');
      expect(logs).toContain('email-signup stored');
      for (const value of ['Zebulon', 'Quartermaine', 'zebulon.q', 'example.org', 'Unmistakable', '4711', 'sig=']) {
        expect(logs, value).not.toContain(value);
      }
    } finally {
      kill(child, 'SIGKILL');
    }
  });
});

describe('retention (npm run requests -- purge)', () => {
  const DAY = 24 * 3600_000;

  it('deletes exported requests past RETENTION_DAYS and sign-ups unconfirmed after 30 days, and nothing else', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const { app, dataDir, forms, close } = formApp({ now: () => clock });
    const old = referenceOf(loc(await sendRequest(app, { ...REQUEST, name: 'Old exported' })));
    const oldNew = referenceOf(loc(await sendRequest(app, { ...REQUEST, name: 'Old never exported' })));
    const signup = async (email: string) => {
      const form = await openForm(app, '/us/en/email-signup');
      const res = await request(app)
        .post('/us/en/email-signup')
        .type('form')
        .send({ key: form.key, token: form.token, email, consent: 'yes', consentVersion: hidden(form.html, 'consentVersion') });
      return referenceOf(loc(res));
    };
    const pending = await signup('pending@example.com');
    const confirmed = await signup('confirmed@example.com');
    expect(await forms.store.confirmSignup(confirmed)).toBe(true);
    // The first request is exported; the second never is.
    await query(dataDir, 'UPDATE privacy_requests SET exported_at = ? WHERE reference = ?', new Date(clock).toISOString(), old);
    clock += 29 * DAY;
    const recentPending = await signup('recent@example.com');
    const recent = referenceOf(loc(await sendRequest(app, { ...REQUEST, name: 'Recent' })));

    // Day 29: nothing is old enough yet.
    expect(await purgeExpired(forms.store, clock, 90)).toMatchObject({ requests: 0, signups: 0 });
    // Day 31: the pending sign-up of day 0 goes, with its mail; the confirmed one and the recent one stay.
    clock += 2 * DAY;
    expect(await purgeExpired(forms.store, clock, 90)).toMatchObject({ requests: 0, signups: 1 });
    expect(await query(dataDir, 'SELECT reference FROM email_signups ORDER BY id')).toEqual([
      { reference: confirmed },
      { reference: recentPending },
    ]);
    expect(await count(dataDir, 'outbox WHERE record = ' + `'${pending}'`)).toBe(0);
    // Day 91: the exported request of day 0 goes; the one never exported stays, whatever its age.
    clock += 60 * DAY;
    expect(await purgeExpired(forms.store, clock, 90)).toMatchObject({ requests: 1 });
    expect(await query(dataDir, 'SELECT reference FROM privacy_requests ORDER BY id')).toEqual([
      { reference: oldNew },
      { reference: recent },
    ]);
    close();
  });

  it('keeps an exported request RETENTION_DAYS from its export, not from its receipt, and one never exported for ever', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const { app, dataDir, forms, close } = formApp({ now: () => clock });
    const late = referenceOf(loc(await sendRequest(app, { ...REQUEST, name: 'Exported late' })));
    // Received on day 0, exported on day 400 (the team was slow): the team has had it for a day only.
    clock += 400 * DAY;
    expect((await forms.store.exportNewRequests(() => undefined)).map((r) => r.reference)).toEqual([late]);
    const unexported = referenceOf(loc(await sendRequest(app, { ...REQUEST, name: 'Never exported' })));
    const kept = async () =>
      (await query<{ reference: string }>(dataDir, 'SELECT reference FROM privacy_requests ORDER BY id')).map((r) => r.reference);

    clock += DAY;
    expect(await purgeExpired(forms.store, clock, 365)).toMatchObject({ requests: 0 });
    expect(await kept()).toEqual([late, unexported]);
    // 365 days after the export: still kept; a day later it goes. The one never exported, a year old, stays.
    clock += 364 * DAY;
    expect(await purgeExpired(forms.store, clock, 365)).toMatchObject({ requests: 0 });
    clock += DAY;
    expect(await purgeExpired(forms.store, clock, 365)).toMatchObject({ requests: 1 });
    expect(await kept()).toEqual([unexported]);
    close();
  });

  it('deletes a sign-up RETENTION_DAYS after its unsubscribe, with its mail; a subscribed one and one unsubscribed since stay', async () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    let clock = start;
    const { app, dataDir, forms, close } = formApp({ now: () => clock });
    const leaver = referenceOf(loc(await signUp(app, 'leaver@example.com')));
    const stayer = referenceOf(loc(await signUp(app, 'stayer@example.com')));
    const later = referenceOf(loc(await signUp(app, 'later@example.com')));
    for (const reference of [leaver, stayer, later]) expect(await forms.store.confirmSignup(reference)).toBe(true);
    clock = start + 10 * DAY;
    expect(await forms.store.unsubscribe(leaver)).toBe(true);
    clock = start + 60 * DAY;
    expect(await forms.store.unsubscribe(later)).toBe(true);
    const signups = async () =>
      (await query<{ reference: string }>(dataDir, 'SELECT reference FROM email_signups ORDER BY id')).map((r) => r.reference);

    // Day 100: 90 days after the first unsubscribe, not more: kept.
    clock = start + 100 * DAY;
    expect(await purgeExpired(forms.store, clock, 90)).toMatchObject({ signups: 0, unsubscribed: 0 });
    expect(await signups()).toEqual([leaver, stayer, later]);
    // Day 101: it goes with its mail; the address still subscribed and the one unsubscribed on day 60 stay.
    clock = start + 101 * DAY;
    expect(await purgeExpired(forms.store, clock, 90)).toMatchObject({ signups: 0, unsubscribed: 1 });
    expect(await signups()).toEqual([stayer, later]);
    expect(await count(dataDir, `outbox WHERE record = '${leaver}'`)).toBe(0);
    expect(await forms.store.isSubscribed('stayer@example.com')).toBe(true);
    close();
  });

  it('forgets a client address once its rate-limit window has ended, and not before: a running window still counts', async () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    let clock = start;
    const { app, dataDir, forms, close } = formApp({ now: () => clock, formRateLimit: { max: 2, windowMs: 10 * 60_000 } });
    expect((await sendRequest(app, REQUEST)).status).toBe(303);
    expect((await sendRequest(app, REQUEST)).status).toBe(303);
    const windows = () => query<{ client: string }>(dataDir, 'SELECT client FROM rate_limits');
    expect(await windows()).toEqual([{ client: '127.0.0.1' }]);

    // Nine minutes in, the window still decides: kept, and the third post is refused.
    clock = start + 9 * 60_000;
    expect(await purgeExpired(forms.store, clock, 365)).toMatchObject({ rateLimits: 0 });
    expect((await sendRequest(app, REQUEST)).status).toBe(429);
    // Ten minutes in it has ended: a post would start a new window anyway, so the address goes.
    clock = start + 10 * 60_000;
    expect(await purgeExpired(forms.store, clock, 365)).toMatchObject({ rateLimits: 1 });
    expect(await windows()).toEqual([]);
    expect((await sendRequest(app, REQUEST)).status).toBe(303);
    close();
  });

  it('says from the command line how many unsubscribed sign-ups and rate-limit windows it deleted', async () => {
    const { app, dataDir, forms, close } = formApp();
    const gone = referenceOf(loc(await signUp(app, 'gone@example.com')));
    expect(await forms.store.confirmSignup(gone)).toBe(true);
    expect(await forms.store.unsubscribe(gone)).toBe(true);
    const kept = referenceOf(loc(await sendRequest(app, REQUEST)));
    await forms.sender.drain();
    close();
    // Unsubscribed 31 days ago; the window of the two posts ended long ago.
    await query(dataDir, 'UPDATE email_signups SET unsubscribed_at = ?', new Date(Date.now() - 31 * DAY).toISOString());
    await query(dataDir, 'UPDATE rate_limits SET reset_at = ?', Date.now() - 60_000);
    const result = await runRequests(dataDir, { RETENTION_DAYS: '30' }, 'purge');
    expect(result.code).toBe(0);
    // The sign-up and its confirmation mail with its preview; the request (not exported) and its acknowledgement stay.
    expect(result.stderr).toContain(
      'Deleted 0 privacy request(s), 0 unconfirmed sign-up(s), 1 unsubscribed sign-up(s), 1 mail(s), 1 mail preview(s) and 1 rate-limit window(s).',
    );
    expect(await count(dataDir, 'email_signups')).toBe(0);
    expect(await count(dataDir, 'rate_limits')).toBe(0);
    expect(await query(dataDir, 'SELECT record FROM outbox')).toEqual([{ record: kept }]);
  });

  it('deletes the .eml preview of each mail it deletes and of mail no longer stored, and keeps the others and files not its own', async () => {
    const { app, dataDir, forms, close } = formApp();
    const pending = referenceOf(loc(await signUp(app, 'pending@example.com')));
    const confirmed = referenceOf(loc(await signUp(app, 'confirmed@example.com')));
    expect(await forms.store.confirmSignup(confirmed)).toBe(true);
    const requested = referenceOf(loc(await sendRequest(app, REQUEST)));
    const earlier = referenceOf(loc(await signUp(app, 'earlier@example.com')));
    await forms.sender.drain();
    close();
    const dir = path.join(dataDir, PREVIEW_DIR);
    const previews = () =>
      fs
        .readdirSync(dir)
        .filter((name) => name.endsWith('.eml'))
        .map((name) => /-((?:PR|ES)-\w{4}-\w{4})-\d+\.eml$/.exec(name)![1])
        .sort();
    expect(previews()).toEqual([pending, confirmed, requested, earlier].sort());
    // A mail deleted by an earlier purge, which left its preview; a file someone else put there.
    await query(dataDir, 'DELETE FROM outbox WHERE record = ?', earlier);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a preview');
    // The pending sign-up is past its 30 days: it goes with its mail, and its preview with that.
    await query(
      dataDir,
      'UPDATE email_signups SET consented_at = ? WHERE reference = ?',
      new Date(Date.now() - 31 * DAY).toISOString(),
      pending,
    );

    const result = await runRequests(dataDir, {}, 'purge');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 unconfirmed sign-up(s), 0 unsubscribed sign-up(s), 1 mail(s), 2 mail preview(s)');
    expect(previews()).toEqual([confirmed, requested].sort());
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('not a preview');
  });

  it('runs from the command line with RETENTION_DAYS', async () => {
    const { app, dataDir, close } = formApp();
    await sendRequest(app, REQUEST);
    close();
    const result = await runRequests(dataDir, { RETENTION_DAYS: '30' }, 'purge');
    expect(result.code).toBe(0);
    // Not exported yet: kept.
    expect(result.stderr).toContain('Deleted 0 privacy request(s), 0 unconfirmed sign-up(s)');
    expect(await count(dataDir, 'privacy_requests')).toBe(1);
  });
});
