import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentVersion } from '../src/forms/email-signup.js';
import { PREVIEW_DIR } from '../src/forms/previews.js';
import { htmlErrors, textOf } from './helpers.js';
import {
  body,
  count,
  formApp,
  freshDir,
  header,
  hidden,
  kill,
  loc,
  openForm,
  query,
  referenceOf,
  REQUEST,
  sendRequest,
  signUp,
  smtpServer,
  startChild,
  call,
  encode,
  until,
} from './forms-helpers.js';

/** The link of a mail's body that starts with `start`. */
function linkIn(raw: string, start: string): string {
  const m = new RegExp(`${start.replace(/[/.?]/g, '\\$&')}\\S+`).exec(body(raw));
  if (!m) throw new Error(`no link ${start} in ${body(raw)}`);
  return m[0];
}

describe('e-mail sign-up', () => {
  const { app, dataDir } = formApp();

  it('asks for an address and an explicit consent, unticked by default', async () => {
    const res = await request(app).get('/us/en/email-signup');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('<input id="es-consent" name="consent" type="checkbox" value="yes" required>');
    expect(res.text).toContain('<form class="form" action="/us/en/email-signup" method="post" novalidate>');
    expect(await htmlErrors(res.text)).toEqual([]);
  });

  it('refuses a sign-up without consent, in English and in German', async () => {
    for (const [prefix, message] of [
      ['/us/en', 'Tick the box if you want to receive e-mail from Lenovo'],
      ['/de/de', 'Kreuzen Sie das Kästchen an, wenn Sie E-Mails von Lenovo erhalten möchten'],
    ] as const) {
      const form = await openForm(app, `${prefix}/email-signup`);
      const res = await request(app)
        .post(`${prefix}/email-signup`)
        .type('form')
        .send({ key: form.key, token: form.token, email: 'kim@example.com' });
      expect(res.status).toBe(422);
      expect(textOf(res.text)).toContain(message);
      expect(res.text).toContain('value="kim@example.com"');
    }
    expect(await count(dataDir, 'email_signups')).toBe(0);
  });

  it('stores the address with the exact consent text, its version and the time', async () => {
    const form = await openForm(app, '/fr/fr/email-signup');
    const version = hidden(form.html, 'consentVersion');
    const res = await request(app)
      .post('/fr/fr/email-signup')
      .type('form')
      .send({ key: form.key, token: form.token, email: ' Kim@Example.COM ', consent: 'yes', consentVersion: version });
    expect(res.status).toBe(303);
    expect(loc(res)).toMatch(/^\/fr\/fr\/email-signup\/thanks\?ref=ES-/);
    const [row] = await query<Record<string, string | null>>(dataDir, 'SELECT * FROM email_signups');
    const text =
      'Oui, je souhaite recevoir par e-mail les actualités, les offres et les informations produits de Lenovo. Je peux me désabonner à tout moment grâce au lien présent dans chaque e-mail.';
    expect(row).toMatchObject({
      email: 'Kim@Example.COM',
      email_key: 'kim@example.com',
      confirmed_at: null,
      region: 'fr',
      language: 'fr',
      locale: 'fr-FR',
      consent_text: text,
      consent_version: version,
      unsubscribed_at: null,
    });
    expect(version).toBe(consentVersion(text));
    expect(Math.abs(Date.parse(row!.consented_at!) - Date.now())).toBeLessThan(60_000);
    const thanks = await request(app).get(loc(res));
    expect(thanks.text).toContain('Kim@Example.COM');
    expect(await htmlErrors(thanks.text)).toEqual([]);
  });

  it('asks again when the consent wording changed after the page was opened', async () => {
    const form = await openForm(app, '/us/en/email-signup');
    const res = await request(app)
      .post('/us/en/email-signup')
      .type('form')
      .send({ key: form.key, token: form.token, email: 'lee@example.com', consent: 'yes', consentVersion: 'c-0000000000000000' });
    expect(res.status).toBe(422);
    expect(textOf(res.text)).toContain('The wording of this consent changed after you opened the page.');
    expect(res.text).toContain('value="yes" required aria-invalid="true"');
  });
});

