// The snippet of a result: a short piece of the document's text around the first match, escaped, matches in <mark>.
import { escapeHtml } from '../privacy/statement.js';
import { isUnspaced, normaliseWithMap } from './text.js';

/** Characters of context around the first match; CJK text says more per character, so it gets fewer. */
const WINDOW = 180;
const WINDOW_UNSPACED = 90;

const LETTER = /[\p{L}\p{N}\p{M}]/u;

/** Ranges `[start, end)` of `text` where one of `terms` (normalised index terms) occurs, merged, in order. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const { folded, from } = normaliseWithMap(text);
  const ranges: [number, number][] = [];
  for (const term of new Set(terms)) {
    if (term === '') continue;
    // A term of a spaced script is a whole word of the document (or an Arabic word without its article).
    const whole = !isUnspaced(term) && !/\p{Script=Han}|\p{Script=Hangul}/u.test(term);
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (whole && LETTER.test(folded[end] ?? '')) continue;
      // Arabic and Hebrew terms may follow the article or a particle written onto the word.
      if (whole && !/\p{Script=Arabic}|\p{Script=Hebrew}/u.test(term) && LETTER.test(folded[at - 1] ?? '')) continue;
      ranges.push([from[at]!, from[end]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `text` cut to a window around its first match (or its start), as HTML: escaped, matches in `<mark>`. */
export function snippetHtml(text: string, terms: readonly string[]): string {
  if (text === '') return '';
  const ranges = matchRanges(text, terms);
  const size = isUnspaced(text.slice(0, 200)) ? WINDOW_UNSPACED : WINDOW;
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(size / 3));
  let end = Math.min(text.length, start + size);
  // Cut at a space where there is one near, never inside a surrogate pair.
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    if (space !== -1 && start - space < 20) start = space + 1;
    if (/[\udc00-\udfff]/.test(text[start] ?? '')) start++;
  }
  if (end < text.length) {
    const space = text.indexOf(' ', end);
    if (space !== -1 && space - end < 20) end = space;
    if (/[\udc00-\udfff]/.test(text[end] ?? '')) end++;
  }
  let html = start > 0 ? '… ' : '';
  let at = start;
  for (const [s, e] of ranges) {
    if (e <= start || s >= end) continue;
    const from = Math.max(s, start);
    const to = Math.min(e, end);
    html += `${escapeHtml(text.slice(at, from))}<mark>${escapeHtml(text.slice(from, to))}</mark>`;
    at = to;
  }
  html += escapeHtml(text.slice(at, end));
  if (end < text.length) html += ' …';
  return html;
}

/** All of `text` as HTML, escaped, matches in `<mark>`: a result's heading. */
export function markedHtml(text: string, terms: readonly string[]): string {
  let html = '';
  let at = 0;
  for (const [s, e] of matchRanges(text, terms)) {
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(text.slice(at));
}
