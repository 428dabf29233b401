// The FormStore in PostgreSQL (`pg`), chosen when DATABASE_URL is set: every instance shares the
// submissions, the outbox, the rate-limit windows and the idempotency keys. Each write is one
// transaction, answered after COMMIT; the outbox is claimed with FOR UPDATE SKIP LOCKED, so two
// senders never take one message. When the database cannot be reached a method rejects with
// StoreUnavailable (the forms answer 503) and the pool reconnects by itself when it returns.
import crypto from 'node:crypto';
// Loaded on first use: a site on SQLite (the default) never pays for `pg` (~100 ms of start-up).
import type pg from 'pg';
import {
  idsOfAddress,
  newReference,
  StoreUnavailable,
  type StoredMail,
  type FormStore,
  type Mail,
  type OutboxMessage,
  type PrivacyRequest,
  type Saved,
  type Signup,
} from './store.js';

/** The same schema as SQLite's MIGRATIONS, in PostgreSQL's words; schema_migrations counts those applied. Never edit one, add one. */
export const PG_MIGRATIONS: readonly string[] = [
  `CREATE TABLE privacy_requests (
     id BIGSERIAL PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     idempotency_key TEXT NOT NULL UNIQUE,
     type TEXT NOT NULL CHECK (type IN ('question', 'copy', 'correction', 'deletion', 'marketing-opt-out')),
     name TEXT NOT NULL,
     email TEXT NOT NULL,
     message TEXT NOT NULL,
     region TEXT NOT NULL,
     language TEXT NOT NULL,
     locale TEXT NOT NULL,
     created_at TEXT NOT NULL,
     exported_at TEXT
   );
   CREATE INDEX privacy_requests_new ON privacy_requests (id) WHERE exported_at IS NULL;
   CREATE TABLE email_signups (
     id BIGSERIAL PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     idempotency_key TEXT NOT NULL UNIQUE,
     email TEXT NOT NULL,
     region TEXT NOT NULL,
     language TEXT NOT NULL,
     locale TEXT NOT NULL,
     consent_version TEXT NOT NULL,
     consent_text TEXT NOT NULL,
     consented_at TEXT NOT NULL,
     unsubscribed_at TEXT
   );
   CREATE INDEX email_signups_email ON email_signups (email);`,
  `ALTER TABLE email_signups ADD COLUMN email_key TEXT;
   ALTER TABLE email_signups ADD COLUMN confirmed_at TEXT;
   CREATE INDEX email_signups_key ON email_signups (email_key);
   CREATE TABLE outbox (
     id BIGSERIAL PRIMARY KEY,
     message_id TEXT NOT NULL UNIQUE,
     record TEXT NOT NULL,
     recipient TEXT NOT NULL,
     subject TEXT NOT NULL,
     body TEXT NOT NULL,
     headers TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at BIGINT NOT NULL,
     claimed_until BIGINT,
     sent_at BIGINT,
     failed_at BIGINT,
     last_error TEXT
   );
   CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
   CREATE INDEX outbox_record ON outbox (record);
   CREATE TABLE rate_limits (
     client TEXT PRIMARY KEY,
     count INTEGER NOT NULL,
     reset_at BIGINT NOT NULL
   );`,
  `ALTER TABLE privacy_requests ADD COLUMN statement_version TEXT NOT NULL DEFAULT '2014-01-02';
   ALTER TABLE email_signups ADD COLUMN statement_version TEXT NOT NULL DEFAULT '2014-01-02';`,
];

const REQUEST_COLUMNS = `id, reference, type, name, email, message, region, language, locale,
  created_at AS "createdAt", exported_at AS "exportedAt", statement_version AS "statementVersion"`;
const SIGNUP_COLUMNS = `id, reference, email, region, language, locale, consent_version AS "consentVersion",
  consent_text AS "consentText", consented_at AS "consentedAt", confirmed_at AS "confirmedAt", unsubscribed_at AS "unsubscribedAt", statement_version AS "statementVersion"`;
const OUTBOX_COLUMNS = `id, message_id AS "messageId", record, recipient AS "to", subject, body AS text, headers, attempts`;

const STORED_MAIL_COLUMNS = `${OUTBOX_COLUMNS}, created_at AS "createdAt", sent_at AS "sentAt", failed_at AS "failedAt", last_error AS "lastError"`;

