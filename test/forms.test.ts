import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY } from '../src/forms/csrf.js';
import { consentVersion } from '../src/forms/email-signup.js';
import { csvField } from '../src/forms/export.js';
import { addressKey, clientAddress, createRateLimiter } from '../src/forms/rate-limit.js';
import { DATABASE_FILE, MIGRATIONS, newReference, openStore, REFERENCE } from '../src/forms/store.js';
import { SECRET_FILE } from '../src/forms/secret.js';
import type { SiteData } from '../src/site.js';
import { ROOT, hrefs, htmlErrors, makeApp, textOf } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-test-'));
  dirs.push(dir);
  return dir;
}

/** An app on a data directory of its own (returned too, to look into the database). */
function formApp(data: SiteData = {}, dataDir = freshDir()) {
  return { ...makeApp(data, { dataDir }), dataDir };
}

function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const count = (dataDir: string, table: string) => query<{ n: number }>(dataDir, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

function hidden(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no hidden field ${name}`);
  return m[1]!;
}

type App = http.RequestListener;

async function openForm(app: App, url: string) {
  const res = await request(app).get(url);
  expect(res.status, url).toBe(200);
  return { key: hidden(res.text, 'key'), token: hidden(res.text, 'token'), html: res.text };
}

const REQUEST = { type: 'copy', name: 'Ada Lovelace', email: 'ada@example.com', message: 'Please send me a copy of my data.' };

async function sendRequest(app: App, fields: Record<string, string>, prefix = '/us/en') {
  const form = await openForm(app, `${prefix}/privacy/request`);
  return request(app).post(`${prefix}/privacy/request`).type('form').send({ key: form.key, token: form.token, ...fields });
}

/** The Location of a supertest answer. */
function loc(res: request.Response): string {
  return String(res.headers.location);
}

function referenceOf(location: string): string {
  return new URL(location, 'https://site.test').searchParams.get('ref')!;
}

function main(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

describe('reaching the forms', () => {
  const { app } = makeApp();

  it('links "Privacy Submission Form" in the statement’s introduction to the request form', async () => {
    const res = await request(app).get('/us/en/privacy');
    expect(res.text).toContain('<a href="/us/en/privacy/request">Privacy Submission Form</a>');
  });

  it('offers the request form under "Privacy Questions and Access"', async () => {
    const res = await request(app).get('/us/en/privacy');
    const section = res.text.slice(res.text.indexOf('id="privacy-questions-and-access"'));
    expect(section).toContain('<a href="/us/en/privacy/request">Send a privacy request</a>');
  });

  it.each([
    ['/fr/fr/privacy', '<a href="/fr/fr/privacy/request">formulaire de demande relative à la confidentialité</a>'],
    ['/de/de/privacy', '<a href="/de/de/privacy/request">Datenschutz-Kontaktformular</a>'],
    ['/jp/ja/privacy', '<a href="/jp/ja/privacy/request">プライバシーに関するお問い合わせフォーム</a>'],
    ['/sa/ar/privacy', '<a href="/sa/ar/privacy/request">نموذج تقديم استفسارات الخصوصية</a>'],
    ['/hk/zh/privacy', '<a href="/hk/zh/privacy/request">私隱意見提交表單</a>'],
  ])('links the translated phrase on %s', async (url, link) => {
    expect((await request(app).get(url)).text).toContain(link);
  });

  it.each([
    ['/us/en/', '/us/en/email-signup', 'Email Sign-Up'],
    ['/us/en/support/contact', '/us/en/email-signup', 'Email Sign-Up'],
    ['/fr/fr/privacy', '/fr/fr/email-signup', 'Inscription aux e-mails'],
    ['/ca/fr/privacy', '/ca/fr/email-signup', 'Inscription aux courriels'],
  ])('has the header’s Email Sign-Up entry on %s', async (url, href, label) => {
    const res = await request(app).get(url);
    const header = res.text.slice(res.text.indexOf('<header'), res.text.indexOf('</header>'));
    expect(header).toContain(`<li><a href="${href}">${label}</a></li>`);
  });

  it('serves both forms and the links they carry', async () => {
    for (const url of ['/us/en/privacy/request', '/us/en/email-signup']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(200);
      for (const link of hrefs(main(res.text)).filter((h) => h.startsWith('/'))) {
        expect((await request(app).get(link)).status, link).toBe(200);
      }
    }
  });
});

describe('the privacy request form', () => {
  const { app, dataDir } = formApp();

  it('is a plain HTML form: POST to itself, a fresh key and token, never cached, no cookie', async () => {
    const a = await request(app).get('/us/en/privacy/request');
    const b = await request(app).get('/us/en/privacy/request');
    expect(a.status).toBe(200);
    expect(a.headers['cache-control']).toBe('no-store');
    expect(a.headers['set-cookie']).toBeUndefined();
    expect(a.headers['content-language']).toBe('en-US');
    expect(a.text).toContain('<form class="form" action="/us/en/privacy/request" method="post" novalidate>');
    expect(a.text).not.toMatch(/<script(?! src| type="application\/ld\+json")/);
    expect(hidden(a.text, 'key')).toMatch(IDEMPOTENCY_KEY);
    expect(hidden(a.text, 'key')).not.toBe(hidden(b.text, 'key'));
    for (const type of ['question', 'copy', 'correction', 'deletion', 'marketing-opt-out']) {
      expect(a.text).toContain(`name="type" type="radio" value="${type}"`);
    }
    expect(a.text).toContain('Recorded with your request: country/region United States, language English.');
    expect(await htmlErrors(a.text)).toEqual([]);
  });

  it('shows an English message next to each field, and a summary, keeping what was typed', async () => {
    const res = await sendRequest(app, { type: 'copy', name: '', email: 'not an address', message: '' });
    expect(res.status).toBe(422);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<p class="form__error" id="pr-name-error"><span class="visually-hidden">Error: </span>Enter your name</p>');
    expect(res.text).toContain('id="pr-email-error"><span class="visually-hidden">Error: </span>Enter an e-mail address in the right format, like name@example.com</p>');
    expect(res.text).toContain('id="pr-message-error"><span class="visually-hidden">Error: </span>Enter your message</p>');
    expect(res.text).toContain('<li><a href="#pr-name">Enter your name</a></li>');
    expect(res.text).toContain('value="not an address"');
    expect(res.text).toContain('value="copy" checked');
    expect(res.text).toContain('aria-invalid="true" aria-describedby="pr-name-error"');
    expect(await htmlErrors(res.text)).toEqual([]);
    expect(count(dataDir, 'privacy_requests')).toBe(0);
  });

  it('shows the messages in French on /fr/fr/', async () => {
    const res = await sendRequest(app, { name: 'Émile', email: '', message: 'x'.repeat(801) }, '/fr/fr');
    expect(res.status).toBe(422);
    expect(res.text).toContain('<html lang="fr-FR"');
    const text = textOf(res.text);
    expect(text).toContain('Il y a un problème');
    expect(text).toContain('Choisissez ce que vous souhaitez faire');
    expect(text).toContain('Saisissez votre adresse e-mail');
    expect(text).toContain('Votre message doit comporter 800 caractères au maximum');
    expect(text).not.toContain('Enter your');
    expect(res.text).toContain('value="Émile"');
  });

  it('shows the messages in German on /de/de/', async () => {
    const res = await sendRequest(app, { type: 'question', name: 'x'.repeat(101), email: 'jemand@beispiel', message: 'Hallo' }, '/de/de');
    expect(res.status).toBe(422);
    const text = textOf(res.text);
    expect(text).toContain('Ihr Name darf höchstens 100 Zeichen lang sein');
    expect(text).toContain('Geben Sie eine E-Mail-Adresse im richtigen Format ein');
    expect(text).not.toContain('Enter');
  });

  it('stores a valid request and answers 303 to a confirmation that shows the stored reference', async () => {
    const res = await sendRequest(app, REQUEST);
    expect(res.status).toBe(303);
    expect(res.headers['cache-control']).toBe('no-store');
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/us\/en\/privacy\/request\/sent\?ref=PR-[0-9A-Z]{4}-[0-9A-Z]{4}&t=[0-9a-z]+&sig=[\w-]{32}$/);
    const reference = referenceOf(location);
    const [row] = query<Record<string, string>>(dataDir, 'SELECT * FROM privacy_requests WHERE reference = ?', reference);
    expect(row).toMatchObject({ type: 'copy', name: 'Ada Lovelace', email: 'ada@example.com', region: 'us', language: 'en', locale: 'en-US', exported_at: null });
    const sent = await request(app).get(location);
    expect(sent.status).toBe(200);
    expect(sent.headers['cache-control']).toBe('no-store');
    expect(sent.text).toContain(`<strong>${reference}</strong>`);
    expect(textOf(sent.text)).toContain('What happens next');
    expect(textOf(sent.text)).toContain('Get a copy of my personal information');
    expect(await htmlErrors(sent.text)).toEqual([]);
  });

  it('records the site the request came from', async () => {
    const res = await sendRequest(app, { ...REQUEST, message: 'Question posée depuis la Belgique' }, '/be/fr');
    const [row] = query<Record<string, string>>(dataDir, 'SELECT region, language, locale FROM privacy_requests WHERE reference = ?', referenceOf(loc(res)));
    expect(row).toEqual({ region: 'be', language: 'fr', locale: 'fr-BE' });
  });

  it('escapes stored text when it shows it back', async () => {
    const res = await sendRequest(app, { ...REQUEST, name: '<script>alert("x")</script> & Co' });
    const sent = await request(app).get(loc(res));
    expect(sent.text).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co');
    expect(sent.text).not.toContain('<script>alert');
  });

  it('escapes what was typed when it shows the form again', async () => {
    const res = await sendRequest(app, { name: '"><script>x</script>', email: '', message: '</textarea><b>' });
    expect(res.status).toBe(422);
    expect(res.text).not.toContain('<script>x');
    expect(res.text).not.toContain('</textarea><b>');
  });

  it('shows a generic acknowledgement, without details, for a forged or missing confirmation link', async () => {
    const res = await sendRequest(app, REQUEST);
    const forged = (res.headers.location as string).replace(/sig=[\w-]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    for (const url of [forged, '/us/en/privacy/request/sent', '/us/en/privacy/request/sent?ref=PR-0000-0000']) {
      const page = await request(app).get(url);
      expect(page.status, url).toBe(200);
      expect(page.text).toContain('If you sent a request, we have received it.');
      expect(page.text).not.toContain('Ada Lovelace');
    }
  });

  it('rejects control characters and keeps the line breaks of a message', async () => {
    const bad = await sendRequest(app, { ...REQUEST, name: 'Ada\u0007' });
    expect(bad.status).toBe(422);
    expect(textOf(bad.text)).toContain('Your name contains characters we cannot accept');
    const good = await sendRequest(app, { ...REQUEST, message: 'line one\r\nline two' });
    const [row] = query<{ message: string }>(dataDir, 'SELECT message FROM privacy_requests WHERE reference = ?', referenceOf(loc(good)));
    expect(row!.message).toBe('line one\nline two');
  });
});

describe('bad input never gives a 500', () => {
  const { app, dataDir } = formApp();

  it.each([
    ['a field sent twice', 'type=copy&type=deletion&name=A&email=a%40example.com&message=m', 422],
    ['malformed percent-encoding', 'type=copy&name=%E0%A4%A&email=a%40example.com&message=%zz', 303],
    ['an unknown type', 'type=everything&name=A&email=a%40example.com&message=m', 422],
    ['no fields at all', '', 422],
  ])('%s', async (_label, body, status) => {
    const form = await openForm(app, '/us/en/privacy/request');
    const res = await request(app)
      .post('/us/en/privacy/request')
      .type('form')
      .send(`key=${form.key}&token=${encodeURIComponent(form.token)}${body ? `&${body}` : ''}`);
    expect(res.status).toBe(status);
    expect(res.text).not.toMatch(/at \S+ \(|\.ts:\d+|node_modules/);
  });

  it('refuses a body that is not a form, or in another charset', async () => {
    const json = await request(app).post('/us/en/privacy/request').set('Content-Type', 'application/json').send('{"key":"x"}');
    expect(json.status).toBe(403);
    const latin1 = await request(app)
      .post('/us/en/privacy/request')
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=latin1')
      .send('name=x');
    expect(latin1.status).toBe(415);
    expect(latin1.text).toContain('This form could not be read');
  });

  it('answers 413 with a page in the visitor’s language when the body is over 8 KB or has too many fields', async () => {
    const form = await openForm(app, '/fr/fr/privacy/request');
    const big = await request(app).post('/fr/fr/privacy/request').type('form').send({ ...REQUEST, key: form.key, token: form.token, message: 'a'.repeat(9000) });
    expect(big.status).toBe(413);
    expect(big.text).toContain('<html lang="fr-FR"');
    expect(textOf(big.text)).toContain('Texte trop long');
    expect(big.text).toContain('href="/fr/fr/privacy/request"');
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}`, 'x']));
    const wide = await request(app).post('/fr/fr/privacy/request').type('form').send({ key: form.key, token: form.token, ...many });
    expect(wide.status).toBe(413);
    expect(await htmlErrors(big.text)).toEqual([]);
  });

  it('answers other methods with 405 and unknown sites with 404', async () => {
    const put = await request(app).put('/us/en/privacy/request').send('x');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expect((await request(app).post('/us/en/privacy/request/sent')).status).toBe(405);
    expect((await request(app).get('/xx/en/privacy/request')).status).toBe(404);
    expect((await request(app).post('/xx/en/privacy/request').type('form').send('a=b')).status).toBe(404);
    expect([301, 404]).toContain((await request(app).get('/US/en/privacy/request')).status);
  });

  it('stored only the one valid submission among them', () => {
    expect(count(dataDir, 'privacy_requests')).toBe(1);
  });
});

