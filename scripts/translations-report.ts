// Lists, per locale, what translators still have to do: missing keys, extra keys, mismatched variables.
// Usage: npm run translations [-- locale ...]
import path from 'node:path';
import { compareLocale } from '../src/i18n-check.js';
import { loadResources } from '../src/i18n.js';

const resources = loadResources(path.resolve('locales'));
const wanted = process.argv.slice(2);
const locales = (wanted.length ? wanted : Object.keys(resources)).filter((l) => l !== 'en');
let problems = 0;
for (const locale of locales) {
  const r = compareLocale(resources, locale);
  const lines = [
    ...r.missing.map((k) => `  missing   ${k}`),
    ...r.extra.map((k) => `  extra     ${k}`),
    ...r.variables.map((k) => `  variables ${k}`),
  ];
  problems += r.extra.length + r.variables.length;
  console.log(`${locale}: ${r.missing.length} missing, ${r.extra.length} extra, ${r.variables.length} variable mismatches`);
  if (lines.length && (wanted.length || lines.length <= 40)) console.log(lines.join('\n'));
}
process.exitCode = problems > 0 ? 1 : 0;
