// The privacy team's export: new requests as CSV or JSON, marked exported in the same transaction.
import fs from 'node:fs';
import type { FormStore, PrivacyRequest } from './store.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_COLUMNS = ['reference', 'createdAt', 'type', 'name', 'email', 'message', 'region', 'language', 'locale'] as const;

/**
 * One CSV field: quoted when needed (RFC 4180), and a leading = + - @ (or tab, CR) defused with
 * an apostrophe, so a spreadsheet never runs what a visitor typed as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark and CRLF line ends, which spreadsheet programs read as UTF-8. */
export function toCsv(rows: readonly PrivacyRequest[]): string {
  const lines = [EXPORT_COLUMNS.join(','), ...rows.map((row) => EXPORT_COLUMNS.map((c) => csvField(String(row[c]))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function toJson(rows: readonly PrivacyRequest[]): string {
  return `${JSON.stringify(rows.map((row) => Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, row[c]]))), null, 2)}\n`;
}

/**
 * Writes the requests not exported yet to `out` (a new file, readable by its owner only, or `-` for
 * standard output) and marks them exported. If writing fails, nothing is marked and the next run
 * exports them again. With no new requests, nothing is written.
 */
export function exportNewRequests(store: FormStore, format: ExportFormat, out: string): number {
  const rows = store.exportNewRequests((rows) => {
    if (rows.length === 0) return;
    const text = format === 'csv' ? toCsv(rows) : toJson(rows);
    if (out === '-') writeAll(1, Buffer.from(text, 'utf8'));
    else fs.writeFileSync(out, text, { mode: 0o600, flag: 'wx' });
  });
  return rows.length;
}

/** Standard output may be a pipe that takes a part at a time. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) {
    try {
      done += fs.writeSync(fd, bytes, done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