describe('CSRF: a signed token and a same-origin check on every POST', () => {
  const { app, dataDir } = formApp();

  it.each([
    ['no token', (f: { key: string; token: string }) => ({ key: f.key })],
    ['no key', (f: { key: string; token: string }) => ({ token: f.token })],
    ['a forged token', (f: { key: string; token: string }) => ({ key: f.key, token: f.token.replace(/\.[\w-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') })],
    ['another key under the token', (f: { key: string; token: string }) => ({ key: 'AAAAAAAAAAAAAAAAAAAAAA', token: f.token })],
    ['a token given twice', (f: { key: string; token: string }) => ({ key: f.key, token: [f.token, f.token] })],
  ])('refuses %s with 403', async (_label, fields) => {
    const form = await openForm(app, '/us/en/privacy/request');
    const res = await request(app).post('/us/en/privacy/request').type('form').send({ ...REQUEST, ...fields(form) });
    expect(res.status).toBe(403);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(textOf(res.text)).toContain('This form could not be sent');
  });

  it('refuses a token made for another form or another site', async () => {
    const signup = await openForm(app, '/us/en/email-signup');
    const res = await request(app).post('/us/en/privacy/request').type('form').send({ ...REQUEST, key: signup.key, token: signup.token });
    expect(res.status).toBe(403);
    const french = await openForm(app, '/fr/fr/privacy/request');
    const crossSite = await request(app).post('/us/en/privacy/request').type('form').send({ ...REQUEST, key: french.key, token: french.token });
    expect(crossSite.status).toBe(403);
  });

  it.each([
    ['Origin', 'https://evil.example'],
    ['Origin', 'null'],
    ['Origin', 'http://site.test'],
    ['Sec-Fetch-Site', 'cross-site'],
  ])('refuses %s: %s with 403, even with a valid token', async (header, value) => {
    const form = await openForm(app, '/de/de/privacy/request');
    const res = await request(app).post('/de/de/privacy/request').set(header, value).type('form').send({ ...REQUEST, key: form.key, token: form.token });
    expect(res.status).toBe(403);
    expect(textOf(res.text)).toContain('Dieses Formular konnte nicht gesendet werden');
  });

  it('accepts the site’s own origin and a same-origin fetch', async () => {
    const form = await openForm(app, '/us/en/privacy/request');
    const res = await request(app)
      .post('/us/en/privacy/request')
      .set('Origin', 'https://site.test')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ ...REQUEST, key: form.key, token: form.token });
    expect(res.status).toBe(303);
  });

  it('stored only the accepted one', () => {
    expect(count(dataDir, 'privacy_requests')).toBe(1);
  });

  it('shows the form again, values kept, when its token is older than two hours', async () => {
    let clock = Date.parse('2025-03-01T10:00:00Z');
    const { app: timed, dataDir: dir } = formApp({ now: () => clock });
    const form = await openForm(timed, '/us/en/privacy/request');
    clock += 2 * 3600_000 + 1000;
    const res = await request(timed).post('/us/en/privacy/request').type('form').send({ ...REQUEST, key: form.key, token: form.token });
    expect(res.status).toBe(403);
    expect(textOf(res.text)).toContain('This form was open for more than two hours');
    expect(res.text).toContain('value="Ada Lovelace"');
    expect(count(dir, 'privacy_requests')).toBe(0);
    const again = await request(timed)
      .post('/us/en/privacy/request')
      .type('form')
      .send({ ...REQUEST, key: hidden(res.text, 'key'), token: hidden(res.text, 'token') });
    expect(again.status).toBe(303);
    expect(count(dir, 'privacy_requests')).toBe(1);
  });
});

describe('rate limit per client address', () => {
  it('answers 429 with Retry-After and a page in the visitor’s language after N posts, until the window ends', async () => {
    let clock = Date.parse('2025-03-01T10:00:00Z');
    const { app } = formApp({ formRateLimit: { max: 3, windowMs: 60_000 }, now: () => clock });
    for (let i = 0; i < 3; i++) expect((await sendRequest(app, REQUEST, '/fr/fr')).status).toBe(303);
    const limited = await sendRequest(app, REQUEST, '/fr/fr');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.headers['cache-control']).toBe('no-store');
    expect(textOf(limited.text)).toContain('Trop de formulaires envoyés');
    // Pages are not limited, only posts.
    expect((await request(app).get('/fr/fr/privacy/request')).status).toBe(200);
    clock += 60_000;
    expect((await sendRequest(app, REQUEST, '/fr/fr')).status).toBe(303);
  });

  it('counts the socket’s address, and X-Forwarded-For only when proxies are configured', () => {
    const req = (remoteAddress: string, xff?: string) =>
      ({ socket: { remoteAddress }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as unknown as http.IncomingMessage;
    expect(clientAddress(req('10.0.0.1', '1.2.3.4'), 0)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1', '9.9.9.9, 1.2.3.4'), 1)).toBe('1.2.3.4');
    expect(clientAddress(req('10.0.0.1', 'junk'), 1)).toBe('10.0.0.1');
    expect(clientAddress(req('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe(addressKey('2001:db8:1:2::9'));
    expect(addressKey('2001:db8:1:2::9')).not.toBe(addressKey('2001:db8:1:3::9'));
  });

  it('keeps a bounded number of addresses', () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000, maxClients: 100 }, () => 0);
    for (let i = 0; i < 1000; i++) limiter.hit(`10.0.${i >> 8}.${i & 255}`);
    // The first addresses were forgotten to make room: they may post again.
    expect(limiter.hit('10.0.0.0').allowed).toBe(true);
    expect(limiter.hit('10.0.0.0').allowed).toBe(false);
  });
});

describe('honeypot', () => {
  it('answers a filled-in trap field like a success, and stores nothing', async () => {
    const { app, dataDir } = formApp();
    const res = await sendRequest(app, { ...REQUEST, website: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(loc(res)).toBe('/us/en/privacy/request/sent');
    const page = await request(app).get(loc(res));
    expect(page.status).toBe(200);
    expect(count(dataDir, 'privacy_requests')).toBe(0);
    const form = await openForm(app, '/us/en/email-signup');
    const signup = await request(app)
      .post('/us/en/email-signup')
      .type('form')
      .send({ key: form.key, token: form.token, email: 'bot@example.com', consent: 'yes', consentVersion: hidden(form.html, 'consentVersion'), website: 'x' });
    expect(signup.status).toBe(303);
    expect(count(dataDir, 'email_signups')).toBe(0);
  });
});

describe('idempotency key', () => {
  it('stores a resubmitted form once and answers with the same reference', async () => {
    const { app, dataDir } = formApp();
    const form = await openForm(app, '/us/en/privacy/request');
    const send = () => request(app).post('/us/en/privacy/request').type('form').send({ ...REQUEST, key: form.key, token: form.token });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(referenceOf(loc(second))).toBe(referenceOf(loc(first)));
    expect(count(dataDir, 'privacy_requests')).toBe(1);
  });
});

describe('storage', () => {
  it('keeps submissions across a restart, with the same secret', async () => {
    const dataDir = freshDir();
    const first = formApp({}, dataDir);
    const res = await sendRequest(first.app, REQUEST);
    first.close();
    const secret = path.join(dataDir, SECRET_FILE);
    expect(fs.statSync(secret).mode & 0o777).toBe(0o600);
    const second = formApp({}, dataDir);
    // The confirmation link signed before the restart still verifies: the secret was kept.
    const sent = await request(second.app).get(loc(res));
    expect(sent.text).toContain(`<strong>${referenceOf(loc(res))}</strong>`);
    expect(second.forms.store.countPrivacyRequests()).toBe(1);
    second.close();
  });

  it('uses FORM_SECRET when it is set, and writes no secret file', () => {
    const dataDir = freshDir();
    const app = makeApp({}, { dataDir, formSecret: 'x'.repeat(40) });
    expect(fs.existsSync(path.join(dataDir, SECRET_FILE))).toBe(false);
    app.close();
  });

  it('creates the schema once, in WAL mode with synchronous=FULL', () => {
    const dataDir = freshDir();
    openStore(dataDir).close();
    const store = openStore(dataDir);
    store.close();
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('draws short, unambiguous references', () => {
    const refs = new Set(Array.from({ length: 2000 }, () => newReference('PR')));
    expect(refs.size).toBe(2000);
    for (const r of refs) {
      expect(r).toMatch(REFERENCE);
      expect(r).not.toMatch(/[ILOU]/);
    }
  });
});

/** A real HTTP server on 127.0.0.1 for concurrent requests. */
async function serve(listener: http.RequestListener) {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function call(port: number, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: body === undefined ? headers : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('concurrency through a real HTTP server', () => {
  it('stores 200 concurrent submissions exactly once each', async () => {
    const { app, dataDir, close } = formApp({ formRateLimit: { max: 10_000, windowMs: 60_000 } });
    const { port, stop } = await serve(app);
    try {
      const forms = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const page = await call(port, 'GET', '/us/en/privacy/request');
          return { key: hidden(page.body, 'key'), token: hidden(page.body, 'token') };
        }),
      );
      const answers = await Promise.all(
        forms.map((f, i) => call(port, 'POST', '/us/en/privacy/request', encode({ ...REQUEST, name: `Person ${i}`, ...f }))),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(303));
      expect(new Set(answers.map((a) => referenceOf(a.headers.location!))).size).toBe(200);
      expect(count(dataDir, 'privacy_requests')).toBe(200);
    } finally {
      await stop();
      close();
    }
  });

  it('stores 200 concurrent resubmissions of one key once, and answers each with its reference', async () => {
    const { app, dataDir, close } = formApp({ formRateLimit: { max: 10_000, windowMs: 60_000 } });
    const { port, stop } = await serve(app);
    try {
      const page = await call(port, 'GET', '/us/en/privacy/request');
      const body = encode({ ...REQUEST, key: hidden(page.body, 'key'), token: hidden(page.body, 'token') });
      const answers = await Promise.all(Array.from({ length: 200 }, () => call(port, 'POST', '/us/en/privacy/request', body)));
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(303));
      expect(new Set(answers.map((a) => referenceOf(a.headers.location!))).size).toBe(1);
      expect(count(dataDir, 'privacy_requests')).toBe(1);
    } finally {
      await stop();
      close();
    }
  });
});

/** The app in a child process (test/fixtures/forms-server.ts) and the port it listens on. */
async function startChild(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/forms-server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /PORT=(\d+)/.exec(stdout);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 20);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`server exited before listening: ${stderr}`));
    });
  });
  return { child, port, exited, output: () => stdout };
}