/** Any lock id of our own, so instances starting together migrate one at a time. */
const MIGRATION_LOCK = 0x19f0_4a11;

/** BIGINT and count(*) as numbers: every value we keep fits well within 2^53. */
function numericTypes(pgModule: typeof pg) {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
      oid === 20
        ? (value: string) => Number(value)
        : (pgModule.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
  };
}

/** Connection-level failures (refused, reset, shut down, timed out): the database is away, not the query wrong. */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (typeof e?.code === 'string') {
    if (/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOENT)$/.test(e.code)) return true;
    // 57P01-03 admin shutdown / crash / cannot connect now; 08xxx connection exceptions; 53300 too many connections.
    if (/^(57P0[123]|08...|53300)$/.test(e.code)) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e?.message ?? '');
}

/** A description of the database without its password, for logs. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `postgresql://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgresql';
  }
}

export interface PgStoreOptions {
  now?: () => number;
  /** Told whenever the database is reached (true) or lost (false). */
  onHealth?: (up: boolean) => void;
}

/** The pool and the one way every query goes through it: migrated first, health reported, a lost database → StoreUnavailable. */
interface Db {
  now: () => number;
  /** `now` as an ISO string, the form of the submissions' dates. */
  iso: () => string;
  q: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;
  /** One transaction: committed when `work` resolves, rolled back when it throws. */
  tx: <T>(work: (c: pg.PoolClient) => Promise<T>) => Promise<T>;
  ready: () => Promise<void>;
  close: () => void;
}

