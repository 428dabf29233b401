// The search index of one language of the site (MiniSearch, in memory) and the query over it, limited to one site.
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Site } from '../regions/registry.js';
import type { SearchDoc } from './documents.js';
import { isCjk, isUnspaced, normalise, terms } from './text.js';

export interface Hit {
  doc: SearchDoc;
  score: number;
  /** Index terms the document matched, normalised: what the snippet marks. */
  terms: string[];
}

export interface SearchIndex {
  readonly docs: readonly SearchDoc[];
  /** The documents of `site` that match `query`, best first: all of them counted, the first `limit` returned. */
  search(query: string, site: Site, limit: number): { total: number; hits: Hit[] };
}

/**
 * Weights of a match in each field: the heading says most about what a section is. The text and the hidden keywords
 * share one field: a field costs a map per term, and two fields keep an index of one language under 1 MB.
 */
const BOOST = { title: 3, body: 1 };

/** A query term that is a whole word of an alphabet, long enough to stand for the words it begins. */
const PREFIX_MIN = 3;

/**
 * The MiniSearch query of a user's words: each word by itself, or by its prefix; a CJK run also by all its bigrams
 * together (a segmenter may split it otherwise in the page). The words are alternatives, ranked by how many and
 * how well they match (BM25).
 */
export function buildQuery(
  folded: string,
  locale: string,
  common: ReadonlySet<string> = new Set(),
  singleLetters = true,
): Query | undefined {
  // In names ("São Tomé e Príncipe") a single letter is no word a visitor looks for.
  const all = terms(folded, locale).filter((w) => singleLetters || w.length > 1 || isCjk(w) || isUnspaced(w));
  // Words in most passages ("of", "de", "の") rank nothing, and neither does a lone letter or digit beside real words
  // ("zzqx 1" found every passage with a "1"): they are looked up only when the query has nothing else.
  const weak = (w: string) => common.has(w) || (Array.from(w).length === 1 && !isCjk(w) && !isUnspaced(w));
  const words = all.some((w) => !weak(w)) ? all.filter((w) => !weak(w)) : all;
  if (words.length === 0) return undefined;
  const queries: Query[] = [];
  const seen = new Set<string>();
  for (const term of words) {
    if (seen.has(term)) continue;
    seen.add(term);
    const length = Array.from(term).length;
    if (isCjk(term) && length >= 2) {
      const chars = Array.from(term);
      const bigrams = chars.slice(1).map((c, k) => chars[k]! + c);
      queries.push({ combineWith: 'OR', queries: [term, { combineWith: 'AND', queries: bigrams }] });
      continue;
    }
    const alphabetic = !isUnspaced(term) && !isCjk(term);
    queries.push({
      combineWith: 'OR',
      queries: [term],
      prefix: !alphabetic || length >= PREFIX_MIN,
    });
  }
  return { combineWith: 'OR', queries };
}

/**
 * Words a language treats as one for search (`common:search.synonyms`, "Cookie|クッキー"): a document that contains
 * one member (all its terms) is also found by the others.
 */
export function synonymKeywords(doc: SearchDoc, groups: readonly string[], locale: string): string {
  const own = new Set(terms(normalise(`${doc.title} ${doc.text} ${doc.keywords}`), locale));
  const extra: string[] = [];
  for (const group of groups) {
    const members = group.split('|');
    if (
      members.some((m) => {
        const t = terms(normalise(m), locale);
        return t.length > 0 && t.every((x) => own.has(x));
      })
    ) {
      extra.push(...members);
    }
  }
  return extra.join(' ');
}

/** Passages of prose (statement sections and the like), where a language's function words show up in most. */
const PROSE = 200;
const COMMON_SHARE = 0.25;

/** Terms found in at least a quarter of the prose documents: the language's function words, learnt from the text. */
export function commonTerms(docs: readonly SearchDoc[], locale: string): Set<string> {
  const prose = docs.filter((d) => d.text.length >= PROSE);
  const counts = new Map<string, number>();
  for (const d of prose) for (const term of new Set(terms(normalise(d.text), locale))) counts.set(term, (counts.get(term) ?? 0) + 1);
  const common = new Set<string>();
  if (prose.length < 8) return common;
  for (const [term, n] of counts) if (n >= prose.length * COMMON_SHARE) common.add(term);
  return common;
}

export function buildIndex(
  docs: readonly SearchDoc[],
  locale: string,
  options: { synonyms?: readonly string[]; singleLetters?: boolean } = {},
): SearchIndex {
  const synonyms = options.synonyms ?? [];
  const engine = new MiniSearch<{ id: number; title: string; body: string }>({
    fields: ['title', 'body'],
    storeFields: [],
    tokenize: (text) => terms(normalise(text), locale),
    processTerm: (term) => term,
    searchOptions: {
      // Queries arrive as terms already normalised and segmented.
      tokenize: (term) => [term],
      processTerm: (term) => term,
      boost: BOOST,
      weights: { fuzzy: 0, prefix: 0.3 },
    },
  });
  engine.addAll(docs.map((d, id) => ({ id, title: d.title, body: `${d.text} ${d.keywords} ${synonymKeywords(d, synonyms, locale)}` })));

  const common = commonTerms(docs, locale);
  return {
    docs,
    search(query, site, limit) {
      const built = buildQuery(normalise(query), locale, common, options.singleLetters ?? true);
      if (!built) return { total: 0, hits: [] };
      const shown = (r: SearchResult) => {
        const regions = docs[r.id as number]!.regions;
        return regions === undefined || regions.has(site.cc);
      };
      const results = engine.search(built, { filter: shown });
      return {
        total: results.length,
        hits: results.slice(0, limit).map((r) => ({ doc: docs[r.id as number]!, score: r.score, terms: r.terms })),
      };
    },
  };
}
