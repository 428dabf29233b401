// The FormStore in SQLite (better-sqlite3): one file in the data directory, migrated at open, WAL with
// synchronous=FULL, one IMMEDIATE transaction per write. The answer to a post is sent after the commit,
// so an acknowledged submission (and the mail queued with it) survives a crash of the process or machine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../config.js';
import {
  idsOfAddress,
  MIGRATIONS,
  newReference,
  type FormStore,
  type Mail,
  type OutboxMessage,
  type PrivacyRequest,
  type Saved,
  type Signup,
  StoreUnavailable,
  type StoredMail,
} from './store.js';

export const DATABASE_FILE = 'forms.sqlite';

/**
 * Owner only, whatever the umask: the directory, the database and SQLite's -wal and -shm files. A DATA_DIR that
 * cannot be made so (a file, a read-only disk, another user's directory) stops the start with a message that
 * names it, not a stack trace.
 */
export function protectDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dataDir, 0o700);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM') {
      throw new ConfigError(`DATA_DIR ${dataDir} belongs to another user: give the site a directory of its own`, { cause: error });
    }
    if (code !== undefined && /^(EEXIST|ENOTDIR|EROFS|EACCES|ENOSPC|ENOENT|ELOOP)$/.test(code)) {
      throw new ConfigError(`DATA_DIR ${dataDir} cannot be used (${code}): give the site a directory it can write`, { cause: error });
    }
    throw error;
  }
}

/**
 * Creates the database owner-only before SQLite opens it, and sets its -wal and -shm files so once they exist.
 * Only chmod once SQLite has the file open: closing any other descriptor of it in this process would drop
 * SQLite's POSIX locks on it (sqlite.org/howtocorrupt.html §2.2), and the next program to open and close the
 * database (an sqlite3 shell, a backup) would take itself for the last user and delete the WAL the site writes to.
 */
function createPrivate(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  protectDatabase(file);
}

function protectDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: workers starting together take turns; each one re-reads the version under the lock.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`the form database is at version ${version}, newer than this code (${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

const REQUEST_COLUMNS = `id, reference, type, name, email, message, region, language, locale,
  created_at AS createdAt, exported_at AS exportedAt, statement_version AS statementVersion`;
const SIGNUP_COLUMNS = `id, reference, email, region, language, locale, consent_version AS consentVersion,
  consent_text AS consentText, consented_at AS consentedAt, confirmed_at AS confirmedAt, unsubscribed_at AS unsubscribedAt, statement_version AS statementVersion`;
const OUTBOX_COLUMNS = `id, message_id AS messageId, record, recipient AS "to", subject, body AS text, headers, attempts`;

const STORED_MAIL_COLUMNS = `${OUTBOX_COLUMNS}, created_at AS createdAt, sent_at AS sentAt, failed_at AS failedAt, last_error AS lastError`;

function open(dataDir: string): { db: Database.Database; file: string } {
  protectDataDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  createPrivate(file);
  const db = new Database(file);
  // better-sqlite3 waits for a lock synchronously, the whole event loop with it: workers of one machine take
  // turns within milliseconds, so a second is ample, and a lock held longer (another program) answers 503.
  db.pragma('busy_timeout = 1000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  protectDatabase(file);
  return { db, file };
}

function statements(db: Database.Database) {
  return {
    insertRequest: db.prepare(
      `INSERT INTO privacy_requests (reference, idempotency_key, type, name, email, message, region, language, locale, created_at, statement_version)
       VALUES (@reference, @idempotencyKey, @type, @name, @email, @message, @region, @language, @locale, @createdAt, @statementVersion)
       ON CONFLICT DO NOTHING`,
    ),
    requestByKey: db.prepare(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE idempotency_key = ?`),
    requestByReference: db.prepare(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE reference = ?`),
    newRequests: db.prepare(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE exported_at IS NULL ORDER BY id`),
    markExported: db.prepare('UPDATE privacy_requests SET exported_at = ? WHERE id = ? AND exported_at IS NULL'),
    countRequests: db.prepare('SELECT count(*) AS n FROM privacy_requests'),
    insertSignup: db.prepare(
      `INSERT INTO email_signups (reference, idempotency_key, email, email_key, region, language, locale, consent_version, consent_text, consented_at, statement_version)
       VALUES (@reference, @idempotencyKey, @email, @emailKey, @region, @language, @locale, @consentVersion, @consentText, @consentedAt, @statementVersion)
       ON CONFLICT DO NOTHING`,
    ),
    signupByKey: db.prepare(`SELECT ${SIGNUP_COLUMNS} FROM email_signups WHERE idempotency_key = ?`),
    signupByReference: db.prepare(`SELECT ${SIGNUP_COLUMNS} FROM email_signups WHERE reference = ?`),
    // The newest mail of the address's sign-ups still standing (see saveSignup in pg-store.ts).
    lastMailTo: db.prepare(
      `SELECT max(o.created_at) AS at FROM outbox o JOIN email_signups s ON s.reference = o.record
       WHERE s.email_key = ? AND s.unsubscribed_at IS NULL`,
    ),
    confirm: db.prepare(
      `UPDATE email_signups SET confirmed_at = coalesce(confirmed_at, ?) WHERE reference = ? AND unsubscribed_at IS NULL`,
    ),
    subscribed: db.prepare(
      `SELECT 1 FROM email_signups WHERE email_key = ? AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL LIMIT 1`,
    ),
    unsubscribeAddress: db.prepare(
      `UPDATE email_signups SET unsubscribed_at = @at
       WHERE (reference = @reference OR email_key = (SELECT email_key FROM email_signups WHERE reference = @reference))
         AND unsubscribed_at IS NULL`,
    ),
    insertMail: db.prepare(
      `INSERT INTO outbox (message_id, record, recipient, subject, body, headers, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    hit: db.prepare(
      `INSERT INTO rate_limits (client, count, reset_at) VALUES (@client, 1, @resetAt)
       ON CONFLICT (client) DO UPDATE SET
         count = CASE WHEN reset_at <= @now THEN 1 ELSE count + 1 END,
         reset_at = CASE WHEN reset_at <= @now THEN @resetAt ELSE reset_at END
       RETURNING count, reset_at AS resetAt`,
    ),
    forgetWindows: db.prepare('DELETE FROM rate_limits WHERE reset_at <= ?'),
    due: db.prepare(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
         AND (claimed_until IS NULL OR claimed_until <= @now) ORDER BY next_attempt_at, id LIMIT 1`,
    ),
    claim: db.prepare('UPDATE outbox SET claimed_until = ?, attempts = attempts + 1 WHERE id = ?'),
    sent: db.prepare('UPDATE outbox SET sent_at = ?, claimed_until = NULL, last_error = NULL WHERE id = ?'),
    retry: db.prepare('UPDATE outbox SET next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?'),
    giveUp: db.prepare('UPDATE outbox SET failed_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?'),
    outboxStats: db.prepare('SELECT count(*) AS queued, min(created_at) AS oldest FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL'),
    nextDue: db.prepare(
      `SELECT min(max(next_attempt_at, coalesce(claimed_until, 0))) AS at FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`,
    ),
  };
}

type Statements = ReturnType<typeof statements>;

function queueMails(q: Statements, record: string, mails: Mail[], at: number): void {
  for (const mail of mails) {
    const messageId = `<${crypto.randomUUID()}@forms>`;
    q.insertMail.run(messageId, record, mail.to, mail.subject, mail.text, JSON.stringify(mail.headers), at, at);
  }
}

/**
 * Inserts unless the idempotency key is stored. `ON CONFLICT DO NOTHING` also absorbs a (one in a
 * trillion) reference collision: then the key is not found and another reference is drawn.
 */
function insertOnce<T>(
  insert: Database.Statement,
  byKey: Database.Statement,
  values: Record<string, unknown>,
  prefix: 'PR' | 'ES',
): Saved<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { changes } = insert.run({ ...values, reference: newReference(prefix) });
    const row = byKey.get(values.idempotencyKey) as T | undefined;
    if (row) return { row, created: changes === 1 };
  }
  throw new Error('could not draw a free reference');
}

function outboxMethods(db: Database.Database, q: Statements, now: () => number) {
  return {
    claimMail: async (leaseMs: number) =>
      db
        .transaction(() => {
          const at = now();
          const row = q.due.get({ now: at }) as (Omit<OutboxMessage, 'headers'> & { headers: string }) | undefined;
          if (!row) return undefined;
          q.claim.run(at + leaseMs, row.id);
          return { ...row, attempts: row.attempts + 1, headers: JSON.parse(row.headers) as Record<string, string> };
        })
        .immediate(),
    markSent: async (id: number) => void q.sent.run(now(), id),
    markFailed: async (id: number, error: string, retryAt: number | undefined) =>
      void (retryAt === undefined ? q.giveUp.run(now(), error, id) : q.retry.run(retryAt, error, id)),
    outboxStats: async () => {
      const { queued, oldest } = q.outboxStats.get() as { queued: number; oldest: number | null };
      return { queued, oldestMs: oldest ?? undefined };
    },
    nextMailDue: async () => (q.nextDue.get() as { at: number | null }).at ?? undefined,
    hitRateLimit: async (client: string, max: number, windowMs: number) => {
      const at = now();
      const { count, resetAt } = q.hit.get({ client, now: at, resetAt: at + windowMs }) as { count: number; resetAt: number };
      // Forget finished windows now and then, so the table stays as small as the set of recent clients.
      if (Math.random() < 0.01) q.forgetWindows.run(at);
      const allowed = count <= max;
      return { allowed, retryAfterS: allowed ? 0 : Math.max(1, Math.ceil((resetAt - at) / 1000)) };
    },
  };
}

