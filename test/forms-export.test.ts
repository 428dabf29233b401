import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { csvField } from '../src/forms/export.js';
import { REFERENCE } from '../src/forms/store.js';
import { ROOT } from './helpers.js';
import { formApp, hidden, openForm, query, REQUEST, sendRequest, storeEnv } from './forms-helpers.js';
import { exampleVersions } from './fixtures/statement-versions/versions.js';

describe('export for the privacy team (npm run requests -- export)', () => {
  function runExport(dataDir: string, ...args: string[]) {
    return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/requests.ts', 'export', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...storeEnv(dataDir) },
      });
      let stderr = '';
      let stdout = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.on('exit', (code) => resolve({ code, stderr, stdout }));
    });
  }

  it('writes new requests as CSV, then JSON of only the newer ones, and marks them exported', async () => {
    const { app, dataDir, close } = formApp();
    await sendRequest(app, { ...REQUEST, name: '=HYPERLINK("http://x")', message: 'Line one, with a comma\nand "quotes"' });
    await sendRequest(app, { ...REQUEST, type: 'deletion' });
    const csv = path.join(dataDir, 'out.csv');
    const first = await runExport(dataDir, '--format', 'csv', '--out', csv);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Exported 2 new privacy requests');
    const text = fs.readFileSync(csv, 'utf8');
    expect(fs.statSync(csv).mode & 0o777).toBe(0o600);
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('reference,createdAt,type,name,email,message,region,language,locale,statementVersion');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    for (const separator of [',', ';']) {
      for (const cell of readCsv(text, separator)) expect(cell, `${separator}: ${cell}`).not.toMatch(/^[=+\-@]/);
    }
    expect(text).toContain('"Line one, with a comma\nand ""quotes"""');
    expect(text).toContain(',deletion,Ada Lovelace,ada@example.com,');
    expect((await query<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM privacy_requests WHERE exported_at IS NULL'))[0]!.n).toBe(0);

    const none = await runExport(dataDir, '--format', 'json', '--out', path.join(dataDir, 'none.json'));
    expect(none.stderr).toContain('No new privacy requests.');
    expect(fs.existsSync(path.join(dataDir, 'none.json'))).toBe(false);

    await sendRequest(app, { ...REQUEST, type: 'marketing-opt-out', name: 'Newer' });
    const json = await runExport(dataDir, '--format', 'json', '--out', '-');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'marketing-opt-out',
      name: 'Newer',
      email: 'ada@example.com',
      region: 'us',
      language: 'en',
      locale: 'en-US',
      statementVersion: '2014-01-02',
    });
    expect(rows[0]!.reference).toMatch(REFERENCE);

    close();
  });

  it('never overwrites an earlier export, and keeps the requests for the next run when writing fails', async () => {
    const { app, dataDir, close } = formApp();
    await sendRequest(app, REQUEST);
    const file = path.join(dataDir, 'taken.csv');
    fs.writeFileSync(file, 'earlier export');
    const res = await runExport(dataDir, '--out', file);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('exists already');
    expect(fs.readFileSync(file, 'utf8')).toBe('earlier export');
    expect((await query<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM privacy_requests WHERE exported_at IS NULL'))[0]!.n).toBe(1);
    close();
  });

  it('shows the bidirectional controls of a message as visible markers in CSV and JSON, so the team reads its true order', async () => {
    const { app, dataDir, close } = formApp();
    // Displayed as is, U+202E turns "exe.pdf" round: the team would read "invoice fdp.exe".
    const message = 'Please delete invoice \u202Eexe.pdf\u202C, \u2066isolated\u2069 \u200Fmark\u200E \u061Carabic \u202A\u202B\u202D';
    expect((await sendRequest(app, { ...REQUEST, message })).status).toBe(303);
    const shown =
      'Please delete invoice [U+202E]exe.pdf[U+202C], [U+2066]isolated[U+2069] [U+200F]mark[U+200E] [U+061C]arabic [U+202A][U+202B][U+202D]';
    const bidi = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
    const csv = path.join(dataDir, 'bidi.csv');
    expect((await runExport(dataDir, '--out', csv)).code).toBe(0);
    const text = fs.readFileSync(csv, 'utf8');
    expect(readCsv(text, ',')).toContain(shown);
    expect(text).not.toMatch(bidi);

    expect((await sendRequest(app, { ...REQUEST, message })).status).toBe(303);
    const json = await runExport(dataDir, '--format', 'json', '--out', '-');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { message: string }[])[0]!.message).toBe(shown);
    expect(json.stdout).not.toMatch(bidi);
    // Only the export shows markers: the stored message is what was sent.
    expect(await query<{ message: string }>(dataDir, 'SELECT message FROM privacy_requests ORDER BY id')).toEqual([
      { message },
      { message },
    ]);
    close();
  });

  it('defuses spreadsheet formulas in CSV fields', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('a;=1')).toBe(`"a;'=1"`);
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('plain')).toBe('plain');
  });

  it('defuses a formula after a separator, tab or line break inside a value, read back with "," and with ";"', async () => {
    const { app, dataDir, close } = formApp();
    const attacks = ["hello;=1+2;+cmd|' /C calc'!A0", 'a,=b', 'x;"=1', 'tab\t@SUM(A1)', 'line one\n-2+3', ' =lead'];
    for (const message of attacks) expect((await sendRequest(app, { ...REQUEST, message, name: '+Name' })).status).toBe(303);
    const csv = path.join(dataDir, 'attack.csv');
    expect((await runExport(dataDir, '--out', csv)).code).toBe(0);
    const text = fs.readFileSync(csv, 'utf8');
    for (const separator of [',', ';']) {
      const cells = readCsv(text, separator);
      expect(cells.length).toBeGreaterThanOrEqual(7);
      for (const cell of cells) expect(cell.trimStart(), `${separator}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@]/);
    }
    // Read with ",", the values are the ones typed, each defused by an apostrophe only.
    expect(readCsv(text, ',')).toContain("hello;'=1+2;'+cmd|' /C calc'!A0");
    close();
  });
});

/**
 * Cells as a spreadsheet splits them with `separator`: a cell that starts with a quote is read up to
 * its closing quote ("" inside is one quote); elsewhere a quote is a literal character.
 */
function readCsv(text: string, separator: string): string[] {
  const cells: string[] = [];
  const s = text.replace(/^\uFEFF/, '');
  let i = 0;
  while (i < s.length) {
    let cell = '';
    if (s[i] === '"') {
      i++;
      for (; i < s.length; i++) {
        if (s[i] === '"' && s[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (s[i] === '"') {
          i++;
          break;
        } else cell += s[i];
      }
    }
    while (i < s.length && s[i] !== separator && s[i] !== '\r' && s[i] !== '\n') cell += s[i++];
    cells.push(cell);
    if (s[i] === '\r') i++;
    i++;
  }
  return cells;
}

describe('what a submission agreed to', () => {
  it('records with each request and sign-up the statement version in effect when it was sent', async () => {
    // The example versions: 2026-06-01 takes effect at 00:00 New York time, 2027-03-01 is announced ahead.
    const clock = { now: Date.parse('2026-05-31T12:00:00Z') };
    const { app, dataDir, close } = formApp({ now: () => clock.now, statementVersions: exampleVersions() });
    await sendRequest(app, { ...REQUEST, name: 'Before' });
    clock.now = Date.parse('2027-03-01T05:00:00Z'); // 00:00 EST on 2027-03-01: the announced version is in effect
    await sendRequest(app, { ...REQUEST, name: 'After' });
    const { token, key, html } = await openForm(app, '/us/en/email-signup');
    const consentVersion = hidden(html, 'consentVersion');
    const signup = await request(app)
      .post('/us/en/email-signup')
      .type('form')
      .send({ key, token, email: 'grace@example.com', consent: 'yes', consentVersion });
    expect(signup.status).toBe(303);
    const requests = await query<{ name: string; v: string }>(
      dataDir,
      'SELECT name, statement_version AS v FROM privacy_requests ORDER BY id',
    );
    expect(requests).toEqual([
      { name: 'Before', v: '2014-01-02' },
      { name: 'After', v: '2027-03-01' },
    ]);
    expect(await query<{ v: string }>(dataDir, 'SELECT statement_version AS v FROM email_signups')).toEqual([{ v: '2027-03-01' }]);
    close();
  });
});
