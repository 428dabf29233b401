// The privacy request form: its fields and rules, and the view models of the form and its confirmation.
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { displayName } from '../i18n.js';
import type { Site } from '../regions/registry.js';
import { pageHref } from '../shell/routes.js';
import {
  emailField,
  LIMITS,
  messageField,
  nameField,
  readFields,
  validate,
  withoutInvisible,
  type FieldError,
  type Validated,
} from './fields.js';
import { FORMS, formHref, identityModel } from './paths.js';
import { REQUEST_TYPES, type PrivacyRequest } from './store.js';

export const REQUEST_FIELDS = ['type', 'name', 'email', 'message'] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

export const requestSchema = z.object({
  type: z.enum(REQUEST_TYPES, { error: 'type.required' }),
  name: nameField,
  email: emailField,
  message: messageField,
});
export type RequestInput = z.infer<typeof requestSchema>;

/** The posted values as typed (kept to show back) and the outcome of validating them. */
export function parseRequest(body: unknown, t: TFunction): { values: Record<RequestField, string>; result: Validated<RequestInput> } {
  const posted = readFields(body, REQUEST_FIELDS);
  const values = Object.fromEntries(REQUEST_FIELDS.map((f) => [f, posted[f] ?? ''])) as Record<RequestField, string>;
  // Refused characters are not shown back: the visitor sees the name and address without them.
  values.name = withoutInvisible(values.name);
  values.email = withoutInvisible(values.email);
  return { values, result: validate(requestSchema, posted, t, REQUEST_FIELDS) };
}

export interface RequestFormState {
  values: Partial<Record<RequestField, string>>;
  errors: FieldError[];
  key: string;
  token: string;
  /** A message above the form that belongs to no field (the form was open too long). */
  notice?: string;
}

/** "Written from United States, in English": the region and language the request is recorded with. */
export function recordedOrigin(t: TFunction, site: Site, locale: string): string {
  const { language, script } = new Intl.Locale(site.locale);
  return t('forms:recorded', {
    region: displayName(locale, 'region', site.cc.toUpperCase()) ?? site.cc.toUpperCase(),
    language: displayName(locale, 'language', script ? `${language}-${script}` : language) ?? language,
  });
}

export function requestFormModel(t: TFunction, site: Site, locale: string, state: RequestFormState) {
  const fieldErrors = Object.fromEntries(state.errors.map((e) => [e.field, e.message]));
  // The id of the control an error message links to (the first radio for the type).
  const identity = identityModel(FORMS.request);
  return {
    ...identity,
    action: formHref(site, 'request'),
    key: state.key,
    token: state.token,
    notice: state.notice,
    errors: state.errors.map((e) => ({ ...e, id: identity.ids[e.field] ?? identity.ids.type! })),
    fieldErrors,
    values: { type: '', name: '', email: '', message: '', ...state.values },
    types: REQUEST_TYPES.map((value) => ({ value, label: t(`forms:request.types.${value}`) })),
    limits: LIMITS,
    recorded: recordedOrigin(t, site, locale),
    statementHref: pageHref(site, 'privacy'),
  };
}

/** The confirmation: built from the stored row, or a generic acknowledgement when there is none to show. */
export function requestSentModel(t: TFunction, site: Site, row: PrivacyRequest | undefined) {
  return {
    request: row && {
      reference: row.reference,
      type: t(`forms:request.types.${row.type}`),
      name: row.name,
      email: row.email,
    },
    formHref: formHref(site, 'request'),
    statementHref: pageHref(site, 'privacy'),
  };
}
