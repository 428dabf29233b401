// One person's records, for the privacy team's answer to an access or erasure request (`npm run requests --
// subject|erase`): found by address, compared as the forms compare addresses (fields.ts `emailKey`), in the
// database and among the .eml previews; written as CSV or JSON, or erased.
import fs from 'node:fs';
import path from 'node:path';
import { csvField, visibleBidi, writeOut, type ExportFormat } from './export.js';
import { emailField, emailKey } from './fields.js';
import { PREVIEW_DIR, previewsOfAddress } from './previews.js';
import type { Erased, FormStore, PrivacyRequest, Signup, StoredMail } from './store.js';

/** The key an address is found by, when it is one the forms would take; undefined otherwise. */
export function subjectKey(address: string): string | undefined {
  const parsed = emailField.safeParse(address);
  return parsed.success ? emailKey(parsed.data) : undefined;
}

type Value = string | number | null | Record<string, string>;
/** One record as the team reads it: its reference (of the request or sign-up a mail belongs to) and its fields. */
type Fields = { reference: string } & Record<string, Value>;

export interface SubjectReport {
  /** The address asked about, and the key it was compared by. */
  subject: { address: string; comparedAs: string; writtenAt: string };
  privacyRequests: Fields[];
  signups: Fields[];
  mails: Fields[];
  /** The .eml previews addressed to the person (DATA_DIR/outbox-preview/), whole. */
  mailPreviews: Fields[];
}

export const reportCount = (r: SubjectReport) => r.privacyRequests.length + r.signups.length + r.mails.length + r.mailPreviews.length;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function requestFields(r: PrivacyRequest): Fields {
  const { reference, createdAt, exportedAt, type, name, email, message, region, language, locale, statementVersion } = r;
  return { reference, createdAt, exportedAt, type, name, email, message, region, language, locale, statementVersion };
}

/** Where a sign-up stands: unsubscribed (whatever came before), confirmed, or pending its confirmation. */
export function signupState(s: Pick<Signup, 'confirmedAt' | 'unsubscribedAt'>): 'unsubscribed' | 'confirmed' | 'pending' {
  if (s.unsubscribedAt !== null) return 'unsubscribed';
  return s.confirmedAt !== null ? 'confirmed' : 'pending';
}

function signupFields(s: Signup): Fields {
  const { reference, email, consentedAt, confirmedAt, unsubscribedAt, consentVersion, consentText } = s;
  const { region, language, locale, statementVersion } = s;
  const state = signupState(s);
  return {
    reference,
    email,
    state,
    consentedAt,
    confirmedAt,
    unsubscribedAt,
    consentVersion,
    consentText,
    region,
    language,
    locale,
    statementVersion,
  };
}

function mailFields(m: StoredMail): Fields {
  const state = m.sentAt !== null ? 'sent' : m.failedAt !== null ? 'given up' : 'queued';
  return {
    reference: m.record,
    messageId: m.messageId,
    state,
    to: m.to,
    subject: m.subject,
    text: m.text,
    headers: m.headers,
    createdAt: iso(m.createdAt),
    sentAt: iso(m.sentAt),
    failedAt: iso(m.failedAt),
    attempts: m.attempts,
    lastError: m.lastError,
  };
}

/** Everything held for the address of `key`: the store's records and the previews in `dataDir`. */
export async function findSubject(store: FormStore, dataDir: string, address: string, key: string, now: Date): Promise<SubjectReport> {
  const { requests, signups, mails } = await store.subjectRecords(key);
  return {
    subject: { address, comparedAs: key, writtenAt: now.toISOString() },
    privacyRequests: requests.map(requestFields),
    signups: signups.map(signupFields),
    mails: mails.map(mailFields),
    mailPreviews: previewsOfAddress(dataDir, key).map((p) => ({
      reference: p.record,
      file: `${PREVIEW_DIR}/${path.basename(p.file)}`,
      message: p.raw,
    })),
  };
}

const KINDS = [
  ['privacyRequests', 'privacy request'],
  ['signups', 'sign-up'],
  ['mails', 'mail'],
  ['mailPreviews', 'mail preview'],
] as const;

const cell = (value: Value): string => (value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * One line per field, `kind,reference,field,value`, so that records of every kind fit one sheet; first the
 * address asked about. UTF-8 with a byte-order mark and CRLF, formulas defused, as the export's CSV.
 */
export function subjectCsv(report: SubjectReport): string {
  const lines = [['kind', 'reference', 'field', 'value']];
  for (const [field, value] of Object.entries(report.subject)) lines.push(['subject', '', field, value]);
  for (const [key, kind] of KINDS) {
    for (const { reference, ...fields } of report[key]) {
      for (const [field, value] of Object.entries(fields)) lines.push([kind, reference, field, cell(value)]);
    }
  }
  return `\uFEFF${lines.map((cells) => cells.map((c) => csvField(visibleBidi(c))).join(',')).join('\r\n')}\r\n`;
}

/** Bidirectional controls shown as markers in every string, as in the export. */
function visibleDeep(value: unknown): unknown {
  if (typeof value === 'string') return visibleBidi(value);
  if (Array.isArray(value)) return value.map(visibleDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visibleDeep(v)]));
  return value;
}

export function subjectJson(report: SubjectReport): string {
  return `${JSON.stringify(visibleDeep(report), null, 2)}\n`;
}

/** Writes the report to `out` (a new file, owner only, or `-`), unless nothing was found; returns the count. */
export function writeSubject(report: SubjectReport, format: ExportFormat, out: string): number {
  const count = reportCount(report);
  if (count > 0) writeOut(out, format === 'csv' ? subjectCsv(report) : subjectJson(report));
  return count;
}

/**
 * Erases the address of `key`: its sign-ups, the mail addressed to it and its .eml previews. Its privacy requests
 * are kept: each is the record that the team was asked and answered (GDPR Art. 5(2) and 17(3)(b), (e); the CCPA
 * regulations keep request records 24 months), and purge deletes it RETENTION_DAYS after its export. A preview
 * written by a send already under way goes at the next purge, its message being gone.
 */
export async function eraseSubject(store: FormStore, dataDir: string, key: string): Promise<Erased & { previews: number }> {
  const erased = await store.eraseSubject(key);
  const previews = previewsOfAddress(dataDir, key);
  for (const p of previews) fs.rmSync(p.file, { force: true });
  return { ...erased, previews: previews.length };
}
