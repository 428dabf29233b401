// Where the forms live below a site's prefix, and who each form is: one table, read by the routes, the
// templates (field ids, honeypot name), the header and the statement.
import type { Site } from '../regions/registry.js';

export const FORM_PATHS = {
  request: '/privacy/request',
  requestSent: '/privacy/request/sent',
  signup: '/email-signup',
  signupDone: '/email-signup/thanks',
  signupConfirm: '/email-signup/confirm',
  unsubscribe: '/email-signup/unsubscribe',
} as const;

export type FormPage = keyof typeof FORM_PATHS;

export function formHref(site: Pick<Site, 'prefix'>, page: FormPage): string {
  return `${site.prefix}${FORM_PATHS[page]}`;
}

/** The hidden field that people never see and simple bots fill in. */
export const HONEYPOT = 'website';

export interface FormIdentity {
  /** The page of the form, and of its confirmation. */
  page: FormPage;
  done: FormPage;
  /** The name in CSRF tokens and logs. */
  name: string;
  /** Prefix of the ids of its controls: `pr` gives `pr-email`, `pr-website`. */
  idPrefix: string;
  /** Its fields in the order of the page, which is the order of the error summary. */
  fields: readonly string[];
}

export const FORMS = {
  request: { page: 'request', done: 'requestSent', name: 'privacy-request', idPrefix: 'pr', fields: ['type', 'name', 'email', 'message'] },
  signup: { page: 'signup', done: 'signupDone', name: 'email-signup', idPrefix: 'es', fields: ['email', 'consent'] },
  unsubscribe: { page: 'unsubscribe', done: 'unsubscribe', name: 'unsubscribe', idPrefix: 'un', fields: [] },
} as const satisfies Record<string, FormIdentity>;

/** The ids of a form's controls, by field, as the templates write them and the error summary links them. */
export function fieldIds(form: FormIdentity): Record<string, string> {
  return Object.fromEntries([...form.fields, 'website'].map((f) => [f, `${form.idPrefix}-${f}`]));
}

/** What a template needs to name a form's controls. */
export function identityModel(form: FormIdentity) {
  return { ids: fieldIds(form), honeypot: HONEYPOT };
}
