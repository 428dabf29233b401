// Where the forms live below a site's prefix: one table, read by the routes, the header and the statement.
import type { Site } from '../regions/registry.js';

export const FORM_PATHS = {
  request: '/privacy/request',
  requestSent: '/privacy/request/sent',
  signup: '/email-signup',
  signupDone: '/email-signup/thanks',
  unsubscribe: '/email-signup/unsubscribe',
} as const;

export type FormPage = keyof typeof FORM_PATHS;

export function formHref(site: Pick<Site, 'prefix'>, page: FormPage): string {
  return `${site.prefix}${FORM_PATHS[page]}`;
}
