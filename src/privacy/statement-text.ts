// The statement's text as HTML: the links its paragraphs name, escaped, and its dates.
import { dateTimeFormat } from '../i18n.js';
import { formHref, type FormPage } from '../forms/paths.js';
import { escapeHtml } from './escape.js';
import { SECTION_IDS } from './sections.js';

/** External sites the text links to, by the name used in `[[label|name]]` markers. */
export const EXTERNAL_LINKS: Readonly<Record<string, string>> = {
  truste: 'https://feedback-form.truste.com/watchdog/request',
  networkAdvertising: 'https://www.networkadvertising.org/',
  privacyAlliance: 'http://www.privacyalliance.org/resources/rulesntools.shtml',
};

/** Pages of this site the text links to, by the name used in `[[label|form:name]]` markers. */
export const FORM_LINKS: Readonly<Record<string, FormPage>> = { 'form:request': 'request' };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Turns a translated paragraph into HTML: everything escaped, then `[[label|#id]]`, `[[label|form:name]]`
 * and `[[label|name]]` markers become in-page links (to a section of `sectionIds`), links to the site's
 * own forms (below `prefix`) and external links, and e-mail addresses become mailto: links.
 */
export function paragraphHtml(text: string, externalLabel: string, prefix: string, sectionIds: readonly string[] = SECTION_IDS): string {
  const parts = text.split(/(\[\[[^\]|]+\|[^\]]+\]\])/);
  return parts
    .map((part) => {
      const marker = /^\[\[([^\]|]+)\|([^\]]+)\]\]$/.exec(part);
      if (!marker) return escapeHtml(part).replace(EMAIL, (m) => `<a href="mailto:${m}">${m}</a>`);
      const [, label, target] = marker as unknown as [string, string, string];
      if (target.startsWith('#')) {
        if (!sectionIds.includes(target.slice(1))) throw new Error(`unknown section ${target}`);
        return `<a href="${escapeHtml(target)}">${escapeHtml(label)}</a>`;
      }
      if (target.startsWith('form:')) {
        const page = FORM_LINKS[target];
        if (!page) throw new Error(`unknown form link "${target}"`);
        return `<a href="${escapeHtml(formHref({ prefix }, page))}">${escapeHtml(label)}</a>`;
      }
      const href = EXTERNAL_LINKS[target];
      if (!href) throw new Error(`unknown external link "${target}"`);
      return `<a href="${escapeHtml(href)}" class="external" rel="noopener noreferrer">${escapeHtml(label)}<span class="visually-hidden"> (${escapeHtml(externalLabel)})</span></a>`;
    })
    .join('');
}

const formattedDates = new Map<string, string>();

/** A calendar date (`2014-01-02`) in the reader's locale; a calendar date has no zone, so it is formatted as UTC. */
export function formatDate(isoDate: string, locale: string): string {
  // Memoised: the statement, its archive and each version page format the same few dates, and with 235
  // sites the Intl formatter of a locale has left the LRU by the next page (~0.3 ms to build again).
  const key = `${locale}|${isoDate}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const [y, m, d] = isoDate.split('-').map(Number);
    text = dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d)));
    if (formattedDates.size < 20_000) formattedDates.set(key, text);
  }
  return text;
}
