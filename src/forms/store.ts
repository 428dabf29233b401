// Where submissions are kept: SQLite through better-sqlite3, a file in the data directory, migrated at
// open. WAL with synchronous=FULL, one transaction per submission, and the answer is only sent after
// the commit, so an acknowledged submission survives a crash of the process (or of the machine).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const DATABASE_FILE = 'forms.sqlite';

export const REQUEST_TYPES = ['question', 'copy', 'correction', 'deletion', 'marketing-opt-out'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Schema changes in order; the database's user_version counts those applied. Never edit one, add one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE privacy_requests (
     id INTEGER PRIMARY KEY,
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
     id INTEGER PRIMARY KEY,
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
];

export interface Origin {
  /** The site the form was sent from: region code, language code and locale. */
  region: string;
  language: string;
  locale: string;
}

export interface NewPrivacyRequest extends Origin {
  idempotencyKey: string;
  type: RequestType;
  name: string;
  email: string;
  message: string;
}

export interface PrivacyRequest extends Omit<NewPrivacyRequest, 'idempotencyKey'> {
  id: number;
  reference: string;
  createdAt: string;
  exportedAt: string | null;
}

export interface NewSignup extends Origin {
  idempotencyKey: string;
  email: string;
  consentVersion: string;
  consentText: string;
}

export interface Signup extends Omit<NewSignup, 'idempotencyKey'> {
  id: number;
  reference: string;
  consentedAt: string;
  unsubscribedAt: string | null;
}

export interface Saved<T> {
  row: T;
  /** False when the idempotency key was already stored: the row is the first submission's. */
  created: boolean;
}

export interface FormStore {
  readonly file: string;
  savePrivacyRequest(input: NewPrivacyRequest): Saved<PrivacyRequest>;
  privacyRequest(reference: string): PrivacyRequest | undefined;
  saveSignup(input: NewSignup): Saved<Signup>;
  signup(reference: string): Signup | undefined;
  /** Marks every signup of the address of `reference` unsubscribed; false if there is no such signup. */
  unsubscribe(reference: string): boolean;
  /** Requests not exported yet, oldest first; `write` runs inside the transaction that marks them exported. */
  exportNewRequests(write: (rows: PrivacyRequest[]) => void): PrivacyRequest[];
  countPrivacyRequests(): number;
  close(): void;
}

/** Crockford's base32 without U: no 0/O, 1/I/L confusion when a reference is read out on the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random reference such as `PR-7K4Q-9MZT` (40 bits). */
export function newReference(prefix: 'PR' | 'ES'): string {
  const chars = Array.from(crypto.randomBytes(8), (b) => ALPHABET[b & 31]);
  return `${prefix}-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export const REFERENCE = /^(PR|ES)-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

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
  created_at AS createdAt, exported_at AS exportedAt`;
const SIGNUP_COLUMNS = `id, reference, email, region, language, locale, consent_version AS consentVersion,
  consent_text AS consentText, consented_at AS consentedAt, unsubscribed_at AS unsubscribedAt`;

export function openStore(dataDir: string, now: () => number = Date.now): FormStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);

  const insertRequest = db.prepare(
    `INSERT INTO privacy_requests (reference, idempotency_key, type, name, email, message, region, language, locale, created_at)
     VALUES (@reference, @idempotencyKey, @type, @name, @email, @message, @region, @language, @locale, @createdAt)
     ON CONFLICT DO NOTHING`,
  );
  const requestByKey = db.prepare(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE idempotency_key = ?`);
  const requestByReference = db.prepare(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE reference = ?`);
  const newRequests = db.prepare(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE exported_at IS NULL ORDER BY id`);
  const markExported = db.prepare('UPDATE privacy_requests SET exported_at = ? WHERE id = ? AND exported_at IS NULL');
  const countRequests = db.prepare('SELECT count(*) AS n FROM privacy_requests');
  const insertSignup = db.prepare(
    `INSERT INTO email_signups (reference, idempotency_key, email, region, language, locale, consent_version, consent_text, consented_at)
     VALUES (@reference, @idempotencyKey, @email, @region, @language, @locale, @consentVersion, @consentText, @consentedAt)
     ON CONFLICT DO NOTHING`,
  );
  const signupByKey = db.prepare(`SELECT ${SIGNUP_COLUMNS} FROM email_signups WHERE idempotency_key = ?`);
  const signupByReference = db.prepare(`SELECT ${SIGNUP_COLUMNS} FROM email_signups WHERE reference = ?`);
  const unsubscribeAddress = db.prepare(
    `UPDATE email_signups SET unsubscribed_at = ?
     WHERE email = (SELECT email FROM email_signups WHERE reference = ?) AND unsubscribed_at IS NULL`,
  );

  /**
   * Inserts unless the idempotency key is stored, in one IMMEDIATE transaction. `ON CONFLICT DO
   * NOTHING` also absorbs a (one in a trillion) reference collision: then the key is not found and
   * another reference is drawn.
   */
  function save<T>(insert: Database.Statement, byKey: Database.Statement, values: Record<string, unknown>, prefix: 'PR' | 'ES') {
    return db.transaction((): Saved<T> => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const { changes } = insert.run({ ...values, reference: newReference(prefix) });
        const row = byKey.get(values.idempotencyKey) as T | undefined;
        if (row) return { row, created: changes === 1 };
      }
      throw new Error('could not draw a free reference');
    }).immediate();
  }

  return {
    file,
    savePrivacyRequest(input) {
      return save<PrivacyRequest>(insertRequest, requestByKey, { ...input, createdAt: new Date(now()).toISOString() }, 'PR');
    },
    privacyRequest: (reference) => requestByReference.get(reference) as PrivacyRequest | undefined,
    saveSignup(input) {
      return save<Signup>(insertSignup, signupByKey, { ...input, consentedAt: new Date(now()).toISOString() }, 'ES');
    },
    signup: (reference) => signupByReference.get(reference) as Signup | undefined,
    unsubscribe(reference) {
      return db.transaction(() => {
        if (!signupByReference.get(reference)) return false;
        unsubscribeAddress.run(new Date(now()).toISOString(), reference);
        return true;
      }).immediate();
    },
    exportNewRequests(write) {
      return db.transaction(() => {
        const rows = newRequests.all() as PrivacyRequest[];
        const at = new Date(now()).toISOString();
        for (const row of rows) markExported.run(at, row.id);
        write(rows);
        return rows;
      }).immediate();
    },
    countPrivacyRequests: () => (countRequests.get() as { n: number }).n,
    close() {
      if (db.open) db.close();
    },
  };
}
