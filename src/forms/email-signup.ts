// E-mail sign-up: the consent and its version, the form's rules, unsubscribe links, and view models.
import crypto from 'node:crypto';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Site } from '../regions/registry.js';
import { pageHref } from '../shell/routes.js';
import {
  emailField,
  emailKey,
  errorText,
  LIMITS,
  readFields,
  validate,
  withoutInvisible,
  type FieldError,
  type Validated,
} from './fields.js';
import { FORMS, formHref, identityModel } from './paths.js';
import { signer } from './secret.js';
import { REFERENCE, type Signup } from './store.js';

/** The consent exactly as the visitor reads it, in the page's language. */
export function consentText(t: TFunction): string {
  return t('forms:signup.consent');
}

/**
 * The version of a consent wording: a digest of its exact text, so any change of wording (in any
 * language) is a new version without anyone having to remember to bump a number.
 */
export function consentVersion(text: string): string {
  return `c-${crypto.createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)}`;
}

export const SIGNUP_FIELDS = ['email', 'consent', 'consentVersion'] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number];

export const signupSchema = z.object({
  email: emailField,
  consent: z.literal('yes', { error: 'consent.required' }),
  consentVersion: z.string().optional(),
});

export interface SignupInput {
  email: string;
  emailKey: string;
  consentText: string;
  consentVersion: string;
}

/**
 * Validates a sign-up against the consent wording of this page. A box ticked next to a wording
 * that has since changed is no consent to the new one: the visitor is asked to tick it again.
 */
export function parseSignup(body: unknown, t: TFunction): { values: { email: string; consent: boolean }; result: Validated<SignupInput> } {
  const posted = readFields(body, SIGNUP_FIELDS);
  const text = consentText(t);
  const version = consentVersion(text);
  const checked = validate(signupSchema, posted, t, ['email', 'consent']);
  const errors: FieldError[] = checked.ok ? [] : checked.errors;
  const changed = posted.consent === 'yes' && posted.consentVersion !== version;
  if (changed) errors.push({ field: 'consent', message: errorText(t, 'consent.changed') });
  const values = { email: withoutInvisible(posted.email ?? ''), consent: posted.consent === 'yes' && !changed };
  if (!checked.ok || errors.length > 0) return { values, result: { ok: false, errors } };
  return {
    values,
    result: {
      ok: true,
      data: { email: checked.data.email, emailKey: emailKey(checked.data.email), consentText: text, consentVersion: version },
    },
  };
}

export interface SignupTokens {
  /** Unsubscribes: never expires, since every mail carries it. */
  unsubscribe(reference: string): string;
  readUnsubscribe(token: unknown): string | undefined;
  /** Confirms a sign-up until CONFIRM_LIFETIME_MS after it was mailed. */
  confirm(reference: string): string;
  readConfirm(token: unknown): { reference: string; expired: boolean } | undefined;
}

/** How long a confirmation link works; unconfirmed sign-ups are deleted after 30 days (purge). */
export const CONFIRM_LIFETIME_MS = 7 * 24 * 3600_000;

const signupReference = (value: string) => REFERENCE.test(value) && value.startsWith('ES-');

/**
 * `ES-7K4Q-9MZT.<HMAC>` and `ES-7K4Q-9MZT.<expiry>.<HMAC>`: they work without logging in, are signed
 * with keys of their own (one cannot stand for the other), and cannot be made for another sign-up.
 */
export function createSignupTokens(secret: Buffer, now: () => number): SignupTokens {
  const unsubscribe = signer(secret, 'unsubscribe');
  const confirm = signer(secret, 'confirm');
  const parts = (token: unknown) => (typeof token === 'string' && token.length <= 100 ? token.split('.') : []);
  return {
    unsubscribe: (reference) => `${reference}.${unsubscribe.sign(reference)}`,
    readUnsubscribe(token) {
      const [reference, signature, extra] = parts(token);
      if (!reference || !signature || extra !== undefined || !signupReference(reference)) return undefined;
      return unsubscribe.verify(reference, signature) ? reference : undefined;
    },
    confirm(reference) {
      const expires = (now() + CONFIRM_LIFETIME_MS).toString(36);
      return `${reference}.${expires}.${confirm.sign(`${reference}\n${expires}`)}`;
    },
    readConfirm(token) {
      const [reference, expires, signature, extra] = parts(token);
      if (!reference || !expires || !signature || extra !== undefined || !signupReference(reference)) return undefined;
      if (!/^[0-9a-z]{1,12}$/.test(expires) || !confirm.verify(`${reference}\n${expires}`, signature)) return undefined;
      return { reference, expired: now() > parseInt(expires, 36) };
    },
  };
}

export interface SignupFormState {
  values: { email?: string; consent?: boolean };
  errors: FieldError[];
  key: string;
  token: string;
  notice?: string;
}

export function signupFormModel(t: TFunction, site: Site, state: SignupFormState) {
  const text = consentText(t);
  const identity = identityModel(FORMS.signup);
  return {
    ...identity,
    action: formHref(site, 'signup'),
    key: state.key,
    token: state.token,
    notice: state.notice,
    errors: state.errors.map((e) => ({ ...e, id: identity.ids[e.field] ?? identity.ids.email! })),
    fieldErrors: Object.fromEntries(state.errors.map((e) => [e.field, e.message])),
    values: { email: state.values.email ?? '', consent: state.values.consent === true },
    consent: { text, version: consentVersion(text) },
    limits: LIMITS,
    statementHref: pageHref(site, 'privacy'),
  };
}

/** The same page for a first sign-up and any later one: it never tells whether the address is known. */
export function signupDoneModel(site: Site, row: Signup | undefined) {
  return {
    signup: row && { email: row.email },
    signupHref: formHref(site, 'signup'),
    homeHref: pageHref(site, 'home'),
  };
}

/** A page that asks before it acts (mail scanners fetch links): confirm or unsubscribe. */
export function linkActionModel(
  site: Site,
  row: Signup,
  page: 'signupConfirm' | 'unsubscribe',
  link: string,
  csrf: { key: string; token: string },
) {
  return {
    email: row.email,
    done: page === 'unsubscribe' ? row.unsubscribedAt !== null : row.confirmedAt !== null && row.unsubscribedAt === null,
    action: formHref(site, page),
    link,
    key: csrf.key,
    token: csrf.token,
    signupHref: formHref(site, 'signup'),
    homeHref: pageHref(site, 'home'),
  };
}
