import http from 'node:http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from '../src/forms/rate-limit.js';
import { textOf } from './helpers.js';
import {
  call,
  count,
  encode,
  formApp,
  freshDir,
  hidden,
  kill,
  loc,
  openForm,
  REQUEST,
  sendRequest,
  startChild,
  type App,
} from './forms-helpers.js';

describe('CSRF: a signed token and a same-origin check on every POST', () => {
  const { app, dataDir } = formApp();

  it.each([
    ['no token', (f: { key: string; token: string }) => ({ key: f.key })],
    ['no key', (f: { key: string; token: string }) => ({ token: f.token })],
    [
      'a forged token',
      (f: { key: string; token: string }) => ({ key: f.key, token: f.token.replace(/\.[\w-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') }),
    ],
    ['another key under the token', (f: { key: string; token: string }) => ({ key: 'AAAAAAAAAAAAAAAAAAAAAA', token: f.token })],
    ['a token given twice', (f: { key: string; token: string }) => ({ key: f.key, token: [f.token, f.token] })],
  ])('refuses %s with 403', async (_label, fields) => {
    const form = await openForm(app, '/us/en/privacy/request');
    const res = await request(app)
      .post('/us/en/privacy/request')
      .type('form')
      .send({ ...REQUEST, ...fields(form) });
    expect(res.status).toBe(403);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(textOf(res.text)).toContain('This form could not be sent');
  });

  it('refuses a token made for another form or another site', async () => {
    const signup = await openForm(app, '/us/en/email-signup');
    const res = await request(app)
      .post('/us/en/privacy/request')
      .type('form')
      .send({ ...REQUEST, key: signup.key, token: signup.token });
    expect(res.status).toBe(403);
    const french = await openForm(app, '/fr/fr/privacy/request');
    const crossSite = await request(app)
      .post('/us/en/privacy/request')
      .type('form')
      .send({ ...REQUEST, key: french.key, token: french.token });
    expect(crossSite.status).toBe(403);
  });

  it.each([
    ['Origin', 'https://evil.example'],
    ['Origin', 'null'],
    ['Origin', 'http://site.test'],
    ['Sec-Fetch-Site', 'cross-site'],
  ])('refuses %s: %s with 403, even with a valid token', async (header, value) => {
    const form = await openForm(app, '/de/de/privacy/request');
    const res = await request(app)
      .post('/de/de/privacy/request')
      .set(header, value)
      .type('form')
      .send({ ...REQUEST, key: form.key, token: form.token });
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

  it('stored only the accepted one', async () => {
    expect(await count(dataDir, 'privacy_requests')).toBe(1);
  });

  it('shows the form again, values kept, when its token is older than two hours', async () => {
    let clock = Date.parse('2025-03-01T10:00:00Z');
    const { app: timed, dataDir: dir } = formApp({ now: () => clock });
    const form = await openForm(timed, '/us/en/privacy/request');
    clock += 2 * 3600_000 + 1000;
    const res = await request(timed)
      .post('/us/en/privacy/request')
      .type('form')
      .send({ ...REQUEST, key: form.key, token: form.token });
    expect(res.status).toBe(403);
    expect(textOf(res.text)).toContain('This form was open for more than two hours');
    expect(res.text).toContain('value="Ada Lovelace"');
    expect(await count(dir, 'privacy_requests')).toBe(0);
    const again = await request(timed)
      .post('/us/en/privacy/request')
      .type('form')
      .send({ ...REQUEST, key: hidden(res.text, 'key'), token: hidden(res.text, 'token') });
    expect(again.status).toBe(303);
    expect(await count(dir, 'privacy_requests')).toBe(1);
  });
});

describe('origins in development and production', () => {
  const post = async (app: App, origin: string) => {
    const form = await openForm(app, '/us/en/privacy/request');
    return request(app)
      .post('/us/en/privacy/request')
      .set('Origin', origin)
      .type('form')
      .send({ ...REQUEST, key: form.key, token: form.token });
  };

  it('accepts in development the loopback address the site is opened at, on PORT, and names the expected origins when it refuses', async () => {
    const { app } = formApp({}, undefined, { nodeEnv: 'development', port: 3000, siteOrigin: 'http://localhost:3000' });
    expect((await post(app, 'http://localhost:3000')).status).toBe(303);
    expect((await post(app, 'http://127.0.0.1:3000')).status).toBe(303);
    const other = await post(app, 'http://127.0.0.1:4000');
    expect(other.status).toBe(403);
    expect(textOf(other.text)).toContain('In development, this form accepts posts only from http://localhost:3000, http://127.0.0.1:3000');
    expect(textOf(other.text)).not.toContain('sent from another site');
  });

  it('accepts in production only SITE_ORIGIN, exactly, and does not name it', async () => {
    const { app } = formApp({}, undefined, { nodeEnv: 'production', port: 3000, siteOrigin: 'https://site.test' });
    expect((await post(app, 'https://site.test')).status).toBe(303);
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'https://site.test:443x']) {
      const res = await post(app, origin);
      expect(res.status, origin).toBe(403);
      expect(textOf(res.text)).not.toContain('In development');
    }
  });
});

describe('rate limit per client address, shared by every worker', () => {
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

  it('does not count posts refused for their origin or token, so another site cannot use up a visitor’s quota', async () => {
    const { app } = formApp({ formRateLimit: { max: 2, windowMs: 60_000 } });
    for (let i = 0; i < 5; i++) {
      const form = await openForm(app, '/us/en/privacy/request');
      const foreign = await request(app)
        .post('/us/en/privacy/request')
        .set('Origin', 'https://evil.example')
        .type('form')
        .send({ ...REQUEST, key: form.key, token: form.token });
      expect(foreign.status).toBe(403);
      const noToken = await request(app).post('/us/en/privacy/request').type('form').send(REQUEST);
      expect(noToken.status).toBe(403);
    }
    expect((await sendRequest(app, REQUEST)).status).toBe(303);
    expect((await sendRequest(app, REQUEST)).status).toBe(303);
    expect((await sendRequest(app, REQUEST)).status).toBe(429);
  });

  it('keeps its count across a restart', async () => {
    const first = formApp({ formRateLimit: { max: 2, windowMs: 60_000 } });
    expect((await sendRequest(first.app, REQUEST)).status).toBe(303);
    expect((await sendRequest(first.app, REQUEST)).status).toBe(303);
    first.close();
    const second = formApp({ formRateLimit: { max: 2, windowMs: 60_000 } }, first.dataDir);
    expect((await sendRequest(second.app, REQUEST)).status).toBe(429);
    second.close();
  });

  it('gives one address exactly the limit across 2 worker processes', async () => {
    const dataDir = freshDir();
    const env = { FORM_RATE_MAX: '6' };
    const a = await startChild(dataDir, env);
    const b = await startChild(dataDir, env);
    try {
      const statuses: number[] = [];
      const post = async (port: number) => {
        const page = await call(port, 'GET', '/us/en/privacy/request');
        const answer = await call(
          port,
          'POST',
          '/us/en/privacy/request',
          encode({ ...REQUEST, key: hidden(page.body, 'key'), token: hidden(page.body, 'token') }),
        );
        statuses.push(answer.status);
      };
      // Concurrently, alternating between the workers.
      await Promise.all(Array.from({ length: 20 }, (_, i) => post(i % 2 === 0 ? a.port : b.port)));
      expect(statuses.filter((s) => s === 303)).toHaveLength(6);
      expect(statuses.filter((s) => s === 429)).toHaveLength(14);
    } finally {
      kill(a.child, 'SIGKILL');
      kill(b.child, 'SIGKILL');
    }
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
});

describe('honeypot', () => {
  it('answers a filled-in trap field like a success, and stores nothing', async () => {
    const { app, dataDir } = formApp();
    const res = await sendRequest(app, { ...REQUEST, website: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(loc(res)).toBe('/us/en/privacy/request/sent');
    const page = await request(app).get(loc(res));
    expect(page.status).toBe(200);
    expect(await count(dataDir, 'privacy_requests')).toBe(0);
    const form = await openForm(app, '/us/en/email-signup');
    const signup = await request(app)
      .post('/us/en/email-signup')
      .type('form')
      .send({
        key: form.key,
        token: form.token,
        email: 'bot@example.com',
        consent: 'yes',
        consentVersion: hidden(form.html, 'consentVersion'),
        website: 'x',
      });
    expect(signup.status).toBe(303);
    expect(await count(dataDir, 'email_signups')).toBe(0);
  });
});