function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

describe('durability', () => {
  it('loses no acknowledged submission when the server is killed (SIGKILL) right after answering', async () => {
    const dataDir = freshDir();
    const { child, port, exited } = await startChild(dataDir);
    try {
      const forms = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const page = await call(port, 'GET', '/us/en/privacy/request');
          return { key: hidden(page.body, 'key'), token: hidden(page.body, 'token') };
        }),
      );
      const acknowledged: string[] = [];
      await Promise.allSettled(
        forms.map(async (f, i) => {
          const answer = await call(port, 'POST', '/us/en/privacy/request', encode({ ...REQUEST, name: `Killed ${i}`, ...f }));
          if (answer.status !== 303) throw new Error(`status ${answer.status}`);
          acknowledged.push(referenceOf(answer.headers.location!));
          // Killed the moment the tenth answer is in, with other submissions still in flight.
          if (acknowledged.length === 10) kill(child, 'SIGKILL');
        }),
      );
      await exited;
      expect(child.signalCode).toBe('SIGKILL');
      expect(acknowledged.length).toBeGreaterThanOrEqual(10);
      const stored = new Set(query<{ reference: string }>(dataDir, 'SELECT reference FROM privacy_requests').map((r) => r.reference));
      for (const reference of acknowledged) expect(stored, reference).toContain(reference);
    } finally {
      kill(child, 'SIGKILL');
    }
  });

  it('logs the reference and type of a request, never the e-mail, name or message', async () => {
    const dataDir = freshDir();
    const { child, port, exited, output } = await startChild(dataDir, { LOG_LEVEL: 'info' });
    try {
      const secret = { type: 'deletion', name: 'Zebulon Quartermaine', email: 'zebulon.q@example.org', message: 'Unmistakable message 4711' };
      const page = await call(port, 'GET', '/us/en/privacy/request');
      const fields = { key: hidden(page.body, 'key'), token: hidden(page.body, 'token') };
      const invalid = await call(port, 'POST', '/us/en/privacy/request', encode({ ...secret, email: 'zebulon.q@', ...fields }));
      expect(invalid.status).toBe(422);
      const answer = await call(port, 'POST', '/us/en/privacy/request', encode({ ...secret, ...fields }));
      expect(answer.status).toBe(303);
      await call(port, 'GET', answer.headers.location!);
      const signupPage = await call(port, 'GET', '/us/en/email-signup');
      const signup = await call(
        port,
        'POST',
        '/us/en/email-signup',
        encode({ key: hidden(signupPage.body, 'key'), token: hidden(signupPage.body, 'token'), email: secret.email, consent: 'yes', consentVersion: hidden(signupPage.body, 'consentVersion') }),
      );
      expect(signup.status).toBe(303);
      kill(child, 'SIGTERM');
      expect(await exited).toBe(0);
      const logs = output();
      expect(logs).toContain(referenceOf(answer.headers.location!));
      expect(logs).toContain('"type":"deletion"');
      expect(logs).toContain('privacy request stored');
      expect(logs).toContain('e-mail sign-up stored');
      for (const value of ['Zebulon', 'Quartermaine', 'zebulon.q', 'example.org', 'Unmistakable', '4711', 'sig=']) {
        expect(logs, value).not.toContain(value);
      }
    } finally {
      kill(child, 'SIGKILL');
    }
  });
});

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
      const res = await request(app).post(`${prefix}/email-signup`).type('form').send({ key: form.key, token: form.token, email: 'kim@example.com' });
      expect(res.status).toBe(422);
      expect(textOf(res.text)).toContain(message);
      expect(res.text).toContain('value="kim@example.com"');
    }
    expect(count(dataDir, 'email_signups')).toBe(0);
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
    const [row] = query<Record<string, string | null>>(dataDir, 'SELECT * FROM email_signups');
    const text =
      'Oui, je souhaite recevoir par e-mail les actualités, les offres et les informations produits de Lenovo. Je peux me désabonner à tout moment grâce au lien présent dans chaque e-mail.';
    expect(row).toMatchObject({ email: 'Kim@example.com', region: 'fr', language: 'fr', locale: 'fr-FR', consent_text: text, consent_version: version, unsubscribed_at: null });
    expect(version).toBe(consentVersion(text));
    expect(Math.abs(Date.parse(row!.consented_at!) - Date.now())).toBeLessThan(60_000);
    const thanks = await request(app).get(loc(res));
    expect(thanks.text).toContain('Kim@example.com');
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

  it('unsubscribes with a signed link and no login: the GET only asks, the POST unsubscribes', async () => {
    const form = await openForm(app, '/us/en/email-signup');
    const res = await request(app)
      .post('/us/en/email-signup')
      .type('form')
      .send({ key: form.key, token: form.token, email: 'sam@example.com', consent: 'yes', consentVersion: hidden(form.html, 'consentVersion') });
    const thanks = await request(app).get(loc(res));
    const link = /href="(\/us\/en\/email-signup\/unsubscribe\?token=[^"]+)"/.exec(thanks.text)![1]!;
    const reference = referenceOf(loc(res));
    expect(link).toContain(`token=${reference}.`);

    const ask = await request(app).get(link);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('<button type="submit">Unsubscribe</button>');
    expect(await htmlErrors(ask.text)).toEqual([]);
    const subscribed = () => query<{ unsubscribed_at: string | null }>(dataDir, 'SELECT unsubscribed_at FROM email_signups WHERE reference = ?', reference)[0]!;
    expect(subscribed().unsubscribed_at).toBeNull();

    const noToken = await request(app).post('/us/en/email-signup/unsubscribe').type('form').send({ subscription: hidden(ask.text, 'subscription') });
    expect(noToken.status).toBe(403);
    expect(subscribed().unsubscribed_at).toBeNull();

    const done = await request(app)
      .post('/us/en/email-signup/unsubscribe')
      .type('form')
      .send({ key: hidden(ask.text, 'key'), token: hidden(ask.text, 'token'), subscription: hidden(ask.text, 'subscription') });
    expect(done.status).toBe(303);
    expect(subscribed().unsubscribed_at).not.toBeNull();
    const after = await request(app).get(loc(done));
    expect(textOf(after.text)).toContain('You are unsubscribed');
  });

  it('answers a forged or broken unsubscribe link with a 400 page', async () => {
    for (const token of ['', 'ES-0000-0000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'nonsense', 'PR-0000-0000.x']) {
      const res = await request(app).get(`/us/en/email-signup/unsubscribe?token=${encodeURIComponent(token)}`);
      expect(res.status, token).toBe(400);
      expect(textOf(res.text)).toContain('This link does not work');
    }
  });

  it('gives the absolute unsubscribe link for e-mails from the configured origin', () => {
    const { forms, site } = makeApp({}, { dataDir: dataDir });
    const url = forms.unsubscribeUrl(site.registry.site('us', 'en')!, 'ES-0000-0000');
    expect(url).toMatch(/^https:\/\/site\.test\/us\/en\/email-signup\/unsubscribe\?token=ES-0000-0000\.[\w-]{32}$/);
  });
});

