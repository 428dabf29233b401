// What the forms keep, behind one interface (FormStore) so that another database can stand in:
// submissions, the outbox of their mail (written in the same transaction), the rate-limit windows
// and the idempotency keys. The SQLite implementation (sqlite-store.ts) keeps it all in one file; the
// PostgreSQL one (pg-store.ts, when DATABASE_URL is set) shares it between instances.
import crypto from 'node:crypto';
import { emailKey } from './fields.js';

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
  // Double opt-in: a sign-up is pending until confirmed. Rows from before had no confirmation, so they
  // stay unconfirmed (email_key NULL: never matched, never mailed). Outbox and rate limit shared by workers.
  `ALTER TABLE email_signups ADD COLUMN email_key TEXT;
   ALTER TABLE email_signups ADD COLUMN confirmed_at TEXT;
   CREATE INDEX email_signups_key ON email_signups (email_key);
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY,
     message_id TEXT NOT NULL UNIQUE,
     record TEXT NOT NULL,
     recipient TEXT NOT NULL,
     subject TEXT NOT NULL,
     body TEXT NOT NULL,
     headers TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     claimed_until INTEGER,
     sent_at INTEGER,
     failed_at INTEGER,
     last_error TEXT
   );
   CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
   CREATE INDEX outbox_record ON outbox (record);
   CREATE TABLE rate_limits (
     client TEXT PRIMARY KEY,
     count INTEGER NOT NULL,
     reset_at INTEGER NOT NULL
   );`,
  // What a submission agreed to: the privacy statement version in effect when it was made (its effective date,
  // also its URL). 2014-01-02 is the only version ever shipped before this column, so earlier rows get it, truly.
  `ALTER TABLE privacy_requests ADD COLUMN statement_version TEXT NOT NULL DEFAULT '2014-01-02';
   ALTER TABLE email_signups ADD COLUMN statement_version TEXT NOT NULL DEFAULT '2014-01-02';`,
];

export interface Origin {
  /** The site the form was sent from: region code, language code and locale. */
  region: string;
  language: string;
  locale: string;
  /** The privacy statement version in effect when it was sent (`2014-01-02`, its URL under /privacy/versions/). */
  statementVersion: string;
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
  /** As typed. */
  email: string;
  /** The address as compared: lower case, domain in ASCII (see fields.ts `emailKey`). */
  emailKey: string;
  consentVersion: string;
  consentText: string;
}

export interface Signup extends Omit<NewSignup, 'idempotencyKey' | 'emailKey'> {
  id: number;
  reference: string;
  consentedAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

export interface Saved<T> {
  row: T;
  /** False when the idempotency key was already stored: the row is the first submission's. */
  created: boolean;
}

/** A message to send, written to the outbox with the record it belongs to. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export interface OutboxMessage extends Mail {
  id: number;
  /** Stable across retries, so a receiver can tell a resend from a new message. */
  messageId: string;
  /** The reference of the record the mail belongs to. */
  record: string;
  attempts: number;
}

/** An outbox row as it is stored, with its times in ms. */
export interface StoredMail extends OutboxMessage {
  createdAt: number;
  sentAt: number | null;
  /** When the sender gave up on it. */
  failedAt: number | null;
  /** The error code and SMTP status of the last failed attempt (never its text, which may quote the address). */
  lastError: string | null;
}

/** Every record of one person the store holds, oldest first in each kind. */
export interface SubjectRecords {
  requests: PrivacyRequest[];
  signups: Signup[];
  /** Mail addressed to the person. */
  mails: StoredMail[];
}

/** What erasing one address did. */
export interface Erased {
  signups: number;
  mails: number;
  /** Its privacy requests, which stay (see subject.ts), and how many of them are not exported yet. */
  requestsKept: number;
  requestsNotExported: number;
}

/** What a purge deleted. */
export interface Purged {
  requests: number;
  /** Sign-ups never confirmed. */
  signups: number;
  /** Sign-ups unsubscribed long enough ago. */
  unsubscribed: number;
  mails: number;
  /** Rate-limit windows that had ended: client addresses no decision needs any more. */
  rateLimits: number;
}

/** The cutoffs of a purge (times in ms): what happened before each goes. */
export interface PurgeBefore {
  /** Requests exported before it, and sent (or given-up) mail created before it. */
  requests: number;
  /** Sign-ups made before it and never confirmed. */
  unconfirmed: number;
  /** Sign-ups unsubscribed before it. */
  unsubscribed: number;
  /** Rate-limit windows that ended at or before it. */
  rateLimits: number;
}

