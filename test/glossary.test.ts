// The legal-term glossaries (docs/translations/glossary/{locale}.json) against the locales' own text.
// Semantics: /work/briefs/glossary.md — `use` where the English statement has the term, `reject` nowhere.
import fs from 'node:fs';
import path from 'node:path';
import type { Resource } from 'i18next';
import { describe, expect, it } from 'vitest';
import { flatten } from '../src/i18n-check.js';
import { loadResources } from '../src/i18n.js';
import { ROOT, makeApp } from './helpers.js';

const TERMS = ['personal information', 'vendor', 'third party', 'opt-out', 'cookies', 'consent', 'data controller'] as const;
type Term = (typeof TERMS)[number];

/** Where the English statement "contains the term": with the spellings the glossary format names. */
const ENGLISH: Record<Term, RegExp> = {
  'personal information': /personal information/i,
  vendor: /vendors?/i,
  'third party': /third[- ]part(?:y|ies)/i,
  'opt-out': /opt[- ]out/i,
  cookies: /cookies?/i,
  consent: /consent/i,
  'data controller': /data controller/i,
};

interface Entry {
  use: string[];
  reject: string[];
  note: string;
}
interface Glossary {
  locale: string;
  terms: Partial<Record<Term, Entry>>;
}

const GLOSSARY_DIR = path.join(ROOT, 'docs/translations/glossary');
const resources: Resource = loadResources(path.join(ROOT, 'locales'));
const { site } = makeApp();

const glossaries = new Map<string, Glossary>(
  fs
    .readdirSync(GLOSSARY_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -'.json'.length), JSON.parse(fs.readFileSync(path.join(GLOSSARY_DIR, f), 'utf8')) as Glossary]),
);

/** The locale's chain before English: a variant is checked with its parent (pt-PT, pt; zh-Hant-HK, zh-Hant). */
const ownChain = (locale: string) => site.translations.chain(locale).filter((l) => l !== 'en');

/** Every string a visitor of `locale` reads from a namespace: the variant's own keys over its parent's. */
function effectiveTexts(locale: string, namespaces?: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of ownChain(locale).reverse()) {
    for (const [ns, value] of Object.entries(resources[l] ?? {})) {
      if (namespaces && !namespaces.includes(ns)) continue;
      for (const [key, texts] of flatten(value)) out.set(`${ns}:${key}`, texts.join('\n'));
    }
  }
  return out;
}

/** The glossary in force for `locale`: each term from the most specific glossary on its chain; rejects of all of them. */
function glossaryFor(locale: string): Map<Term, Entry> {
  const merged = new Map<Term, Entry>();
  for (const l of ownChain(locale).reverse()) {
    const g = glossaries.get(l);
    if (!g) continue;
    for (const term of TERMS) {
      const entry = g.terms[term];
      if (!entry) continue;
      const before = merged.get(term);
      merged.set(term, { use: entry.use, reject: [...(before?.reject ?? []), ...entry.reject], note: entry.note });
    }
  }
  return merged;
}

const englishStatement = [...flatten(resources.en!.privacy).values()].flat().join('\n');
/** Locales with a folder and a glossary somewhere on their chain. */
const checked = Object.keys(resources).filter((l) => l !== 'en' && ownChain(l).some((c) => glossaries.has(c)));

describe('glossary files', () => {
  it('exist for the shipped languages and the variants they read', () => {
    for (const l of ['fr', 'de', 'nl', 'es', 'pt', 'ja', 'zh-Hant', 'zh-Hans', 'ar', 'pt-PT', 'es-419', 'zh-Hant-HK', 'fr-CA', 'de-CH']) {
      expect(glossaries.has(l), l).toBe(true);
    }
  });

  it('exist for every locale that is complete, so each new translation brings its glossary', () => {
    const complete = Object.keys(resources).filter((l) => l !== 'en' && !l.startsWith('en-') && site.translations.isShipped(l));
    for (const l of complete)
      expect(
        ownChain(l).some((c) => glossaries.has(c)),
        l,
      ).toBe(true);
  });

  it.each([...glossaries.keys()])('%s.json names its locale and uses only the seven terms, all seven unless it is a variant', (file) => {
    const g = glossaries.get(file)!;
    expect(g.locale).toBe(file);
    expect(resources[file], `locales/${file}/ exists`).toBeDefined();
    const terms = Object.keys(g.terms);
    for (const t of terms) expect(TERMS as readonly string[], t).toContain(t);
    const parentHasGlossary = ownChain(file)
      .slice(1)
      .some((l) => glossaries.has(l));
    if (!parentHasGlossary) expect(terms.sort()).toEqual([...TERMS].sort());
    for (const [term, entry] of Object.entries(g.terms) as [Term, Entry][]) {
      expect(entry.use.length, `${term}: at least one term to use`).toBeGreaterThan(0);
      for (const s of [...entry.use, ...entry.reject]) expect(s.trim(), term).not.toBe('');
      expect(typeof entry.note).toBe('string');
      // A string both used and rejected would make the test contradict itself.
      for (const r of entry.reject) {
        for (const u of entry.use)
          expect(u.toLowerCase().includes(r.toLowerCase()), `${term}: "${u}" contains rejected "${r}"`).toBe(false);
      }
    }
  });
});

describe.each(checked)('%s against its glossary', (locale) => {
  const glossary = glossaryFor(locale);

  it('uses an agreed term wherever the English statement has the English one', () => {
    const statement = [...effectiveTexts(locale, ['privacy']).values()].join('\n').toLowerCase();
    const missing = [...glossary]
      .filter(([term]) => ENGLISH[term].test(englishStatement))
      .filter(([, entry]) => !entry.use.some((u) => statement.includes(u.toLowerCase())))
      .map(([term, entry]) => `${term}: none of ${JSON.stringify(entry.use)}`);
    expect(missing).toEqual([]);
  });

  it('contains no rejected term in any of its files', () => {
    const found: string[] = [];
    for (const [key, text] of effectiveTexts(locale)) {
      for (const [term, entry] of glossary) {
        for (const r of entry.reject) if (text.toLowerCase().includes(r.toLowerCase())) found.push(`${key} has "${r}" (${term})`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('the glossary check itself', () => {
  it('would catch the review’s findings if they came back', () => {
    const ar = glossaryFor('ar');
    const rejected = [...ar.values()].flatMap((e) => e.reject);
    expect(rejected.some((r) => 'الموردون الخارجيون التابعون لها'.includes(r))).toBe(true);
    expect(rejected.some((r) => 'واتباع تعليمات «إلغاء الاشتراك».'.includes(r))).toBe(true);
    expect([...glossaryFor('nl').values()].flatMap((e) => e.reject)).toContain('dagvaarding');
    expect([...glossaryFor('zh-Hant-HK').values()].flatMap((e) => e.reject)).toEqual(expect.arrayContaining(['監聽', '專線']));
    expect([...glossaryFor('pt-PT').values()].flatMap((e) => e.reject)).toEqual(expect.arrayContaining(['coleta', 'contato']));
  });
});
