// The privacy team's tool: `npm run requests -- export [--format csv|json] [--out FILE|-]` writes the
// privacy requests not exported yet and marks them exported; `subject EMAIL` writes every record of one
// address, `erase EMAIL` deletes its sign-ups and mail; `purge` deletes what is past retention. Reads DATA_DIR,
// DATABASE_URL and RETENTION_DAYS like the server.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { EXPORT_FORMATS, exportNewRequests, type ExportFormat } from '../src/forms/export.js';
import { PREVIEW_DIR, purgePreviews } from '../src/forms/previews.js';
import { purgeExpired, UNCONFIRMED_DAYS } from '../src/forms/retention.js';
import { openPgStore } from '../src/forms/pg-store.js';
import { openSqliteStore } from '../src/forms/sqlite-store.js';
import type { FormStore } from '../src/forms/store.js';
import { eraseSubject, findSubject, subjectKey, writeSubject } from '../src/forms/subject.js';

const USAGE = `usage: npm run requests -- export [--format csv|json] [--out FILE|-]
       npm run requests -- subject EMAIL [--format csv|json] [--out FILE|-]
       npm run requests -- erase EMAIL
       npm run requests -- purge

  export     write the privacy requests not exported yet, then mark them exported
  subject    write every record held for EMAIL, to answer a subject access request: its privacy
             requests, its sign-ups with their state and dates, the mail addressed to it (queued,
             sent or given up) and its .eml previews in DATA_DIR/${PREVIEW_DIR}/. Addresses are
             compared as the forms compare them: the whole address in lower case, the domain in
             ASCII (Ada@Bücher.example finds ada@xn--bcher-kva.example). Nothing is marked or changed
  erase      delete EMAIL's sign-ups, the mail addressed to it and its .eml previews, and print how
             many. Its privacy requests are NOT deleted: each is the record that the team was asked
             and answered (GDPR Art. 5(2), 17(3)(b) and (e); CCPA rules: 24 months), and purge deletes it
             RETENTION_DAYS after its export. Run subject first to answer an access request
  purge      delete requests exported more than RETENTION_DAYS (default 365) days ago, sign-ups not
             confirmed within ${UNCONFIRMED_DAYS} days and sign-ups unsubscribed more than RETENTION_DAYS ago,
             with their mail; sent mail older than RETENTION_DAYS; the .eml previews in
             DATA_DIR/${PREVIEW_DIR}/ of mail no longer stored; rate-limit windows (client IP
             addresses) that have ended. A request not exported yet is never deleted
  --format   csv (default) or json
  --out      the file to create (default: privacy-requests-<time>.<format> for export,
             subject-<time>.<format> for subject, here); - for standard output.
             An existing file is never overwritten

The form database is PostgreSQL when DATABASE_URL is set, else read from DATA_DIR (default: data/ in the project).`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { format: { type: 'string', default: 'csv' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (error) {
  fail((error as Error).message);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, address] = args.positionals;
const takesAddress = command === 'subject' || command === 'erase';
if (command !== 'export' && command !== 'purge' && !takesAddress) fail('expected one command: export, subject, erase or purge');
if (args.positionals.length !== (takesAddress ? 2 : 1))
  fail(takesAddress ? `${command} takes one e-mail address` : `${command} takes no argument`);
const key = takesAddress ? subjectKey(address!) : undefined;
if (takesAddress && key === undefined) fail(`"${address}" is not an e-mail address the forms would take`);
const format = args.values.format as ExportFormat;
if (!EXPORT_FORMATS.includes(format)) fail(`--format must be csv or json, got "${format}"`);

let dataDir: string;
let databaseUrl: string;
let retentionDays: number;
try {
  ({ dataDir, databaseUrl, retentionDays } = loadConfig(process.env, path.resolve(import.meta.dirname, '..')));
} catch (error) {
  if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
  throw error;
}

const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
/** The file to write; by default named by time only, never by the address it is about. */
const out = args.values.out ?? `${command === 'export' ? 'privacy-requests' : 'subject'}-${stamp}.${format}`;
const where = out === '-' ? 'standard output' : out;

async function purge(store: FormStore): Promise<void> {
  const purged = await purgeExpired(store, Date.now(), retentionDays);
  // After the mail: a preview goes with its message.
  const previews = await purgePreviews(store, dataDir);
  console.error(
    `Deleted ${purged.requests} privacy request(s), ${purged.signups} unconfirmed sign-up(s), ` +
      `${purged.unsubscribed} unsubscribed sign-up(s), ${purged.mails} mail(s), ${previews} mail preview(s) ` +
      `and ${purged.rateLimits} rate-limit window(s).`,
  );
}

async function exportRequests(store: FormStore): Promise<void> {
  const count = await exportNewRequests(store, format, out);
  console.error(count === 0 ? 'No new privacy requests.' : `Exported ${count} new privacy request${count === 1 ? '' : 's'} to ${where}.`);
}

async function subject(store: FormStore, key: string): Promise<void> {
  const report = await findSubject(store, dataDir, address!, key, new Date());
  const found =
    `${report.privacyRequests.length} privacy request(s), ${report.signups.length} sign-up(s), ` +
    `${report.mails.length} mail(s) and ${report.mailPreviews.length} mail preview(s)`;
  console.error(writeSubject(report, format, out) === 0 ? `No records of ${key}.` : `Wrote ${found} of ${key} to ${where}.`);
}

async function erase(store: FormStore, key: string): Promise<void> {
  const erased = await eraseSubject(store, dataDir, key);
  const waiting = erased.requestsNotExported > 0 ? `, ${erased.requestsNotExported} of them not exported yet` : '';
  console.error(
    `Deleted ${erased.signups} sign-up(s), ${erased.mails} mail(s) and ${erased.previews} mail preview(s) of ${key}.\n` +
      `Kept ${erased.requestsKept} privacy request(s)${waiting}: the record of what was asked and answered; ` +
      `purge deletes each ${retentionDays} days after its export.`,
  );
}

/** The forms' store the server uses: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
const store = databaseUrl ? openPgStore(databaseUrl) : openSqliteStore(dataDir);
try {
  if (command === 'purge') await purge(store);
  else if (command === 'export') await exportRequests(store);
  else if (command === 'subject') await subject(store, key!);
  else await erase(store, key!);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EEXIST'
      ? `${out} exists already: choose another --out.`
      : `${command[0]!.toUpperCase()}${command.slice(1)} failed: ${(error as Error).message}`,
  );
  process.exitCode = 1;
} finally {
  store.close();
}
