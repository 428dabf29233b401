// The search words of a request, read from the raw query string: one `q`, valid UTF-8, cleaned and bounded.

/** Longer queries are cut to this many characters (code points), and the page says so. */
export const MAX_QUERY = 200;

export type ParsedQuery =
  | { kind: 'words'; query: string; cut: boolean }
  /** No `q`, or nothing but spaces in it. */
  | { kind: 'empty' }
  /** `q` given more than once, or not valid percent-encoded UTF-8: the request is malformed. */
  | { kind: 'malformed'; why: string };

/**
 * Express's query parser turns invalid UTF-8 into U+FFFD silently and a repeated `q` into an array; reading the raw
 * query string tells those apart from a real query.
 */
export function parseSearchQuery(rawQuery: string): ParsedQuery {
  const values: string[] = [];
  for (const pair of rawQuery.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (name !== 'q') continue;
    const raw = (eq === -1 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' ');
    try {
      values.push(decodeURIComponent(raw));
    } catch {
      return { kind: 'malformed', why: 'q is not valid percent-encoded UTF-8' };
    }
  }
  if (values.length > 1) return { kind: 'malformed', why: 'q given more than once' };
  const query = cleanQuery(values[0] ?? '');
  if (query === '') return { kind: 'empty' };
  const chars = Array.from(query);
  if (chars.length <= MAX_QUERY) return { kind: 'words', query, cut: false };
  return { kind: 'words', query: chars.slice(0, MAX_QUERY).join('').trimEnd(), cut: true };
}

/** Control characters become spaces; runs of white space one space. */
export function cleanQuery(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
