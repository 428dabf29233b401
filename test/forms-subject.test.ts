// One person's records for the privacy team (npm run requests -- subject EMAIL): what the tool writes and what
// it leaves in the store, on SQLite and (project forms-postgresql) on PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREVIEW_DIR } from '../src/forms/previews.js';
import { count, formApp, loc, query, REQUEST, referenceOf, runRequests, sendRequest, signUp } from './forms-helpers.js';

/** Ada's address as the forms compare it: lower case, the domain in ASCII. */
const ADA_KEY = 'ada@xn--bcher-kva.example';

/**
 * Ada writes a privacy request as `Ada@Bücher.example`, signs up as `ADA@BÜCHER.EXAMPLE`, confirms, unsubscribes
 * and signs up again; Grace (and an Ada at another domain) write too. Every mail is sent, as .eml previews.
 */
async function adaAndOthers() {
  const { app, dataDir, forms, close } = formApp({}, undefined, { privacyTeamEmail: 'privacy-team@site.test' });
  const request = referenceOf(
    loc(await sendRequest(app, { ...REQUEST, name: '+Ada', email: 'Ada@Bücher.example', message: 'Copy of \u202Eexe.pdf, please' })),
  );
  const first = referenceOf(loc(await signUp(app, 'ADA@BÜCHER.EXAMPLE')));
  expect(await forms.store.confirmSignup(first)).toBe(true);
  expect(await forms.store.unsubscribe(first)).toBe(true);
  const second = referenceOf(loc(await signUp(app, 'ada@xn--bcher-kva.example')));
  await sendRequest(app, { ...REQUEST, name: 'Grace', email: 'grace@example.com' });
  await signUp(app, 'grace@example.com');
  await signUp(app, 'ada@example.com');
  await forms.sender.drain();
  close();
  return { dataDir, request, first, second };
}

const tables = ['privacy_requests', 'email_signups', 'outbox', 'privacy_requests WHERE exported_at IS NULL'];
const counts = (dataDir: string) => Promise.all(tables.map((t) => count(dataDir, t)));