/** Brings the schema up to PG_MIGRATIONS, one instance at a time (an advisory lock held for the transaction). */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const version = rows[0]?.v ?? 0;
    if (version > PG_MIGRATIONS.length) {
      throw new Error(`the form database is at version ${version}, newer than this code (${PG_MIGRATIONS.length})`);
    }
    for (let v = version; v < PG_MIGRATIONS.length; v++) {
      await client.query(PG_MIGRATIONS[v]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function connect(url: string, options: PgStoreOptions): Db {
  const now = options.now ?? Date.now;
  // The connection timeout also bounds the wait for a free client under load: generous, so a burst of
  // posts queues instead of being told the database is away (a refused connection fails at once anyway).
  const opened = import('pg').then(({ default: pgModule }) => {
    const pool = new pgModule.Pool({
      connectionString: url,
      max: 20,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 10_000,
      types: numericTypes(pgModule),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => options.onHealth?.(false));
    return pool;
  });
  let migrated: Promise<void> | undefined;

  /** Migrated once; a failed attempt (database away) is tried again by the next call. */
  function ready(): Promise<void> {
    migrated ??= opened.then(migrate).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    return migrated;
  }

  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      await ready();
      const result = await work();
      options.onHealth?.(true);
      return result;
    } catch (error) {
      if (isUnavailable(error)) {
        options.onHealth?.(false);
        throw new StoreUnavailable(error);
      }
      throw error;
    }
  }

  return {
    now,
    iso: () => new Date(now()).toISOString(),
    q: <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => guard(async () => (await opened).query<R>(text, values)),
    tx: <T>(work: (c: pg.PoolClient) => Promise<T>) =>
      guard(async () => {
        const client = await (await opened).connect();
        try {
          await client.query('BEGIN');
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      }),
    ready,
    close() {
      void opened.then((pool) => pool.end()).catch(() => undefined);
    },
  };
}

async function queueMails(c: pg.PoolClient, record: string, mails: Mail[], at: number): Promise<void> {
  for (const mail of mails) {
    await c.query(
      `INSERT INTO outbox (message_id, record, recipient, subject, body, headers, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [`<${crypto.randomUUID()}@forms>`, record, mail.to, mail.subject, mail.text, JSON.stringify(mail.headers), at],
    );
  }
}

/** Inserts unless the idempotency key is stored (a concurrent insert of the key waits for the other's commit). */
async function insertOnce<T extends pg.QueryResultRow>(
  c: pg.PoolClient,
  insert: string,
  values: unknown[],
  byKey: string,
  key: string,
  prefix: 'PR' | 'ES',
): Promise<Saved<T>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { rowCount } = await c.query(insert, [newReference(prefix), ...values]);
    const { rows } = await c.query<T>(byKey, [key]);
    if (rows[0]) return { row: rows[0], created: rowCount === 1 };
  }
  throw new Error('could not draw a free reference');
}

type PrivacyRequestMethods = 'savePrivacyRequest' | 'privacyRequest' | 'exportNewRequests' | 'countPrivacyRequests';

/** Privacy requests: stored with their mail, read by reference, exported once, counted. */
function privacyRequests({ now, iso, q, tx }: Db): Pick<FormStore, PrivacyRequestMethods> {
  return {
    savePrivacyRequest: (input, mails) =>
      tx(async (c) => {
        const saved = await insertOnce<PrivacyRequest>(
          c,
          `INSERT INTO privacy_requests (reference, idempotency_key, type, name, email, message, region, language, locale, created_at, statement_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
          [
            input.idempotencyKey,
            input.type,
            input.name,
            input.email,
            input.message,
            input.region,
            input.language,
            input.locale,
            iso(),
            input.statementVersion,
          ],
          `SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE idempotency_key = $1`,
          input.idempotencyKey,
          'PR',
        );
        if (saved.created) await queueMails(c, saved.row.reference, mails(saved.row), now());
        return saved;
      }),
    privacyRequest: async (reference) =>
      (await q<PrivacyRequest>(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE reference = $1`, [reference])).rows[0],
    exportNewRequests: (write) =>
      tx(async (c) => {
        const { rows } = await c.query<PrivacyRequest>(
          `SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE exported_at IS NULL ORDER BY id FOR UPDATE`,
        );
        await c.query('UPDATE privacy_requests SET exported_at = $1 WHERE id = ANY($2::bigint[]) AND exported_at IS NULL', [
          iso(),
          rows.map((r) => r.id),
        ]);
        write(rows);
        return rows;
      }),
    countPrivacyRequests: async () => (await q<{ n: number }>('SELECT count(*) AS n FROM privacy_requests')).rows[0]!.n,
  };
}

/**
 * Stores a pending sign-up; its mail is queued only when the address was not mailed in the last `quietMs`. Mail of
 * sign-ups since unsubscribed does not count: the owner ended them with the mailed token, and signing up again
 * must bring a link that confirms the new sign-up.
 */
function saveSignup({ now, iso, tx }: Db): FormStore['saveSignup'] {
  return (input, mails, quietMs) =>
    tx(async (c) => {
      // One address at a time across instances, so "mailed in the last hour" is read and written together.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.emailKey]);
      const { rows } = await c.query<{ at: number | null }>(
        `SELECT max(o.created_at) AS at FROM outbox o JOIN email_signups s ON s.reference = o.record
         WHERE s.email_key = $1 AND s.unsubscribed_at IS NULL`,
        [input.emailKey],
      );
      const at = rows[0]?.at ?? null;
      const saved = await insertOnce<Signup>(
        c,
        `INSERT INTO email_signups (reference, idempotency_key, email, email_key, region, language, locale, consent_version, consent_text, consented_at, statement_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
        [
          input.idempotencyKey,
          input.email,
          input.emailKey,
          input.region,
          input.language,
          input.locale,
          input.consentVersion,
          input.consentText,
          iso(),
          input.statementVersion,
        ],
        `SELECT ${SIGNUP_COLUMNS} FROM email_signups WHERE idempotency_key = $1`,
        input.idempotencyKey,
        'ES',
      );
      if (saved.created && (at === null || now() - at >= quietMs)) await queueMails(c, saved.row.reference, mails(saved.row), now());
      return saved;
    });
}

type SignupStateMethods = 'signup' | 'confirmSignup' | 'isSubscribed' | 'unsubscribe';

/** A sign-up after it is stored: read, confirmed, asked about, unsubscribed. */
function signupState({ iso, q, tx }: Db): Pick<FormStore, SignupStateMethods> {
  return {
    signup: async (reference) => (await q<Signup>(`SELECT ${SIGNUP_COLUMNS} FROM email_signups WHERE reference = $1`, [reference])).rows[0],
    confirmSignup: async (reference) =>
      (
        await q(`UPDATE email_signups SET confirmed_at = coalesce(confirmed_at, $1) WHERE reference = $2 AND unsubscribed_at IS NULL`, [
          iso(),
          reference,
        ])
      ).rowCount === 1,
    isSubscribed: async (emailKey) =>
      (
        await q(`SELECT 1 FROM email_signups WHERE email_key = $1 AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL LIMIT 1`, [
          emailKey,
        ])
      ).rowCount === 1,
    unsubscribe: (reference) =>
      tx(async (c) => {
        if ((await c.query('SELECT 1 FROM email_signups WHERE reference = $1', [reference])).rowCount === 0) return false;
        await c.query(
          `UPDATE email_signups SET unsubscribed_at = $1
           WHERE (reference = $2 OR email_key = (SELECT email_key FROM email_signups WHERE reference = $2)) AND unsubscribed_at IS NULL`,
          [iso(), reference],
        );
        return true;
      }),
  };
}

/** Counts one post of a client in a window shared by every instance; now and then drops the windows that ended. */
function hitRateLimit({ now, q }: Db): FormStore['hitRateLimit'] {
  return async (client, max, windowMs) => {
    const at = now();
    const { rows } = await q<{ count: number; resetAt: number }>(
      `INSERT INTO rate_limits AS r (client, count, reset_at) VALUES ($1, 1, $3)
       ON CONFLICT (client) DO UPDATE SET
         count = CASE WHEN r.reset_at <= $2 THEN 1 ELSE r.count + 1 END,
         reset_at = CASE WHEN r.reset_at <= $2 THEN $3 ELSE r.reset_at END
       RETURNING count, reset_at AS "resetAt"`,
      [client, at, at + windowMs],
    );
    if (Math.random() < 0.01) await q('DELETE FROM rate_limits WHERE reset_at <= $1', [at]);
    const { count, resetAt } = rows[0]!;
    const allowed = count <= max;
    return { allowed, retryAfterS: allowed ? 0 : Math.max(1, Math.ceil((resetAt - at) / 1000)) };
  };
}

type OutboxMethods = 'claimMail' | 'markSent' | 'markFailed' | 'outboxStats' | 'nextMailDue';

/** The outbox as its senders see it: claim a due message for a lease, mark it sent or failed, and its figures. */
function outbox({ now, q }: Db): Pick<FormStore, OutboxMethods> {
  return {
    claimMail: async (leaseMs) => {
      const at = now();
      const { rows } = await q<Omit<OutboxMessage, 'headers'> & { headers: string }>(
        `UPDATE outbox SET claimed_until = $2, attempts = attempts + 1
         WHERE id = (SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
                       AND (claimed_until IS NULL OR claimed_until <= $1)
                     ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING ${OUTBOX_COLUMNS}`,
        [at, at + leaseMs],
      );
      const row = rows[0];
      return row ? { ...row, headers: JSON.parse(row.headers) as Record<string, string> } : undefined;
    },
    markSent: async (id) =>
      void (await q('UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2', [now(), id])),
    markFailed: async (id, error, retryAt) =>
      void (await (retryAt === undefined
        ? q('UPDATE outbox SET failed_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3', [now(), error, id])
        : q('UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3', [retryAt, error, id]))),
    outboxStats: async () => {
      const { rows } = await q<{ queued: number; oldest: number | null }>(
        'SELECT count(*) AS queued, min(created_at) AS oldest FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL',
      );
      return { queued: rows[0]!.queued, oldestMs: rows[0]!.oldest ?? undefined };
    },
    nextMailDue: async () =>
      (
        await q<{ at: number | null }>(
          'SELECT min(greatest(next_attempt_at, coalesce(claimed_until, 0))) AS at FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL',
        )
      ).rows[0]?.at ?? undefined,
  };
}

/** One person's records (FormStore.subjectRecords): every address read, those with the key kept (idsOfAddress). */
function subject({ tx }: Db): Pick<FormStore, 'subjectRecords' | 'eraseSubject'> {
  return {
    // REPEATABLE READ: the three kinds as they stood at one moment.
    subjectRecords: (key) =>
      tx(async (c) => {
        await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const matching = async <T extends pg.QueryResultRow>(table: string, column: string, columns: string) => {
          const { rows } = await c.query<{ id: number; address: string }>(`SELECT id, ${column} AS address FROM ${table}`);
          const ids = idsOfAddress(rows, key);
          return (await c.query<T>(`SELECT ${columns} FROM ${table} WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])).rows;
        };
        const requests = await matching<PrivacyRequest>('privacy_requests', 'email', REQUEST_COLUMNS);
        const signups = await matching<Signup>('email_signups', 'email', SIGNUP_COLUMNS);
        const mails = await matching<Omit<StoredMail, 'headers'> & { headers: string }>('outbox', 'recipient', STORED_MAIL_COLUMNS);
        return { requests, signups, mails: mails.map((m) => ({ ...m, headers: JSON.parse(m.headers) as Record<string, string> })) };
      }),
    eraseSubject: (key) =>
      tx(async (c) => {
        // The lock saveSignup takes for the address: no sign-up of it is stored halfway through the erasure.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
        const ids = async (table: string, column: string) =>
          idsOfAddress((await c.query<{ id: number; address: string }>(`SELECT id, ${column} AS address FROM ${table}`)).rows, key);
        const requests = await ids('privacy_requests', 'email');
        const signups = await ids('email_signups', 'email');
        const mails = await c.query(
          `DELETE FROM outbox WHERE id = ANY($1::bigint[]) OR record IN (SELECT reference FROM email_signups WHERE id = ANY($2::bigint[]))`,
          [await ids('outbox', 'recipient'), signups],
        );
        const erasedSignups = await c.query('DELETE FROM email_signups WHERE id = ANY($1::bigint[])', [signups]);
        const notExported = await c.query<{ n: number }>(
          'SELECT count(*) AS n FROM privacy_requests WHERE id = ANY($1::bigint[]) AND exported_at IS NULL',
          [requests],
        );
        return {
          signups: erasedSignups.rowCount!,
          mails: mails.rowCount!,
          requestsKept: requests.length,
          requestsNotExported: notExported.rows[0]!.n,
        };
      }),
  };
}

/** Retention (FormStore.purge): each kind of record past its cutoff, with its mail, in one transaction. */
function retention({ tx, q }: Db): Pick<FormStore, 'purge' | 'outboxRecords'> {
  const exported = 'privacy_requests WHERE exported_at IS NOT NULL AND exported_at < $1';
  const unconfirmed = 'email_signups WHERE confirmed_at IS NULL AND consented_at < $1';
  const unsubscribed = 'email_signups WHERE unsubscribed_at IS NOT NULL AND unsubscribed_at < $1';
  const iso = (ms: number) => new Date(ms).toISOString();
  const purge: FormStore['purge'] = (before) =>
    tx(async (c) => {
      const run = async (sql: string, at: string | number) => (await c.query(sql, [at])).rowCount!;
      const mailOf = (records: string, at: number) => run(`DELETE FROM outbox WHERE record IN (SELECT reference FROM ${records})`, iso(at));
      let mails =
        (await mailOf(exported, before.requests)) +
        (await mailOf(unconfirmed, before.unconfirmed)) +
        (await mailOf(unsubscribed, before.unsubscribed));
      const requests = await run(`DELETE FROM ${exported}`, iso(before.requests));
      const signups = await run(`DELETE FROM ${unconfirmed}`, iso(before.unconfirmed));
      const unsubscribedCount = await run(`DELETE FROM ${unsubscribed}`, iso(before.unsubscribed));
      mails += await run('DELETE FROM outbox WHERE (sent_at IS NOT NULL OR failed_at IS NOT NULL) AND created_at < $1', before.requests);
      const rateLimits = await run('DELETE FROM rate_limits WHERE reset_at <= $1', before.rateLimits);
      return { requests, signups, unsubscribed: unsubscribedCount, mails, rateLimits };
    });
  const outboxRecords: FormStore['outboxRecords'] = async (ids) =>
    (await q<{ id: number; record: string }>('SELECT id, record FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id', [ids])).rows;
  return { purge, outboxRecords };
}

export function openPgStore(url: string, options: PgStoreOptions = {}): FormStore & { ready(): Promise<void> } {
  const db = connect(url, options);
  return {
    file: describeDatabase(url),
    ready: db.ready,
    ...privacyRequests(db),
    saveSignup: saveSignup(db),
    ...signupState(db),
    hitRateLimit: hitRateLimit(db),
    ...outbox(db),
    ...subject(db),
    ...retention(db),
    close: db.close,
  };
}