/** One person's records (FormStore.subjectRecords): every address read, those with the key kept (idsOfAddress). */
function subjectMethods(db: Database.Database): Pick<FormStore, 'subjectRecords' | 'eraseSubject'> {
  const byIds = (columns: string, table: string) =>
    db.prepare(`SELECT ${columns} FROM ${table} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`);
  const q = {
    requestAddresses: db.prepare('SELECT id, email AS address FROM privacy_requests'),
    signupAddresses: db.prepare('SELECT id, email AS address FROM email_signups'),
    mailAddresses: db.prepare('SELECT id, recipient AS address FROM outbox'),
    requests: byIds(REQUEST_COLUMNS, 'privacy_requests'),
    signups: byIds(SIGNUP_COLUMNS, 'email_signups'),
    mails: byIds(STORED_MAIL_COLUMNS, 'outbox'),
    requestsKept: db.prepare(
      `SELECT count(*) AS requestsKept, coalesce(sum(exported_at IS NULL), 0) AS requestsNotExported
       FROM privacy_requests WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    eraseMails: db.prepare(
      `DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))
         OR record IN (SELECT reference FROM email_signups WHERE id IN (SELECT value FROM json_each(?)))`,
    ),
    eraseSignups: db.prepare('DELETE FROM email_signups WHERE id IN (SELECT value FROM json_each(?))'),
  };
  type Addresses = { id: number; address: string }[];
  const ids = (addresses: Database.Statement, key: string) => JSON.stringify(idsOfAddress(addresses.all() as Addresses, key));
  return {
    // One read transaction: the three kinds as they stood at one moment.
    subjectRecords: async (key) =>
      db.transaction(() => ({
        requests: q.requests.all(ids(q.requestAddresses, key)) as PrivacyRequest[],
        signups: q.signups.all(ids(q.signupAddresses, key)) as Signup[],
        mails: (q.mails.all(ids(q.mailAddresses, key)) as (Omit<StoredMail, 'headers'> & { headers: string })[]).map((m) => ({
          ...m,
          headers: JSON.parse(m.headers) as Record<string, string>,
        })),
      }))(),
    eraseSubject: async (key) =>
      db
        .transaction(() => {
          const signups = ids(q.signupAddresses, key);
          const mails = q.eraseMails.run(ids(q.mailAddresses, key), signups).changes;
          const kept = q.requestsKept.get(ids(q.requestAddresses, key)) as { requestsKept: number; requestsNotExported: number };
          return { signups: q.eraseSignups.run(signups).changes, mails, ...kept };
        })
        .immediate(),
  };
}

/** Retention (FormStore.purge): each kind of record past its cutoff, with its mail, in one transaction. */
function retentionMethods(db: Database.Database): Pick<FormStore, 'purge' | 'outboxRecords'> {
  const mailOf = (records: string) => db.prepare(`DELETE FROM outbox WHERE record IN (SELECT reference FROM ${records})`);
  const exported = 'privacy_requests WHERE exported_at IS NOT NULL AND exported_at < ?';
  const unconfirmed = 'email_signups WHERE confirmed_at IS NULL AND consented_at < ?';
  const unsubscribed = 'email_signups WHERE unsubscribed_at IS NOT NULL AND unsubscribed_at < ?';
  const q = {
    requestMail: mailOf(exported),
    requests: db.prepare(`DELETE FROM ${exported}`),
    unconfirmedMail: mailOf(unconfirmed),
    unconfirmed: db.prepare(`DELETE FROM ${unconfirmed}`),
    unsubscribedMail: mailOf(unsubscribed),
    unsubscribed: db.prepare(`DELETE FROM ${unsubscribed}`),
    sentMail: db.prepare('DELETE FROM outbox WHERE (sent_at IS NOT NULL OR failed_at IS NOT NULL) AND created_at < ?'),
    rateLimits: db.prepare('DELETE FROM rate_limits WHERE reset_at <= ?'),
    outboxRecords: db.prepare('SELECT id, record FROM outbox WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id'),
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    purge: async (before) =>
      db
        .transaction(() => {
          let mails =
            q.requestMail.run(iso(before.requests)).changes +
            q.unconfirmedMail.run(iso(before.unconfirmed)).changes +
            q.unsubscribedMail.run(iso(before.unsubscribed)).changes;
          const requests = q.requests.run(iso(before.requests)).changes;
          const signups = q.unconfirmed.run(iso(before.unconfirmed)).changes;
          const unsubscribed = q.unsubscribed.run(iso(before.unsubscribed)).changes;
          mails += q.sentMail.run(before.requests).changes;
          const rateLimits = q.rateLimits.run(before.rateLimits).changes;
          return { requests, signups, unsubscribed, mails, rateLimits };
        })
        .immediate(),
    outboxRecords: async (ids) => q.outboxRecords.all(JSON.stringify(ids)) as { id: number; record: string }[],
  };
}

/**
 * SQLite cannot take the work now, though the query is right: the disk is full, an I/O error, the file went
 * read-only, or another program held the write lock past busy_timeout. The forms answer 503, as when
 * PostgreSQL is away, and the transaction rolled back, so nothing was acknowledged.
 */
export function isSqliteUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOLFS)/.test(code);
}

/** Every method of the store, with health told and SQLite's "not now" errors turned into StoreUnavailable. */
function guarded(store: FormStore, onHealth?: (up: boolean) => void): FormStore {
  const methods = Object.entries(store).map(([name, method]) => {
    if (typeof method !== 'function' || name === 'close') return [name, method] as const;
    const call = method as (...args: unknown[]) => Promise<unknown>;
    const guard = async (...args: unknown[]) => {
      try {
        const result = await call(...args);
        onHealth?.(true);
        return result;
      } catch (error) {
        if (!isSqliteUnavailable(error)) throw error;
        onHealth?.(false);
        throw new StoreUnavailable(error);
      }
    };
    return [name, guard] as const;
  });
  return Object.fromEntries(methods) as unknown as FormStore;
}

export function openSqliteStore(dataDir: string, now: () => number = Date.now, onHealth?: (up: boolean) => void): FormStore {
  return guarded(openStore(dataDir, now), onHealth);
}

function openStore(dataDir: string, now: () => number): FormStore {
  const { db, file } = open(dataDir);
  const q = statements(db);
  const iso = () => new Date(now()).toISOString();
  return {
    file,
    savePrivacyRequest: async (input, mails) =>
      db
        .transaction(() => {
          const saved = insertOnce<PrivacyRequest>(q.insertRequest, q.requestByKey, { ...input, createdAt: iso() }, 'PR');
          if (saved.created) queueMails(q, saved.row.reference, mails(saved.row), now());
          return saved;
        })
        .immediate(),
    privacyRequest: async (reference) => q.requestByReference.get(reference) as PrivacyRequest | undefined,
    saveSignup: async (input, mails, quietMs) =>
      db
        .transaction(() => {
          const { at } = q.lastMailTo.get(input.emailKey) as { at: number | null };
          const saved = insertOnce<Signup>(q.insertSignup, q.signupByKey, { ...input, consentedAt: iso() }, 'ES');
          if (saved.created && (at === null || now() - at >= quietMs)) queueMails(q, saved.row.reference, mails(saved.row), now());
          return saved;
        })
        .immediate(),
    signup: async (reference) => q.signupByReference.get(reference) as Signup | undefined,
    confirmSignup: async (reference) => q.confirm.run(iso(), reference).changes === 1,
    isSubscribed: async (emailKey) => q.subscribed.get(emailKey) !== undefined,
    unsubscribe: async (reference) =>
      db
        .transaction(() => {
          if (!q.signupByReference.get(reference)) return false;
          q.unsubscribeAddress.run({ at: iso(), reference });
          return true;
        })
        .immediate(),
    exportNewRequests: async (write) =>
      db
        .transaction(() => {
          const rows = q.newRequests.all() as PrivacyRequest[];
          const at = iso();
          for (const row of rows) q.markExported.run(at, row.id);
          write(rows);
          return rows;
        })
        .immediate(),
    countPrivacyRequests: async () => (q.countRequests.get() as { n: number }).n,
    ...outboxMethods(db, q, now),
    ...subjectMethods(db),
    ...retentionMethods(db),
    close() {
      if (db.open) db.close();
    },
  };
}