/** Mail for a record that was just created; called inside the transaction that stores it. */
export type MailsFor<T> = (row: T) => Mail[];

/** The one interface of the forms' storage; every method may be answered asynchronously. */
export interface FormStore {
  readonly file: string;
  savePrivacyRequest(input: NewPrivacyRequest, mails: MailsFor<PrivacyRequest>): Promise<Saved<PrivacyRequest>>;
  privacyRequest(reference: string): Promise<PrivacyRequest | undefined>;
  /**
   * Stores a pending sign-up. Its mails are queued only when the address was not mailed in the last
   * `quietMs` (whatever its state), so a sign-up never tells whether the address is known.
   */
  saveSignup(input: NewSignup, mails: MailsFor<Signup>, quietMs: number): Promise<Saved<Signup>>;
  signup(reference: string): Promise<Signup | undefined>;
  /** Confirms a pending sign-up; false if there is none or its address has unsubscribed since. */
  confirmSignup(reference: string): Promise<boolean>;
  /** Whether an address (compared by key) has a confirmed sign-up that is not unsubscribed. */
  isSubscribed(emailKey: string): Promise<boolean>;
  /** Marks every signup of the address of `reference` unsubscribed; false if there is no such signup. */
  unsubscribe(reference: string): Promise<boolean>;
  /** Requests not exported yet, oldest first; `write` runs inside the transaction that marks them exported. */
  exportNewRequests(write: (rows: PrivacyRequest[]) => void): Promise<PrivacyRequest[]>;
  countPrivacyRequests(): Promise<number>;
  /** Every request, sign-up and mail of the address whose key (fields.ts `emailKey`) is `emailKey`. */
  subjectRecords(emailKey: string): Promise<SubjectRecords>;
  /**
   * Deletes, in one transaction, the sign-ups of the address whose key is `emailKey`, the mail addressed to it
   * and any other mail of those sign-ups; its privacy requests are kept and counted.
   */
  eraseSubject(emailKey: string): Promise<Erased>;
  /** Counts one post of `client` in a window shared by every worker. */
  hitRateLimit(client: string, max: number, windowMs: number): Promise<{ allowed: boolean; retryAfterS: number }>;
  /** Takes the next due message for `leaseMs` (no other sender gets it meanwhile). */
  claimMail(leaseMs: number): Promise<OutboxMessage | undefined>;
  markSent(id: number): Promise<void>;
  /** After a failed attempt: try again at `retryAt`, or give up when `retryAt` is undefined. */
  markFailed(id: number, error: string, retryAt: number | undefined): Promise<void>;
  /** Mails not yet sent (nor given up) and the creation time of the oldest, for the metrics. */
  outboxStats(): Promise<{ queued: number; oldestMs: number | undefined }>;
  /** The time the next message is due, if any. */
  nextMailDue(): Promise<number | undefined>;
  /**
   * Deletes requests exported before `before.requests` (never one not exported), unconfirmed sign-ups created
   * before `before.unconfirmed`, sign-ups unsubscribed before `before.unsubscribed`, the mail of what it deletes
   * as well as sent mail older than `before.requests`, and rate-limit windows ended by `before.rateLimits`.
   */
  purge(before: PurgeBefore): Promise<Purged>;
  /** Which of these outbox messages are still stored, with the record each belongs to (for their .eml previews). */
  outboxRecords(ids: readonly number[]): Promise<{ id: number; record: string }[]>;
  close(): void;
}

/** The database cannot be reached (PostgreSQL down or restarting): the forms answer 503, the pages serve on. */
export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super('the forms database cannot be reached', { cause });
    this.name = 'StoreUnavailable';
  }
}

/**
 * The ids of the rows whose address has the key `key`. Addresses are stored as typed and compared as the forms
 * compare them (emailKey: lower case, the domain in ASCII), which neither database computes, so each store reads
 * every row's id and address and keeps those that match: work for the privacy team's tool, never for a page.
 */
export function idsOfAddress(rows: readonly { id: number; address: string }[], key: string): number[] {
  return rows.filter((row) => emailKey(row.address) === key).map((row) => row.id);
}

/** Crockford's base32 without U: no 0/O, 1/I/L confusion when a reference is read out on the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random reference such as `PR-7K4Q-9MZT` (40 bits). */
export function newReference(prefix: 'PR' | 'ES'): string {
  const chars = Array.from(crypto.randomBytes(8), (b) => ALPHABET[b & 31]);
  return `${prefix}-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export const REFERENCE = /^(PR|ES)-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
