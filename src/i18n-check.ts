// Completeness of translations: missing and extra keys, and mismatched interpolation variables, per locale.
import type { Resource } from 'i18next';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattens nested keys (`hub.title`), folding plural forms onto their base key. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string[]>()): Map<string, string[]> {
  if (Array.isArray(value)) {
    out.set(prefix, value.map(String));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    const key = prefix.replace(PLURAL, '');
    out.set(key, [...(out.get(key) ?? []), String(value)]);
  }
  return out;
}

function variables(texts: string[]): string {
  const found = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)) found.add(`{{${m[1]}}}`);
    for (const m of t.matchAll(/\[\[[^\]|]+\|([^\]]+)\]\]/g)) found.add(`[[…|${m[1]}]]`);
  }
  return [...found].sort().join(' ');
}

export interface LocaleReport {
  locale: string;
  missing: string[];
  extra: string[];
  variables: string[];
}

/**
 * Compares `locale` with `en`. A full locale must have every key; a variant (`fr-CA`, `de-CH`) or a
 * notice-only locale may omit keys, but may never add keys or change variables.
 */
/**
 * Keys only ever used in English, so not translated: the privacy team's notice, sent with the English translator
 * whatever the requester's language (forms/routes.ts). Another locale must not carry them.
 */
export const ENGLISH_ONLY: readonly string[] = ['forms:mail.team.'];
const englishOnly = (key: string) => ENGLISH_ONLY.some((prefix) => key.startsWith(prefix));

export function compareLocale(resources: Resource, locale: string): LocaleReport {
  const report: LocaleReport = { locale, missing: [], extra: [], variables: [] };
  const en = resources.en ?? {};
  const other = resources[locale] ?? {};
  for (const ns of new Set([...Object.keys(en), ...Object.keys(other)])) {
    const base = flatten(en[ns] ?? {});
    const mine = flatten(other[ns] ?? {});
    for (const key of base.keys()) if (!mine.has(key) && !englishOnly(`${ns}:${key}`)) report.missing.push(`${ns}:${key}`);
    for (const [key, texts] of mine) {
      const english = base.get(key);
      if (!english || englishOnly(`${ns}:${key}`)) {
        report.extra.push(`${ns}:${key}`);
        continue;
      }
      if (variables(english) !== variables(texts)) report.variables.push(`${ns}:${key} (${variables(english)} ≠ ${variables(texts)})`);
    }
  }
  return report;
}

const ACCENTS: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'áƀçđéƒĝĥíĵķĺɱñóƥʠŕšŧúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŦÚṼŴẊÝŽ'][i]!,
  ]),
);

/**
 * The pseudo-locale en-XA: every letter accented, every string bracketed ⟦…⟧ and a third longer,
 * with `{{variables}}` and `[[label|target]]` targets left intact. A page rendered with it shows at
 * a glance any text that bypassed t(), and any layout that cannot take longer words.
 */
export function pseudoLocalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pseudoLocalize);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudoLocalize(v)]));
  }
  if (typeof value !== 'string' || value === '') return value;
  const parts = value.split(/(\{\{[^}]*\}\}|\|[^\]]*\]\]|\[\[)/);
  const accented = parts.map((part) => (/^(\{\{|\||\[\[)/.test(part) ? part : [...part].map((c) => ACCENTS[c] ?? c).join(''))).join('');
  const padding = '~'.repeat(Math.ceil(value.length / 3));
  return `⟦${accented}${padding}⟧`;
}
