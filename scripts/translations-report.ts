// Whether every locale of the registry and every variant is complete: one line each, then what is missing.
// A full locale must have every key of en; a variant (fr-CA, pt-PT, es-419…) only the keys where it differs from the
// locale it falls back to. Exits 1 on any problem: a registry locale not complete, a variant key equal to its parent's,
// a key en does not have, changed variables, a variant the registry names without a folder.
// Usage: npm run translations [-- locale ...]   (with locales: their lines and every missing key)
import path from 'node:path';
import type { Resource } from 'i18next';
import { compareLocale, flatten } from '../src/i18n-check.js';
import { createTranslations, loadResources } from '../src/i18n.js';
import { regionData, textVariantData } from '../src/regions/registry-data.js';
import { buildRegistry } from '../src/regions/registry.js';

const localesDir = path.resolve('locales');
const resources: Resource = loadResources(localesDir);
const registry = buildRegistry(regionData, textVariantData);
const translations = createTranslations(localesDir, registry.variantParents);
const wanted = process.argv.slice(2);

/** The locale a variant overrides: the next locale with a folder on its chain (`pt-PT` → pt, `en-GB` → en). */
function parentOf(locale: string): string | undefined {
  return translations
    .chain(locale)
    .slice(1)
    .find((l) => resources[l] !== undefined);
}

/** Keys of `locale` whose text is the same as what its parent already gives: a variant should leave them out. */
function unchanged(locale: string, parent: string): string[] {
  const same: string[] = [];
  for (const [ns, value] of Object.entries(resources[locale] ?? {})) {
    const mine = flatten(value);
    const theirs = new Map<string, string[]>();
    for (const l of translations.chain(parent).reverse()) for (const [k, v] of flatten(resources[l]?.[ns] ?? {})) theirs.set(k, v);
    for (const [key, texts] of mine) if (theirs.get(key)?.join('\n') === texts.join('\n')) same.push(`${ns}:${key}`);
  }
  return same;
}

const registryLocales = new Set(registry.sites.map((s) => s.variant ?? translations.chain(s.locale).find((l) => resources[l]) ?? 'en'));
const variants = new Set(textVariantData.map((v) => v.locale));
const folders = Object.keys(resources).filter((l) => l !== 'en');
const locales = wanted.length ? wanted : [...new Set([...folders, ...variants])].sort();

let problems = 0;
const problem = (line: string) => {
  problems++;
  return `  PROBLEM   ${line}`;
};

for (const locale of locales) {
  const lines: string[] = [];
  if (!resources[locale]) {
    console.log(`${locale}: no folder under locales/`);
    if (variants.has(locale)) console.log(problem(`the registry names ${locale} as a variant`));
    continue;
  }
  const r = compareLocale(resources, locale);
  lines.push(...r.extra.map((k) => problem(`extra     ${k} (not in en)`)), ...r.variables.map((k) => problem(`variables ${k}`)));
  const parent = parentOf(locale);
  const language = new Intl.Locale(locale).language;
  const isVariant = parent !== undefined && (parent !== 'en' || language === 'en');
  let status: string;
  if (isVariant) {
    const same = unchanged(locale, parent);
    lines.push(...same.map((k) => problem(`same as ${parent}: ${k} (a variant holds only what differs)`)));
    const own = Object.values(resources[locale]).reduce((n, ns) => n + flatten(ns).size, 0);
    status = `variant of ${parent}, overrides ${own} keys${same.length ? `, ${same.length} of them needlessly` : ', only what differs'}`;
  } else if (r.missing.length === 0) {
    status = 'complete';
  } else {
    const used = registryLocales.has(locale);
    status = `INCOMPLETE: ${r.missing.length} keys missing${used ? ' (its sites show English with the notice)' : ''}`;
    if (used) lines.push(problem(`${locale} is a locale of the registry and is not complete`));
    if (wanted.length) lines.push(...r.missing.map((k) => `  missing   ${k}`));
  }
  const sites = registry.sites.filter((s) => translations.chain(s.locale).includes(locale)).length;
  console.log(`${locale}: ${status}; read by ${sites} site${sites === 1 ? '' : 's'}`);
  if (lines.length) console.log(lines.join('\n'));
}

if (!wanted.length) {
  const notice = registry.sites.filter((s) => !translations.isShipped(s.locale));
  console.log(
    `\n${registry.sites.length} sites: ${registry.sites.length - notice.length} in their language, ${notice.length} in English with the notice` +
      (notice.length ? ` (${[...new Set(notice.map((s) => s.lang))].sort().join(' ')})` : ''),
  );
  for (const v of textVariantData) {
    const language = new Intl.Locale(v.locale).language;
    const chains = v.regions.map((cc) => translations.chain(registry.site(cc, language)!.locale).join(' → '));
    console.log(`${v.locale}, read by ${v.regions.map((cc) => `/${cc}/${language}/`).join(' ')}: ${chains.join('; ')}`);
  }
}
console.log(
  problems === 0 ? '\nEvery locale of the registry and every variant is complete.' : `\n${problems} problem${problems === 1 ? '' : 's'}.`,
);
process.exitCode = problems > 0 ? 1 : 0;