describe('records of one address (npm run requests -- subject)', () => {
  it('writes as JSON every request, sign-up, mail and preview of the address, however it was written, and nobody else’s', async () => {
    const { dataDir, request, first, second } = await adaAndOthers();
    const before = await counts(dataDir);

    const result = await runRequests(dataDir, {}, 'subject', 'ada@bücher.EXAMPLE', '--format', 'json', '--out', '-');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `Wrote 1 privacy request(s), 2 sign-up(s), 3 mail(s) and 3 mail preview(s) of ${ADA_KEY} to standard output.`,
    );
    const report = JSON.parse(result.stdout);
    expect(report.subject).toMatchObject({ address: 'ada@bücher.EXAMPLE', comparedAs: ADA_KEY });
    expect(report.privacyRequests).toEqual([
      expect.objectContaining({
        reference: request,
        type: 'copy',
        name: '+Ada',
        email: 'Ada@Bücher.example',
        message: 'Copy of [U+202E]exe.pdf, please',
        region: 'us',
        exportedAt: null,
      }),
    ]);
    expect(report.signups.map((s: Record<string, unknown>) => [s.reference, s.email, s.state])).toEqual([
      [first, 'ADA@BÜCHER.EXAMPLE', 'unsubscribed'],
      [second, 'ada@xn--bcher-kva.example', 'pending'],
    ]);
    expect(report.signups[0].confirmedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(report.signups[0].unsubscribedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(report.signups[0].consentText).toContain('I would like to receive news');
    // Her acknowledgement and both confirmations; the team's notice of her request is not addressed to her.
    expect(report.mails.map((m: Record<string, unknown>) => [m.reference, m.to, m.state])).toEqual([
      [request, 'Ada@Bücher.example', 'sent'],
      [first, 'ADA@BÜCHER.EXAMPLE', 'sent'],
      [second, 'ada@xn--bcher-kva.example', 'sent'],
    ]);
    expect(report.mails[1].text).toContain('/us/en/email-signup/confirm?token=');
    expect(report.mailPreviews.map((p: Record<string, string>) => p.reference).sort()).toEqual([request, first, second].sort());
    for (const preview of report.mailPreviews) {
      expect(preview.file).toMatch(new RegExp(`^${PREVIEW_DIR}/.+\\.eml$`));
      expect(/^To: (.*)$/m.exec(preview.message)![1]!.toLowerCase()).toBe(ADA_KEY);
    }
    for (const other of ['grace', 'Grace', 'ada@example.com', 'privacy-team']) expect(result.stdout, other).not.toContain(other);
    // Nothing is marked or deleted: the request is still new for the next export.
    expect(await counts(dataDir)).toEqual(before);
  });

  it('writes CSV, one line per field, safe in a spreadsheet, to a new file readable by its owner only', async () => {
    const { dataDir, request, first } = await adaAndOthers();
    const file = path.join(dataDir, 'ada.csv');
    const result = await runRequests(dataDir, {}, 'subject', 'ADA@xn--bcher-kva.example', '--out', file);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`of ${ADA_KEY} to ${file}.`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('kind,reference,field,value');
    expect(lines).toContain(`subject,,comparedAs,${ADA_KEY}`);
    expect(lines).toContain(`privacy request,${request},name,'+Ada`);
    expect(lines).toContain(`privacy request,${request},message,"Copy of [U+202E]exe.pdf, please"`);
    expect(lines).toContain(`sign-up,${first},state,unsubscribed`);
    expect(lines).toContain(`mail,${request},to,Ada@Bücher.example`);
    expect(lines.filter((l) => l.startsWith('mail preview,') && l.includes(',file,'))).toHaveLength(3);
  });

  it('never overwrites a file, says when it holds nothing for an address, and refuses what is not an address', async () => {
    const { dataDir } = await adaAndOthers();
    const taken = path.join(dataDir, 'taken.json');
    fs.writeFileSync(taken, 'an earlier answer');
    const refused = await runRequests(dataDir, {}, 'subject', ADA_KEY, '--format', 'json', '--out', taken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${taken} exists already`);
    expect(fs.readFileSync(taken, 'utf8')).toBe('an earlier answer');

    const unknown = path.join(dataDir, 'nobody.json');
    const none = await runRequests(dataDir, {}, 'subject', 'nobody@example.com', '--out', unknown);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('No records of nobody@example.com.');
    expect(fs.existsSync(unknown)).toBe(false);

    const bad = await runRequests(dataDir, {}, 'subject', 'ada.example.com');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"ada.example.com" is not an e-mail address');
    expect(await query(dataDir, 'SELECT count(*) AS n FROM privacy_requests WHERE exported_at IS NOT NULL')).toEqual([{ n: 0 }]);
  });
});

describe('erasing one address (npm run requests -- erase)', () => {
  const addressed = (dataDir: string) =>
    query<{ record: string; recipient: string }>(dataDir, 'SELECT record, recipient FROM outbox ORDER BY id');
  const previewsTo = (dataDir: string) =>
    fs
      .readdirSync(path.join(dataDir, PREVIEW_DIR))
      .map((name) => /^To: (.*)$/m.exec(fs.readFileSync(path.join(dataDir, PREVIEW_DIR, name), 'utf8'))![1]!.toLowerCase())
      .sort();

  it('deletes the sign-ups, mail and previews of the address, keeps its privacy request and everyone else’s records, and says so', async () => {
    const { dataDir, request } = await adaAndOthers();
    const requestsBefore = await query(dataDir, 'SELECT * FROM privacy_requests ORDER BY id');
    expect(previewsTo(dataDir)).toEqual(
      [
        ADA_KEY,
        ADA_KEY,
        ADA_KEY,
        'ada@example.com',
        'grace@example.com',
        'grace@example.com',
        'privacy-team@site.test',
        'privacy-team@site.test',
      ].sort(),
    );

    const result = await runRequests(dataDir, {}, 'erase', 'Ada@Bücher.example');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Deleted 2 sign-up(s), 3 mail(s) and 3 mail preview(s) of ${ADA_KEY}.`);
    expect(result.stderr).toContain('Kept 1 privacy request(s), 1 of them not exported yet');

    expect(await query(dataDir, 'SELECT email FROM email_signups ORDER BY id')).toEqual([
      { email: 'grace@example.com' },
      { email: 'ada@example.com' },
    ]);
    // Her request stays whole, with the team's notice of it; her acknowledgement goes with the rest of her mail.
    expect(await query(dataDir, 'SELECT * FROM privacy_requests ORDER BY id')).toEqual(requestsBefore);
    const mails = await addressed(dataDir);
    expect(mails.filter((m) => m.recipient.toLowerCase().endsWith('bücher.example') || m.recipient.endsWith('kva.example'))).toEqual([]);
    expect(mails.filter((m) => m.record === request)).toEqual([{ record: request, recipient: 'privacy-team@site.test' }]);
    expect(mails.map((m) => m.recipient).sort()).toEqual(
      ['ada@example.com', 'grace@example.com', 'grace@example.com', 'privacy-team@site.test', 'privacy-team@site.test'].sort(),
    );
    expect(previewsTo(dataDir)).toEqual(
      ['ada@example.com', 'grace@example.com', 'grace@example.com', 'privacy-team@site.test', 'privacy-team@site.test'].sort(),
    );

    // What an access request finds afterwards: the privacy request only.
    const after = await runRequests(dataDir, {}, 'subject', ADA_KEY, '--format', 'json', '--out', '-');
    expect(after.stderr).toContain(`Wrote 1 privacy request(s), 0 sign-up(s), 0 mail(s) and 0 mail preview(s) of ${ADA_KEY}`);
    expect(JSON.parse(after.stdout).privacyRequests.map((r: { reference: string }) => r.reference)).toEqual([request]);
  });

  it('deletes nothing a second time or for what is not an address, and then says so', async () => {
    const { dataDir } = await adaAndOthers();
    expect((await runRequests(dataDir, {}, 'erase', ADA_KEY)).code).toBe(0);
    await query(dataDir, 'UPDATE privacy_requests SET exported_at = ?', new Date().toISOString());
    const before = await counts(dataDir);
    const again = await runRequests(dataDir, {}, 'erase', ADA_KEY);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Deleted 0 sign-up(s), 0 mail(s) and 0 mail preview(s) of ${ADA_KEY}.`);
    expect(again.stderr).toMatch(/Kept 1 privacy request\(s\): /);
    for (const args of [['erase'], ['erase', 'grace'], ['erase', 'grace@example.com', 'ada@example.com']]) {
      const refused = await runRequests(dataDir, {}, ...args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain('usage: npm run requests');
    }
    expect(await counts(dataDir)).toEqual(before);
  });
});
