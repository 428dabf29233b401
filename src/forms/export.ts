// The privacy team's export: new requests as CSV or JSON, marked exported in the same transaction.
import fs from 'node:fs';
import type { FormStore, PrivacyRequest } from './store.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_COLUMNS = [
  'reference',
  'createdAt',
  'type',
  'name',
  'email',
  'message',
  'region',
  'language',
  'locale',
  'statementVersion',
] as const;

/**
 * Bidirectional controls: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks
 * (U+200E, U+200F, U+061C). The message field takes them (a right-to-left text may need them), but shown as
 * they are they reorder what the privacy team reads, e.g. `invoice \u202Eexe.pdf` displays as `invoice fdp.exe`.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** A value as the team reads it: each bidirectional control replaced by a visible marker such as `[U+202E]`. */
export function visibleBidi(value: string): string {
  return value.replace(BIDI_CONTROL, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/**
 * Where a spreadsheet may start a cell inside a value: at its start, and after a separator (`,` or
 * `;`, which Excel uses in de, fr, nl, it, es locales, where a quote inside a cell is a literal),
 * a tab or a line break — with any spaces or quotes in between.
 */
const CELL_START_FORMULA = /(^|[,;\t\r\n])([\s"]*)([=+\-@])/g;

/**
 * One CSV field: every = + - @ that could start a cell under either separator is defused with an
 * apostrophe (so no spreadsheet runs what a visitor typed as a formula), then quoted when needed (RFC 4180).
 */
export function csvField(value: string): string {
  const safe = value.replace(CELL_START_FORMULA, "$1$2'$3");
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark and CRLF line ends, which spreadsheet programs read as UTF-8. */
export function toCsv(rows: readonly PrivacyRequest[]): string {
  const lines = [
    EXPORT_COLUMNS.join(','),
    ...rows.map((row) => EXPORT_COLUMNS.map((c) => csvField(visibleBidi(String(row[c])))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function toJson(rows: readonly PrivacyRequest[]): string {
  return `${JSON.stringify(
    rows.map((row) => Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, visibleBidi(row[c])]))),
    null,
    2,
  )}\n`;
}

/**
 * Writes the requests not exported yet to `out` (a new file, readable by its owner only, or `-` for
 * standard output) and marks them exported. If writing fails, nothing is marked and the next run
 * exports them again. With no new requests, nothing is written.
 */
export async function exportNewRequests(store: FormStore, format: ExportFormat, out: string): Promise<number> {
  const rows = await store.exportNewRequests((rows) => {
    if (rows.length === 0) return;
    writeOut(out, format === 'csv' ? toCsv(rows) : toJson(rows));
  });
  return rows.length;
}

/** Writes `text` to a new file readable by its owner only (never over an existing one: EEXIST), or `-`: standard output. */
export function writeOut(out: string, text: string): void {
  if (out === '-') writeAll(1, Buffer.from(text, 'utf8'));
  else fs.writeFileSync(out, text, { mode: 0o600, flag: 'wx' });
}

/** Standard output may be a pipe that takes a part at a time. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) {
    try {
      done += fs.writeSync(fd, bytes, done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