describe('double opt-in through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  beforeAll(async () => {
    smtp = await smtpServer();
  });
  afterAll(() => smtp.close());
  const to = (address: string) => smtp.received.filter((m) => m.to.some((a) => a.toLowerCase() === address.toLowerCase()));

  it('mails one confirmation with List-Unsubscribe and one-click; the address is subscribed only once confirmed', async () => {
    const { app, forms, close } = formApp({}, undefined, { smtpUrl: smtp.url, mailFrom: 'news@site.test' });
    const res = await signUp(app, 'Dana@Example.com');
    expect(res.status).toBe(303);
    const thanks = await request(app).get(loc(res));
    expect(textOf(thanks.text)).toContain('We have sent a link to confirm your sign-up to this address');
    expect(thanks.text).not.toContain('unsubscribe');
    expect(await htmlErrors(thanks.text)).toEqual([]);
    await until(() => to('Dana@Example.com').length === 1, 10_000, 'the confirmation');
    const [mail] = to('Dana@Example.com');
    expect(mail!.from).toBe('news@site.test');
    expect(header(mail!.raw, 'Subject')).toBe('Confirm your sign-up for Lenovo e-mail');
    const unsubscribe = header(mail!.raw, 'List-Unsubscribe')!;
    expect(unsubscribe).toMatch(/^<https:\/\/site\.test\/us\/en\/email-signup\/unsubscribe\?token=ES-[\w-]+\.[\w-]{32}>$/);
    expect(header(mail!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(await forms.store.isSubscribed('dana@example.com')).toBe(false);

    const confirmUrl = new URL(linkIn(mail!.raw, 'https://site.test/us/en/email-signup/confirm?token='));
    const ask = await request(app).get(confirmUrl.pathname + confirmUrl.search);
    expect(ask.status).toBe(200);
    expect(await forms.store.isSubscribed('dana@example.com')).toBe(false);
    const done = await request(app)
      .post('/us/en/email-signup/confirm')
      .type('form')
      .send({ key: hidden(ask.text, 'key'), token: hidden(ask.text, 'token'), link: hidden(ask.text, 'link') });
    expect(done.status).toBe(303);
    expect(textOf((await request(app).get(loc(done))).text)).toContain('Your sign-up is confirmed');
    expect(await forms.store.isSubscribed('dana@example.com')).toBe(true);
    await forms.sender.drain();
    expect(to('Dana@Example.com')).toHaveLength(1);
    close();
  });

  it('answers a second sign-up exactly like the first, mails it at most once an hour, and never counts it subscribed', async () => {
    let clock = Date.parse('2025-03-01T10:00:00Z');
    const { app, forms, close } = formApp({ now: () => clock }, undefined, { smtpUrl: smtp.url });
    const first = await signUp(app, 'eve@example.com');
    await until(() => to('eve@example.com').length === 1, 10_000, 'the first mail');
    const pages: string[] = [];
    for (const email of ['eve@example.com', 'EVE@example.com', 'Eve@EXAMPLE.com']) {
      clock += 10 * 60_000;
      const again = await signUp(app, email);
      expect(again.status).toBe(first.status);
      expect(loc(again)).toMatch(/^\/us\/en\/email-signup\/thanks\?ref=ES-/);
      pages.push(textOf((await request(app).get(loc(again))).text).replace(/\S+@\S+/g, 'ADDRESS'));
    }
    const firstPage = textOf((await request(app).get(loc(first))).text).replace(/\S+@\S+/g, 'ADDRESS');
    expect(new Set([firstPage, ...pages]).size).toBe(1);
    await forms.sender.drain();
    expect(smtp.received.filter((m) => m.to.some((a) => a.toLowerCase() === 'eve@example.com'))).toHaveLength(1);
    expect(await forms.store.isSubscribed('eve@example.com')).toBe(false);
    // An hour after the last mail, one more.
    clock += 31 * 60_000;
    await signUp(app, 'eve@example.com');
    await forms.sender.drain();
    expect(smtp.received.filter((m) => m.to.some((a) => a.toLowerCase() === 'eve@example.com'))).toHaveLength(2);
    expect(await forms.store.isSubscribed('eve@example.com')).toBe(false);
    close();
  });

  it('unsubscribes with one POST to the List-Unsubscribe address (RFC 8058), and refuses a tampered token', async () => {
    const { app, forms, dataDir, close } = formApp({}, undefined, { smtpUrl: smtp.url });
    const res = await signUp(app, 'finn@example.com');
    const reference = referenceOf(loc(res));
    await until(() => to('finn@example.com').length === 1, 10_000, 'the confirmation');
    const mail = to('finn@example.com')[0]!;
    expect(await forms.store.confirmSignup(reference)).toBe(true);
    const url = new URL(header(mail.raw, 'List-Unsubscribe')!.slice(1, -1));
    const target = url.pathname + url.search;
    const unsubscribed = async () =>
      (
        await query<{ unsubscribed_at: string | null }>(dataDir, 'SELECT unsubscribed_at FROM email_signups WHERE reference = ?', reference)
      )[0]!.unsubscribed_at;

    const token = url.searchParams.get('token')!;
    const tampered = [token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), token.replace(reference, 'ES-0000-0000'), token.split('.')[0]!];
    for (const bad of tampered) {
      const refused = await request(app)
        .post(`${url.pathname}?token=${encodeURIComponent(bad)}`)
        .type('form')
        .send('List-Unsubscribe=One-Click');
      expect(refused.status, bad).toBe(400);
    }
    expect(await unsubscribed()).toBeNull();
    const oneClick = await request(app).post(target).type('form').send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.headers.location).toBeUndefined();
    expect(await unsubscribed()).not.toBeNull();
    expect(await forms.store.isSubscribed('finn@example.com')).toBe(false);
    // The page behind the same link says so; it only asks on GET when still subscribed.
    expect(textOf((await request(app).get(target)).text)).toContain('You are unsubscribed');
    // The old confirmation link cannot undo that, and says so instead of asking to confirm again and again.
    const confirm = linkIn(mail.raw, 'https://site.test/us/en/email-signup/confirm?token=').replace('https://site.test', '');
    const asked = await request(app).get(confirm);
    expect(asked.status).toBe(200);
    expect(textOf(asked.text)).toContain('You are unsubscribed');
    expect(asked.text).not.toContain('<button type="submit">Confirm</button>');
    expect(asked.text).toContain('href="/us/en/email-signup">Sign up again</a>');
    close();
  });

  it('unsubscribes with the one-click POST sent as multipart/form-data (RFC 8058 §3.1), as with the urlencoded one', async () => {
    const { app, forms, close } = formApp({}, undefined, { smtpUrl: smtp.url });
    const boundary = '----=_Part_4711_0815.1700000000000';
    const multipart = [`--${boundary}`, 'Content-Disposition: form-data; name="List-Unsubscribe"', '', 'One-Click', `--${boundary}--`, ''];
    const encodings = [
      { address: 'nell@example.com', type: 'application/x-www-form-urlencoded', body: 'List-Unsubscribe=One-Click' },
      { address: 'otto@example.com', type: `multipart/form-data; boundary=${boundary}`, body: multipart.join('\r\n') },
      { address: 'pia@example.com', type: `multipart/form-data; boundary="${boundary}"`, body: `preamble\r\n${multipart.join('\r\n')}` },
    ];
    for (const { address, type, body } of encodings) {
      const reference = referenceOf(loc(await signUp(app, address)));
      await until(() => to(address).length === 1, 10_000, 'the confirmation');
      expect(await forms.store.confirmSignup(reference)).toBe(true);
      const url = new URL(header(to(address)[0]!.raw, 'List-Unsubscribe')!.slice(1, -1));
      const oneClick = await request(app)
        .post(url.pathname + url.search)
        .set('Content-Type', type)
        .send(body);
      expect(oneClick.status, type).toBe(200);
      expect(oneClick.text, type).toBe('Unsubscribed.\n');
      expect(await forms.store.isSubscribed(address), type).toBe(false);
    }
    close();
  });

  it('answers a malformed multipart one-click POST with the 400 page, and one over 8 KB with 413, and stays subscribed', async () => {
    const { app, forms, close } = formApp({}, undefined, { smtpUrl: smtp.url });
    const reference = referenceOf(loc(await signUp(app, 'rosa@example.com')));
    await until(() => to('rosa@example.com').length === 1, 10_000, 'the confirmation');
    expect(await forms.store.confirmSignup(reference)).toBe(true);
    const url = new URL(header(to('rosa@example.com')[0]!.raw, 'List-Unsubscribe')!.slice(1, -1));
    const part = 'Content-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click';
    const malformed = [
      ['no boundary', 'multipart/form-data', `--b\r\n${part}\r\n--b--\r\n`],
      ['another boundary', 'multipart/form-data; boundary=b', `--x\r\n${part}\r\n--x--\r\n`],
      ['no closing delimiter', 'multipart/form-data; boundary=b', `--b\r\n${part}\r\n`],
      ['no header end', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n--b--\r\n'],
      ['no name', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data\r\n\r\nOne-Click\r\n--b--\r\n'],
      ['empty', 'multipart/form-data; boundary=b', ''],
    ];
    for (const [what, type, body] of malformed) {
      const res = await request(app)
        .post(url.pathname + url.search)
        .set('Content-Type', type!)
        .send(body);
      expect(res.status, what).toBe(400);
      expect(res.headers['content-type'], what).toMatch(/^text\/html/);
    }
    const large = await request(app)
      .post(url.pathname + url.search)
      .set('Content-Type', 'multipart/form-data; boundary=b')
      .send(`--b\r\n${part}\r\n--b\r\nContent-Disposition: form-data; name="pad"\r\n\r\n${'x'.repeat(9000)}\r\n--b--\r\n`);
    expect(large.status).toBe(413);
    expect(await forms.store.isSubscribed('rosa@example.com')).toBe(true);
    close();
  });

  it('unsubscribes and confirms even when the address has used up its quota of form posts: the mailed token is the proof, and a mail provider sends one-click posts for many people from few addresses', async () => {
    const { app, forms, close } = formApp({ formRateLimit: { max: 1, windowMs: 600_000 } }, undefined, { smtpUrl: smtp.url });
    const res = await signUp(app, 'quinn@example.com');
    const reference = referenceOf(loc(res));
    await until(() => to('quinn@example.com').length === 1, 10_000, 'the confirmation');
    // The quota of one post is spent: another sign-up from this address is refused.
    expect((await signUp(app, 'ola@example.com')).status).toBe(429);
    const confirm = linkIn(to('quinn@example.com')[0]!.raw, 'https://site.test/us/en/email-signup/confirm?token=').replace(
      'https://site.test',
      '',
    );
    const page = await request(app).get(confirm);
    const fields = Object.fromEntries([...page.text.matchAll(/name="(key|token|link)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const confirmed = await request(app).post(confirm.split('?')[0]!).type('form').send(fields);
    expect(confirmed.status).toBe(303);
    expect(await forms.store.isSubscribed('quinn@example.com')).toBe(true);
    const url = new URL(header(to('quinn@example.com')[0]!.raw, 'List-Unsubscribe')!.slice(1, -1));
    for (let i = 0; i < 3; i++) {
      const oneClick = await request(app)
        .post(url.pathname + url.search)
        .type('form')
        .send('List-Unsubscribe=One-Click');
      expect(oneClick.status).toBe(200);
    }
    expect(await forms.store.isSubscribed('quinn@example.com')).toBe(false);
    expect(reference).toMatch(/^ES-/);
    close();
  });

  it('unsubscribes from the page of the link: the GET only asks, the POST needs the mailed token', async () => {
    const { app, forms, close } = formApp({}, undefined, { smtpUrl: smtp.url });
    const res = await signUp(app, 'gil@example.com');
    await until(() => to('gil@example.com').length === 1, 10_000, 'the confirmation');
    expect(await forms.store.confirmSignup(referenceOf(loc(res)))).toBe(true);
    const link = linkIn(to('gil@example.com')[0]!.raw, 'https://site.test/us/en/email-signup/unsubscribe?token=');
    const ask = await request(app).get(link.replace('https://site.test', ''));
    expect(ask.status).toBe(200);
    // The page names the address it unsubscribes: never indexed.
    expect(ask.headers['x-robots-tag']).toBe('noindex');
    expect(ask.text).toContain('gil@example.com');
    expect(ask.text).toContain('<button type="submit">Unsubscribe</button>');
    expect(await htmlErrors(ask.text)).toEqual([]);
    const withoutLink = await request(app)
      .post('/us/en/email-signup/unsubscribe')
      .type('form')
      .send({ key: hidden(ask.text, 'key'), token: hidden(ask.text, 'token') });
    expect(withoutLink.status).toBe(403);
    expect(await forms.store.isSubscribed('gil@example.com')).toBe(true);
    const done = await request(app)
      .post('/us/en/email-signup/unsubscribe')
      .type('form')
      .send({ key: hidden(ask.text, 'key'), token: hidden(ask.text, 'token'), link: hidden(ask.text, 'link') });
    expect(done.status).toBe(303);
    expect(await forms.store.isSubscribed('gil@example.com')).toBe(false);
    close();
  });

  it('refuses a confirmation link after 7 days, and a forged one', async () => {
    let clock = Date.parse('2025-03-01T10:00:00Z');
    const { app, close } = formApp({ now: () => clock }, undefined, { smtpUrl: smtp.url });
    await signUp(app, 'hal@example.com');
    await until(() => to('hal@example.com').length === 1, 10_000, 'the confirmation');
    const link = linkIn(to('hal@example.com')[0]!.raw, 'https://site.test/us/en/email-signup/confirm?token=').replace(
      'https://site.test',
      '',
    );
    clock += 7 * 24 * 3600_000 + 1000;
    const late = await request(app).get(link);
    expect(late.status).toBe(410);
    expect(textOf(late.text)).toContain('This link has expired');
    const forged = await request(app).get(link.replace(/\.[\w-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(forged.status).toBe(400);
    close();
  });

  it('acknowledges a privacy request to the requester, and tells the privacy team no personal data beyond the reference', async () => {
    const { app, forms, close } = formApp({}, undefined, { smtpUrl: smtp.url, privacyTeamEmail: 'privacy-team@site.test' });
    const res = await sendRequest(
      app,
      { ...REQUEST, email: 'ivy@example.com', name: 'Ivy Quinn', message: 'Secret detail 9931' },
      '/fr/fr',
    );
    const reference = referenceOf(loc(res));
    await until(
      () => to('ivy@example.com').length === 1 && to('privacy-team@site.test').some((m) => m.raw.includes(reference)),
      10_000,
      'both mails',
    );
    const ack = to('ivy@example.com')[0]!;
    expect(body(ack.raw)).toContain(`Votre numéro de référence est ${reference}`);
    expect(body(ack.raw)).not.toContain('Secret detail');
    const team = to('privacy-team@site.test').find((m) => m.raw.includes(reference))!;
    expect(header(team.raw, 'Subject')).toBe(`New privacy request ${reference}`);
    for (const personal of ['Ivy', 'Quinn', 'ivy@example.com', 'Secret', '9931'])
      expect(team.raw.replace(/^To: .*$/m, ''), personal).not.toContain(personal);
    await forms.sender.drain();
    close();
  });
});

describe('the privacy team’s notice', () => {
  it('tells the team, in English, the type, region, language, time received and the date to respond by, and no personal data', async () => {
    // The last day of January: one calendar month later is the last day of February.
    const clock = Date.parse('2026-01-31T21:45:00Z');
    const { app, dataDir, forms, close } = formApp({ now: () => clock }, undefined, { privacyTeamEmail: 'privacy-team@site.test' });
    const sender = { ...REQUEST, type: 'deletion', email: 'ulla@example.com', name: 'Ulla Zetterlund', message: 'Secret detail 5518' };
    const reference = referenceOf(loc(await sendRequest(app, sender, '/fr/fr')));
    await forms.sender.drain();
    const dir = path.join(dataDir, PREVIEW_DIR);
    const mails = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    const team = mails.find((raw) => header(raw, 'To') === 'privacy-team@site.test')!;
    expect(header(team, 'Subject')).toBe(`New privacy request ${reference}`);
    const text = body(team);
    expect(text).toContain(`Reference: ${reference}`);
    expect(text).toContain('Type: Delete my personal information');
    expect(text).toContain('Country/region: fr');
    expect(text).toContain('Language: fr');
    expect(text).toContain('Received: 2026-01-31T21:45:00.000Z');
    expect(text).toContain('Respond by: 2026-02-28');
    for (const personal of ['Ulla', 'Zetterlund', 'ulla@example.com', 'example.com', 'Secret', '5518'])
      expect(team.replace(/^To: .*$/m, ''), personal).not.toContain(personal);
    close();
  });
});

describe('the outbox', () => {
  it('writes .eml previews under $DATA_DIR/outbox-preview/ without SMTP_URL, readable by the owner only', async () => {
    const { app, dataDir, forms, close } = formApp();
    await signUp(app, 'jo@example.com');
    await forms.sender.drain();
    const dir = path.join(dataDir, PREVIEW_DIR);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    const raw = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
    expect(header(raw, 'To')).toBe('jo@example.com');
    expect(header(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    close();
  });

  it('retries with backoff while the SMTP server is down, and sends once when it is back', async () => {
    const smtp = await smtpServer();
    const port = new URL(smtp.url).port;
    await smtp.close();
    const { app, dataDir, forms, close } = formApp({ formMailTiming: { pollMs: 50, retryMs: 100 } }, undefined, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
    });
    await signUp(app, 'kai@example.com');
    // At least two: a read through PostgreSQL can take longer than the 100 ms to the third attempt.
    await until(
      async () => ((await query<{ attempts: number }>(dataDir, 'SELECT attempts FROM outbox'))[0]?.attempts ?? 0) >= 2,
      10_000,
      'two failed attempts',
    );
    const [row] = await query<{ sent_at: number | null; last_error: string; next_attempt_at: number }>(
      dataDir,
      'SELECT sent_at, last_error, next_attempt_at FROM outbox',
    );
    expect(row!.sent_at).toBeNull();
    expect(row!.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(row!.last_error).not.toContain('kai@');
    const back = await smtpServer();
    // The same address as before: point the sender at the new server by restarting on the same data.
    close();
    const again = formApp({ formMailTiming: { pollMs: 50, retryMs: 100 } }, dataDir, { smtpUrl: back.url });
    await until(() => back.received.length === 1, 15_000, 'the retried mail');
    await again.forms.sender.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(back.received).toHaveLength(1);
    again.close();
    await back.close();
    void forms;
    void app;
  });

  it('sends a mail exactly once after the server is killed (SIGKILL) between commit and send', async () => {
    const smtp = await smtpServer();
    const dataDir = freshDir();
    try {
      // The SMTP server holds every connection: the mail is committed, its send started and never finished.
      smtp.setHold(true);
      const env = { SMTP_URL: smtp.url, MAIL_LEASE_MS: '1500' };
      const first = await startChild(dataDir, env);
      const page = await call(first.port, 'GET', '/us/en/email-signup');
      const posted = await call(
        first.port,
        'POST',
        '/us/en/email-signup',
        encode({
          key: hidden(page.body, 'key'),
          token: hidden(page.body, 'token'),
          email: 'lou@example.com',
          consent: 'yes',
          consentVersion: hidden(page.body, 'consentVersion'),
        }),
      );
      expect(posted.status).toBe(303);
      await new Promise((r) => setTimeout(r, 300));
      kill(first.child, 'SIGKILL');
      await first.exited;
      expect(smtp.received).toHaveLength(0);
      expect(await count(dataDir, 'outbox WHERE sent_at IS NULL')).toBe(1);

      smtp.setHold(false);
      const second = await startChild(dataDir, env);
      try {
        await until(() => smtp.received.length === 1, 15_000, 'the mail after the restart');
        // Long enough for more polls and another lease to pass: still once.
        await new Promise((r) => setTimeout(r, 2500));
        expect(smtp.received.filter((m) => m.to.includes('lou@example.com'))).toHaveLength(1);
        expect(await count(dataDir, 'outbox WHERE sent_at IS NOT NULL')).toBe(1);
      } finally {
        kill(second.child, 'SIGKILL');
      }
    } finally {
      await smtp.close();
    }
  });
});
