// E-mail sign-up: the consent and its version, the form's rules, unsubscribe links, and view models.
import crypto from 'node:crypto';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Site } from '../regions/registry.js';
import { pageHref } from '../shell/routes.js';
import { emailField, errorText, LIMITS, readFields, validate, type FieldError, type Validated } from './fields.js';
import { formHref } from './paths.js';
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
  consentText: string;
  consentVersion: string;
}

/**
 * Validates a sign-up against the consent wording of this page. A box ticked next to a wording
 * that has since changed is no consent to the new one: the visitor is asked to tick it again.
 */
export function parseSignup(
  body: unknown,
  t: TFunction,
): { values: { email: string; consent: boolean }; result: Validated<SignupInput> } {
  const posted = readFields(body, SIGNUP_FIELDS);
  const text = consentText(t);
  const version = consentVersion(text);
  const checked = validate(signupSchema, posted, t, ['email', 'consent']);
  const errors: FieldError[] = checked.ok ? [] : checked.errors;
  const changed = posted.consent === 'yes' && posted.consentVersion !== version;
  if (changed) errors.push({ field: 'consent', message: errorText(t, 'consent.changed') });
  const values = { email: posted.email ?? '', consent: posted.consent === 'yes' && !changed };
  if (!checked.ok || errors.length > 0) return { values, result: { ok: false, errors } };
  return { values, result: { ok: true, data: { email: checked.data.email, consentText: text, consentVersion: version } } };
}

export interface UnsubscribeTokens {
  token(reference: string): string;
  /** The reference a token stands for, if the token is genuine. */
  read(token: unknown): string | undefined;
}

/** `ES-7K4Q-9MZT.<HMAC>`: works without logging in, and cannot be made for another subscription. */
export function createUnsubscribeTokens(secret: Buffer): UnsubscribeTokens {
  const signatures = signer(secret, 'unsubscribe');
  return {
    token: (reference) => `${reference}.${signatures.sign(reference)}`,
    read(token) {
      if (typeof token !== 'string' || token.length > 100) return undefined;
      const dot = token.indexOf('.');
      const reference = token.slice(0, dot);
      if (dot === -1 || !REFERENCE.test(reference) || !reference.startsWith('ES-')) return undefined;
      return signatures.verify(reference, token.slice(dot + 1)) ? reference : undefined;
    },
  };
}

const FIELD_IDS: Record<string, string> = { email: 'es-email', consent: 'es-consent' };

export interface SignupFormState {
  values: { email?: string; consent?: boolean };
  errors: FieldError[];
  key: string;
  token: string;
  notice?: string;
}

export function signupFormModel(t: TFunction, site: Site, state: SignupFormState) {
  const text = consentText(t);
  return {
    action: formHref(site, 'signup'),
    key: state.key,
    token: state.token,
    notice: state.notice,
    errors: state.errors.map((e) => ({ ...e, id: FIELD_IDS[e.field] ?? 'es-email' })),
    fieldErrors: Object.fromEntries(state.errors.map((e) => [e.field, e.message])),
    values: { email: state.values.email ?? '', consent: state.values.consent === true },
    consent: { text, version: consentVersion(text) },
    limits: LIMITS,
    statementHref: pageHref(site, 'privacy'),
  };
}

export function signupDoneModel(site: Site, row: Signup | undefined, tokens: UnsubscribeTokens) {
  return {
    signup: row && {
      email: row.email,
      unsubscribed: row.unsubscribedAt !== null,
      unsubscribeHref: `${formHref(site, 'unsubscribe')}?token=${tokens.token(row.reference)}`,
    },
    signupHref: formHref(site, 'signup'),
    homeHref: pageHref(site, 'home'),
  };
}

export function unsubscribeModel(site: Site, row: Signup, token: string, csrf: { key: string; token: string }) {
  return {
    email: row.email,
    unsubscribed: row.unsubscribedAt !== null,
    action: formHref(site, 'unsubscribe'),
    unsubscribeToken: token,
    key: csrf.key,
    token: csrf.token,
    signupHref: formHref(site, 'signup'),
    homeHref: pageHref(site, 'home'),
  };
}
