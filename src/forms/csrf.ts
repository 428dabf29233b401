// Cross-site request forgery defence without cookies (pages under /{cc}/{lang}/ never set one):
// a signed hidden token that binds the form, its issue time and the idempotency key, plus a refusal
// of any POST whose Origin is another site's or that the browser marks as cross-site.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors.js';
import { signer } from './secret.js';

/** How long a rendered form can be sent. */
export const TOKEN_LIFETIME_MS = 2 * 3600_000;
/** Clocks of several workers or machines may differ a little. */
const CLOCK_SKEW_MS = 60_000;

/** A new idempotency key: 128 random bits, 22 base64url characters. */
export function newIdempotencyKey(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/**
 * The key a submission is stored under: the form's key bound to what was sent. The same form sent again
 * with the same content (a retry, a double click) finds the first row and its receipt; sent again with
 * other content (back, edit, send) it is a submission of its own, kept rather than answered with the
 * first one's receipt while the edit is dropped.
 */
export function submissionKey(formKey: string, data: unknown): string {
  return crypto
    .createHash('sha256')
    .update(`${formKey}\n${JSON.stringify(data)}`)
    .digest('base64url')
    .slice(0, 22);
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/;

export type TokenCheck = 'valid' | 'expired' | 'invalid';

export interface Csrf {
  /** A token for `form` (e.g. `/us/en|privacy-request`) bound to `key`, issued now. */
  issue(form: string, key: string): string;
  check(form: string, key: unknown, token: unknown): TokenCheck;
}

export function createCsrf(secret: Buffer, now: () => number): Csrf {
  const signatures = signer(secret, 'csrf');
  const data = (form: string, issued: string, key: string) => `${form}\n${issued}\n${key}`;
  return {
    issue(form, key) {
      const issued = now().toString(36);
      return `${issued}.${signatures.sign(data(form, issued, key))}`;
    },
    check(form, key, token) {
      if (typeof key !== 'string' || typeof token !== 'string' || !IDEMPOTENCY_KEY.test(key)) return 'invalid';
      const m = TOKEN.exec(token);
      if (!m || !signatures.verify(data(form, m[1]!, key), m[2]!)) return 'invalid';
      const age = now() - parseInt(m[1]!, 36);
      if (age < -CLOCK_SKEW_MS) return 'invalid';
      return age > TOKEN_LIFETIME_MS ? 'expired' : 'valid';
    },
  };
}

/** A refusal of a post from another origin, with the origins that would have been accepted. */
export class ForeignOrigin extends HttpError {
  constructor(readonly expected: readonly string[]) {
    super(403, 'foreign origin');
  }
}

/**
 * The origins a post may come from. In production only SITE_ORIGIN. In development also the loopback
 * addresses on PORT, since the site is opened at whichever of them the developer typed.
 */
export function allowedOrigins(config: { siteOrigin: string; nodeEnv: string; port: number }): string[] {
  if (config.nodeEnv === 'production') return [config.siteOrigin];
  const loopback = ['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}:${config.port}`);
  return [...new Set([config.siteOrigin, ...loopback])];
}

/**
 * Refuses a POST that a browser tells us came from elsewhere: an Origin that is not one of ours
 * (`null` included) or `Sec-Fetch-Site: cross-site`. Clients that send neither (old browsers,
 * scripts, mail servers making an RFC 8058 one-click post) still need a valid token.
 */
export function rejectCrossSite(origins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.includes(origin)) return next(new ForeignOrigin(origins));
    if (req.headers['sec-fetch-site'] === 'cross-site') return next(new ForeignOrigin(origins));
    next();
  };
}
