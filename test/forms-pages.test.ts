import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY } from '../src/forms/csrf.js';
import { emailKey } from '../src/forms/fields.js';
import { HONEYPOT } from '../src/forms/paths.js';
import { hrefs, htmlErrors, makeApp, textOf } from './helpers.js';
import { count, formApp, hidden, loc, main, openForm, query, referenceOf, REQUEST, sendRequest } from './forms-helpers.js';

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
    // The blank form is for search engines; what it leads to is not.
    expect(a.headers['x-robots-tag']).toBeUndefined();
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
    expect(res.text).toContain(
      'id="pr-email-error"><span class="visually-hidden">Error: </span>Enter an e-mail address in the right format, like name@example.com</p>',
    );
    expect(res.text).toContain('id="pr-message-error"><span class="visually-hidden">Error: </span>Enter your message</p>');
    expect(res.text).toContain('<li><a href="#pr-name">Enter your name</a></li>');
    expect(res.text).toContain('value="not an address"');
    expect(res.text).toContain('value="copy" checked');
    expect(res.text).toContain('aria-invalid="true" aria-describedby="pr-name-error"');
    expect(await htmlErrors(res.text)).toEqual([]);
    expect(await count(dataDir, 'privacy_requests')).toBe(0);
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
    const [row] = await query<Record<string, string>>(dataDir, 'SELECT * FROM privacy_requests WHERE reference = ?', reference);
    expect(row).toMatchObject({
      type: 'copy',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      region: 'us',
      language: 'en',
      locale: 'en-US',
      exported_at: null,
    });
    const sent = await request(app).get(location);
    expect(sent.status).toBe(200);
    expect(sent.headers['cache-control']).toBe('no-store');
    // It shows the sender's reference and request: kept out of search engines as well as caches.
    expect(sent.headers['x-robots-tag']).toBe('noindex');
    expect(sent.text).toContain(`<strong>${reference}</strong>`);
    expect(textOf(sent.text)).toContain('What happens next');
    expect(textOf(sent.text)).toContain('Get a copy of my personal information');
    expect(await htmlErrors(sent.text)).toEqual([]);
  });

  it('records the site the request came from', async () => {
    const res = await sendRequest(app, { ...REQUEST, message: 'Question posée depuis la Belgique' }, '/be/fr');
    const [row] = await query<Record<string, string>>(
      dataDir,
      'SELECT region, language, locale FROM privacy_requests WHERE reference = ?',
      referenceOf(loc(res)),
    );
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
    expect(textOf(bad.text)).toContain('Your name contains invisible or text-direction characters');
    const good = await sendRequest(app, { ...REQUEST, message: 'line one\r\nline two' });
    const [row] = await query<{ message: string }>(
      dataDir,
      'SELECT message FROM privacy_requests WHERE reference = ?',
      referenceOf(loc(good)),
    );
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
    const big = await request(app)
      .post('/fr/fr/privacy/request')
      .type('form')
      .send({ ...REQUEST, key: form.key, token: form.token, message: 'a'.repeat(9000) });
    expect(big.status).toBe(413);
    expect(big.text).toContain('<html lang="fr-FR"');
    expect(textOf(big.text)).toContain('Texte trop long');
    expect(big.text).toContain('href="/fr/fr/privacy/request"');
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}`, 'x']));
    const wide = await request(app)
      .post('/fr/fr/privacy/request')
      .type('form')
      .send({ key: form.key, token: form.token, ...many });
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

  it('stored only the one valid submission among them', async () => {
    expect(await count(dataDir, 'privacy_requests')).toBe(1);
  });
});

describe('input rules and polish', () => {
  const { app, dataDir } = formApp();

  it.each([
    [
      'a right-to-left override in the name',
      { name: 'Ada \u202Egnp.exe' },
      'Your name contains invisible or text-direction characters',
      'Ada gnp.exe',
    ],
    ['a zero-width space in the name', { name: 'Ad\u200Ba' }, 'Your name contains invisible or text-direction characters', 'Ada'],
    [
      'a bidi isolate in the address',
      { email: 'ada\u2066@example.com' },
      'Your e-mail address contains invisible or text-direction characters',
      'ada@example.com',
    ],
  ])('refuses %s with a clear message, and does not show the character back', async (_label, fields, message, shown) => {
    const res = await sendRequest(app, { ...REQUEST, ...fields });
    expect(res.status).toBe(422);
    expect(textOf(res.text)).toContain(message);
    expect(res.text).toContain(`value="${shown}"`);
    expect(res.text).not.toMatch(/[\u202E\u200B\u2066]/);
  });

  it('accepts the zero-width non-joiner that Persian names need', async () => {
    const res = await sendRequest(app, { ...REQUEST, name: 'محمد\u200Cرضا' });
    expect(res.status).toBe(303);
  });

  it('compares addresses in lower case with the domain in ASCII (IDN)', () => {
    expect(emailKey('Kim@Bücher.Example')).toBe('kim@xn--bcher-kva.example');
    expect(emailKey('KIM@xn--bcher-kva.example')).toBe(emailKey('kim@bücher.example'));
    expect(emailKey('Ünal@Example.com')).toBe('ünal@example.com');
  });

  it('stores the address as typed', async () => {
    const res = await sendRequest(app, { ...REQUEST, email: ' Ada@Bücher.Example ' });
    const [row] = await query<{ email: string }>(dataDir, 'SELECT email FROM privacy_requests WHERE reference = ?', referenceOf(loc(res)));
    expect(row!.email).toBe('Ada@Bücher.Example');
  });

  it('marks the request-type radio group required, and prefixes the title of an invalid form with "Error: "', async () => {
    const page = await request(app).get('/us/en/privacy/request');
    expect(page.text).toMatch(/name="type" type="radio" value="question" required>/);
    expect(page.text).toContain('<title>Privacy request');
    const bad = await sendRequest(app, { ...REQUEST, name: '' });
    expect(bad.text).toMatch(/<title>Error: Privacy request/);
    const german = await sendRequest(app, { ...REQUEST, email: 'x' }, '/de/de');
    expect(german.text).toMatch(/<title>Fehler: /);
    const signup = await openForm(app, '/us/en/email-signup');
    const refused = await request(app)
      .post('/us/en/email-signup')
      .type('form')
      .send({ key: signup.key, token: signup.token, email: 'kim@example.com' });
    expect(refused.text).toMatch(/<title>Error: E-mail sign-up/);
  });

  it('reads the honeypot name and the field ids from one table', async () => {
    const page = await request(app).get('/us/en/email-signup');
    expect(page.text).toContain(`id="es-website" name="${HONEYPOT}"`);
    expect(page.text).toContain('<input id="es-email" name="email"');
  });
});
