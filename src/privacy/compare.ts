// Comparing two versions of the statement: section by section, word by word, as escaped HTML with ins/del.
import { diffArrays, diffWords } from 'diff';
import { escapeHtml } from './escape.js';

/** The words a visitor reads: a `[[label|target]]` marker reads as its label. */
export function plainText(paragraph: string): string {
  return paragraph.replace(/\[\[([^\]|]+)\|[^\]]+\]\]/g, '$1');
}

export interface ChangeLabels {
  addedStart: string;
  addedEnd: string;
  removedStart: string;
  removedEnd: string;
}

export type SectionChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ComparedSection {
  id: string;
  change: SectionChange;
  /** The plain title (the newer one where both have it), for the summary of changes. */
  title: string;
  titleHtml: string;
  paragraphsHtml: string[];
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
}

function marked(tag: 'ins' | 'del', text: string, labels: ChangeLabels): string {
  const [start, end] = tag === 'ins' ? [labels.addedStart, labels.addedEnd] : [labels.removedStart, labels.removedEnd];
  return `<${tag}><span class="visually-hidden">${escapeHtml(start)} </span>${escapeHtml(text)}<span class="visually-hidden"> ${escapeHtml(end)}</span></${tag}>`;
}

/** Word-level changes of one paragraph; words come from Intl.Segmenter, so languages written without spaces split too. */
export function wordDiffHtml(before: string, after: string, locale: string, labels: ChangeLabels): string {
  return diffWords(before, after, { intlSegmenter: segmenter(locale) })
    .map((part) =>
      part.added ? marked('ins', part.value, labels) : part.removed ? marked('del', part.value, labels) : escapeHtml(part.value),
    )
    .join('');
}

/** Paragraph lists compared: paragraphs only added or removed are marked whole; a removed run followed by an added run is compared word by word, pair by pair. */
export function paragraphsDiffHtml(before: readonly string[], after: readonly string[], locale: string, labels: ChangeLabels): string[] {
  const out: string[] = [];
  const parts = diffArrays([...before], [...after]);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.added && !part.removed) {
      out.push(...part.value.map(escapeHtml));
      continue;
    }
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      const n = Math.max(part.value.length, next.value.length);
      for (let k = 0; k < n; k++) {
        const a = part.value[k];
        const b = next.value[k];
        out.push(
          a === undefined ? marked('ins', b!, labels) : b === undefined ? marked('del', a, labels) : wordDiffHtml(a, b, locale, labels),
        );
      }
      i++;
      continue;
    }
    out.push(...part.value.map((p) => marked(part.added ? 'ins' : 'del', p, labels)));
  }
  return out;
}

export interface SectionSide {
  title: string;
  paragraphs: string[];
}

/**
 * Sections in the newer version's order, with sections only the older one has placed after the
 * section they followed there.
 */
export function compareSections(
  before: { ids: readonly string[]; section(id: string): SectionSide },
  after: { ids: readonly string[]; section(id: string): SectionSide },
  locale: string,
  labels: ChangeLabels,
): ComparedSection[] {
  const ids = [...after.ids];
  before.ids.forEach((id, i) => {
    if (ids.includes(id)) return;
    const previous = before.ids
      .slice(0, i)
      .reverse()
      .find((p) => ids.includes(p));
    ids.splice(previous === undefined ? 0 : ids.indexOf(previous) + 1, 0, id);
  });
  return ids.map((id) => {
    const inBefore = before.ids.includes(id);
    const inAfter = after.ids.includes(id);
    const a = inBefore ? before.section(id) : { title: '', paragraphs: [] };
    const b = inAfter ? after.section(id) : { title: '', paragraphs: [] };
    const pa = a.paragraphs.map(plainText);
    const pb = b.paragraphs.map(plainText);
    const same = a.title === b.title && pa.length === pb.length && pa.every((p, k) => p === pb[k]);
    const change: SectionChange = !inBefore ? 'added' : !inAfter ? 'removed' : same ? 'unchanged' : 'changed';
    return {
      id,
      change,
      title: b.title || a.title,
      titleHtml:
        change === 'unchanged' || a.title === b.title ? escapeHtml(b.title || a.title) : wordDiffHtml(a.title, b.title, locale, labels),
      paragraphsHtml: change === 'unchanged' ? pb.map(escapeHtml) : paragraphsDiffHtml(pa, pb, locale, labels),
    };
  });
}
