// The search index of one language of the site (MiniSearch, in memory) and the query over it, limited to one site.
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Site } from '../regions/registry.js';
import type { SearchDoc } from './documents.js';
import { isCjk, isUnspaced, normalise, terms } from './text.js';

export interface Hit {
  doc: SearchDoc;
  /** Index terms the document matched, normalised: what the snippet marks. */
  terms: string[];
}

export interface SearchIndex {
  readonly docs: readonly SearchDoc[];
  /** The documents of `site` that match `query`, best first: all of them counted, the first `limit` returned. */
  search(query: string, site: Site, limit: number): { total: number; hits: Hit[] };
}

/** Weights of a match in each field: the heading says most about what a section is. */
const BOOST = { title: 3, keywords: 1.5, text: 1 };

/** A query term that is a whole word of an alphabet, long enough to stand for the words it begins. */
const PREFIX_MIN = 3;
/** From this length one typing slip (an edit) is forgiven. */
const FUZZY_MIN = 6;

/**
 * The MiniSearch query of a user's words: each word by itself, or by its prefix; a CJK run also by all its bigrams
 * together (a segmenter may split it otherwise in the page). The words are alternatives, ranked by how many and
 * how well they match (BM25).
 */
export function buildQuery(folded: string, locale: string): Query | undefined {
  const words = terms(folded, locale);
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
      fuzzy: alphabetic && length >= FUZZY_MIN ? 1 : false,
    });
  }
  return { combineWith: 'OR', queries };
}

export function buildIndex(docs: readonly SearchDoc[], locale: string): SearchIndex {
  const engine = new MiniSearch<{ id: number; title: string; text: string; keywords: string }>({
    fields: ['title', 'text', 'keywords'],
    storeFields: [],
    tokenize: (text) => terms(normalise(text), locale),
    processTerm: (term) => term,
    searchOptions: {
      // Queries arrive as terms already normalised and segmented.
      tokenize: (term) => [term],
      processTerm: (term) => term,
      boost: BOOST,
      weights: { fuzzy: 0.3, prefix: 0.5 },
    },
  });
  engine.addAll(docs.map((d, id) => ({ id, title: d.title, text: d.text, keywords: d.keywords })));

  return {
    docs,
    search(query, site, limit) {
      const built = buildQuery(normalise(query), locale);
      if (!built) return { total: 0, hits: [] };
      const shown = (r: SearchResult) => {
        const regions = docs[r.id as number]!.regions;
        return regions === undefined || regions.has(site.cc);
      };
      const results = engine.search(built, { filter: shown });
      return {
        total: results.length,
        hits: results.slice(0, limit).map((r) => ({ doc: docs[r.id as number]!, terms: r.terms })),
      };
    },
  };
}
