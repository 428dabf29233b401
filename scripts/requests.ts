// The privacy team's tool: `npm run requests -- export [--format csv|json] [--out FILE|-]` writes the
// privacy requests not exported yet and marks them exported; `purge` deletes what is past retention.
// Reads DATA_DIR and RETENTION_DAYS like the server.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { EXPORT_FORMATS, exportNewRequests, type ExportFormat } from '../src/forms/export.js';
import { PREVIEW_DIR, purgePreviews } from '../src/forms/previews.js';
import { purgeExpired, UNCONFIRMED_DAYS } from '../src/forms/retention.js';
import { openPgStore } from '../src/forms/pg-store.js';
import { openSqliteStore } from '../src/forms/sqlite-store.js';

const USAGE = `usage: npm run requests -- export [--format csv|json] [--out FILE|-]
       npm run requests -- purge

  export     write the privacy requests not exported yet, then mark them exported
  purge      delete requests exported more than RETENTION_DAYS (default 365) days ago, sign-ups not
             confirmed within ${UNCONFIRMED_DAYS} days and sign-ups unsubscribed more than RETENTION_DAYS ago,
             with their mail; sent mail older than RETENTION_DAYS; the .eml previews in
             DATA_DIR/${PREVIEW_DIR}/ of mail no longer stored; rate-limit windows (client IP
             addresses) that have ended. A request not exported yet is never deleted
  --format   csv (default) or json
  --out      the file to create (default: privacy-requests-<time>.<format> here); - for standard output
             an existing file is never overwritten

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
const command = args.positionals[0];
if (args.positionals.length !== 1 || (command !== 'export' && command !== 'purge')) fail('expected one command: export or purge');
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
/** The forms' store the server uses: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
const openStore = () => (databaseUrl ? openPgStore(databaseUrl) : openSqliteStore(dataDir));
if (command === 'purge') {
  const store = openStore();
  try {
    const purged = await purgeExpired(store, Date.now(), retentionDays);
    // After the mail: a preview goes with its message.
    const previews = await purgePreviews(store, dataDir);
    console.error(
      `Deleted ${purged.requests} privacy request(s), ${purged.signups} unconfirmed sign-up(s), ` +
        `${purged.unsubscribed} unsubscribed sign-up(s), ${purged.mails} mail(s), ${previews} mail preview(s) ` +
        `and ${purged.rateLimits} rate-limit window(s).`,
    );
  } finally {
    store.close();
  }
  process.exit(0);
}

const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const out = args.values.out ?? `privacy-requests-${stamp}.${format}`;

const store = openStore();
try {
  const count = await exportNewRequests(store, format, out);
  console.error(
    count === 0
      ? 'No new privacy requests.'
      : `Exported ${count} new privacy request${count === 1 ? '' : 's'} to ${out === '-' ? 'standard output' : out}.`,
  );
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EEXIST' ? `${out} exists already: choose another --out.` : `Export failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  store.close();
}
