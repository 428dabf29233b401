// Posted fields: reading them from a parsed body, the rules every text field shares, and zod issues
// turned into messages in the visitor's language (namespace `forms`, key = the issue's message).
import type { TFunction } from 'i18next';
import { z } from 'zod';

/** Limits of the fields; the messages interpolate them, the templates put them in `maxlength`. */
export const LIMITS = { nameMax: 100, emailMax: 254, messageMax: 800 } as const;

/**
 * An address we can write to: no spaces, controls or specials before the @, and a domain of
 * dot-separated labels (international ones included) ending in a top-level domain.
 */
export const EMAIL =
  /^[^\s\p{Cc}@<>()[\]\\,;:"]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}][\p{L}\p{N}-]{1,62}$/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_NEWLINE_OR_TAB = /[^\P{Cc}\n\t]/u;

/** The trimmed address; the domain is case-insensitive, so it is kept in lower case. */
function normaliseEmail(value: string): string {
  const trimmed = value.trim();
  const at = trimmed.lastIndexOf('@');
  return at === -1 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

export const emailField = z
  .string({ error: 'email.required' })
  .transform(normaliseEmail)
  .pipe(
    z
      .string()
      .min(1, { error: 'email.required' })
      .max(LIMITS.emailMax, { error: 'email.tooLong' })
      .regex(EMAIL, { error: 'email.invalid' }),
  );

export const nameField = z
  .string({ error: 'name.required' })
  .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'name.required' })
      .max(LIMITS.nameMax, { error: 'name.tooLong' })
      .refine((v) => !CONTROL.test(v), { error: 'name.invalid' }),
  );

export const messageField = z
  .string({ error: 'message.required' })
  .transform((v) => v.normalize('NFC').replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'message.required' })
      .max(LIMITS.messageMax, { error: 'message.tooLong' })
      .refine((v) => !CONTROL_BUT_NEWLINE_OR_TAB.test(v), { error: 'message.invalid' }),
  );

/**
 * The named fields of a urlencoded body: a string, or undefined when absent. A field sent twice
 * arrives as an array and is treated as absent, so it fails validation like a missing one.
 */
export function readFields<K extends string>(body: unknown, names: readonly K[]): Record<K, string | undefined> {
  const source = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const fields = {} as Record<K, string | undefined>;
  for (const name of names) {
    const value = Object.hasOwn(source, name) ? source[name] : undefined;
    fields[name] = typeof value === 'string' ? value : undefined;
  }
  return fields;
}

export interface FieldError {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Validates with `schema`; on failure, the first message of each field, in the order of `order`. */
export function validate<T>(schema: z.ZodType<T>, values: unknown, t: TFunction, order: readonly string[]): Validated<T> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const first = new Map<string, string>();
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!first.has(field)) first.set(field, issue.message);
  }
  return { ok: false, errors: order.filter((f) => first.has(f)).map((field) => ({ field, message: errorText(t, first.get(field)!) })) };
}

/** Our schemas name a message key (`name.tooLong`) for every issue; anything else reads as a generic one. */
export function errorText(t: TFunction, key: string): string {
  return t(`forms:errors.${/^[a-z]+\.[a-zA-Z]+$/.test(key) ? key : 'generic'}`, { ...LIMITS });
}
