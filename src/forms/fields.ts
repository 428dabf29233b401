// Posted fields: reading them from a parsed body, the rules every text field shares, and zod issues
// turned into messages in the visitor's language (namespace `forms`, key = the issue's message).
import url from 'node:url';
import type { TFunction } from 'i18next';
import { z } from 'zod';

/** Limits of the fields; the messages interpolate them, the templates put them in `maxlength`. */
export const LIMITS = { nameMax: 100, emailMax: 254, messageMax: 800 } as const;

/**
 * An address we can write to: no spaces, controls or specials before the @, and a domain of
 * dot-separated labels (international ones included) ending in a top-level domain.
 */
export const EMAIL = /^[^\s\p{Cc}@<>()[\]\\,;:"]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}][\p{L}\p{N}-]{1,62}$/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_NEWLINE_OR_TAB = /[^\P{Cc}\n\t]/u;

/**
 * Characters a reader cannot see or that reorder what they see: controls, format characters (zero
 * widths, bidi embeddings, overrides and isolates, soft hyphen, BOM), line/paragraph separators,
 * private-use and unassigned code points, and the Hangul fillers that render as blanks.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0]/gu;
/** Names keep the zero-width (non-)joiner, which Persian, Indic and emoji spellings need. */
const INVISIBLE_IN_NAME = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0]/gu;

const hasInvisible = (pattern: RegExp) => (v: string) => !new RegExp(pattern.source, 'u').test(v.replace(/[\t\n\r ]/g, ''));

/** What is shown back in a refused form: the value without the characters that were refused. */
export function withoutInvisible(value: string): string {
  return value.replace(/[\t\n\r]/g, ' ').replace(INVISIBLE, (c) => (c === '\u200C' || c === '\u200D' ? c : ''));
}

/** The ASCII form of a domain (IDN to punycode), or '' when it is not a valid domain. */
function asciiDomain(domain: string): string {
  return url.domainToASCII(domain.toLowerCase());
}

/**
 * How addresses are compared: the whole address in lower case (one person's sign-ups are not split
 * by how they typed it) and the domain in ASCII, so `Kim@Bücher.example` and `kim@xn--bcher-kva.example` match.
 */
export function emailKey(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at).toLowerCase()}@${asciiDomain(email.slice(at + 1))}`;
}

/** The address as typed, without surrounding spaces. */
export const emailField = z
  .string({ error: 'email.required' })
  .refine(hasInvisible(INVISIBLE), { error: 'email.invisible', abort: true })
  .transform((v) => v.trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'email.required' })
      .max(LIMITS.emailMax, { error: 'email.tooLong' })
      .regex(EMAIL, { error: 'email.invalid' })
      .refine((v) => asciiDomain(v.slice(v.lastIndexOf('@') + 1)) !== '', { error: 'email.invalid' }),
  );

export const nameField = z
  .string({ error: 'name.required' })
  .refine(hasInvisible(INVISIBLE_IN_NAME), { error: 'name.invisible', abort: true })
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
