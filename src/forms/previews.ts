// The outbox's .eml previews, written instead of sending when SMTP_URL is empty: one file per message sent,
// named after its record and outbox row. Purge deletes a preview once its message is no longer in the outbox;
// the privacy team's tool finds a person's previews by their To header.
import fs from 'node:fs';
import path from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import { emailKey } from './fields.js';
import type { FormStore, OutboxMessage } from './store.js';

export const PREVIEW_DIR = 'outbox-preview';

/** `<time>-<record>-<outbox id>.eml`: in the order sent, and naming the outbox row it copies. */
const PREVIEW_NAME = /^\d{8}T\d{6}Z-((?:PR|ES)-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})-(\d+)\.eml$/;

export interface Preview {
  /** The file's path. */
  file: string;
  /** The reference of the record its message belongs to, and the message's outbox id. */
  record: string;
  id: number;
}

export const previewDir = (dataDir: string) => path.join(dataDir, PREVIEW_DIR);

/** Writes a sent message's bytes, readable by the owner only, in a directory only the owner can list. */
export function writePreview(dataDir: string, message: Pick<OutboxMessage, 'record' | 'id'>, bytes: Buffer, at: Date): void {
  const dir = previewDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  fs.writeFileSync(path.join(dir, `${stamp}-${message.record}-${message.id}.eml`), bytes, { mode: 0o600 });
}

/** The previews in `dataDir`, oldest first; files of other names there are not ours and are left out. */
export function listPreviews(dataDir: string): Preview[] {
  const dir = previewDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.sort().flatMap((name) => {
    const m = PREVIEW_NAME.exec(name);
    return m ? [{ file: path.join(dir, name), record: m[1]!, id: Number(m[2]) }] : [];
  });
}

/** The addresses of a raw message's To header, as nodemailer wrote it (domain in ASCII). */
export function previewRecipients(raw: string): string[] {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const to = /^To:[ \t]*(.*)$/im.exec(head)?.[1];
  return to === undefined ? [] : addressparser(to, { flatten: true }).map((a) => a.address);
}

/** The previews addressed to the address whose key (fields.ts `emailKey`) is `key`, with their text. */
export function previewsOfAddress(dataDir: string, key: string): (Preview & { raw: string })[] {
  return listPreviews(dataDir).flatMap((p) => {
    const raw = fs.readFileSync(p.file, 'utf8');
    return previewRecipients(raw).some((address) => emailKey(address) === key) ? [{ ...p, raw }] : [];
  });
}

/**
 * Deletes the previews whose message is no longer in the outbox: deleted with its record or as old sent mail
 * by purge, or erased. A preview is a copy of its message and is kept no longer. Returns how many went.
 */
export async function purgePreviews(store: FormStore, dataDir: string): Promise<number> {
  const previews = listPreviews(dataDir);
  if (previews.length === 0) return 0;
  const stored = new Set((await store.outboxRecords(previews.map((p) => p.id))).map((m) => `${m.id} ${m.record}`));
  // The record is compared too: SQLite may give a deleted row's id to a later message.
  const gone = previews.filter((p) => !stored.has(`${p.id} ${p.record}`));
  for (const p of gone) fs.rmSync(p.file, { force: true });
  return gone.length;
}