describe('export for the privacy team (npm run requests -- export)', () => {
  function runExport(dataDir: string, ...args: string[]) {
    return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/requests.ts', 'export', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
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
    expect(lines[0]).toBe('reference,createdAt,type,name,email,message,region,language,locale');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain('"Line one, with a comma\nand ""quotes"""');
    expect(text).toContain(',deletion,Ada Lovelace,ada@example.com,');
    expect(query<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM privacy_requests WHERE exported_at IS NULL')[0]!.n).toBe(0);

    const none = await runExport(dataDir, '--format', 'json', '--out', path.join(dataDir, 'none.json'));
    expect(none.stderr).toContain('No new privacy requests.');
    expect(fs.existsSync(path.join(dataDir, 'none.json'))).toBe(false);

    await sendRequest(app, { ...REQUEST, type: 'marketing-opt-out', name: 'Newer' });
    const json = await runExport(dataDir, '--format', 'json', '--out', '-');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'marketing-opt-out', name: 'Newer', email: 'ada@example.com', region: 'us', language: 'en', locale: 'en-US' });
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
    expect(query<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM privacy_requests WHERE exported_at IS NULL')[0]!.n).toBe(1);
    close();
  });

  it('defuses spreadsheet formulas in CSV fields', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('plain')).toBe('plain');
  });
});
