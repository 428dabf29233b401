// Signing up again after unsubscribing: the page says a confirmation was sent, so one must be sent, even
// within the hour in which an address otherwise gets at most one mail.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formApp, header, loc, referenceOf, signUp, smtpServer, until } from './forms-helpers.js';
import { textOf } from './helpers.js';

describe('signing up again after unsubscribing', () => {
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  beforeAll(async () => {
    smtp = await smtpServer();
  });
  afterAll(() => smtp.close());
  const to = (address: string) => smtp.received.filter((m) => m.to.some((a) => a.toLowerCase() === address.toLowerCase()));

  it('mails a new confirmation within the hour, which confirms the new sign-up; a second sign-up in that hour still waits', async () => {
    const { app, forms, close } = formApp({}, undefined, { smtpUrl: smtp.url });
    try {
      const first = await signUp(app, 'rosa@example.com');
      await until(() => to('rosa@example.com').length === 1, 10_000, 'the first confirmation');
      expect(await forms.store.confirmSignup(referenceOf(loc(first)))).toBe(true);
      const url = new URL(header(to('rosa@example.com')[0]!.raw, 'List-Unsubscribe')!.slice(1, -1));
      expect(
        (
          await request(app)
            .post(url.pathname + url.search)
            .type('form')
            .send('List-Unsubscribe=One-Click')
        ).status,
      ).toBe(200);
      expect(await forms.store.isSubscribed('rosa@example.com')).toBe(false);

      // Minutes later, from the "Sign up again" link.
      const again = await signUp(app, 'Rosa@Example.com');
      expect(again.status).toBe(303);
      expect(textOf((await request(app).get(loc(again))).text)).toContain('We have sent a link to confirm your sign-up to this address');
      await until(() => to('rosa@example.com').length === 2, 10_000, 'the confirmation of the new sign-up');
      expect(to('rosa@example.com')[1]!.raw).toContain(referenceOf(loc(again)).slice(0, 7));
      expect(await forms.store.confirmSignup(referenceOf(loc(again)))).toBe(true);
      expect(await forms.store.isSubscribed('rosa@example.com')).toBe(true);

      // The hourly limit still holds for anyone entering the address again.
      await signUp(app, 'rosa@example.com');
      await new Promise((r) => setTimeout(r, 500));
      expect(to('rosa@example.com')).toHaveLength(2);
    } finally {
      close();
    }
  }, 30_000);
});
