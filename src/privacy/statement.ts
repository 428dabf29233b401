// The privacy statement: its sections in reading order, the links its text names, and its view model.
import type { Deps } from '../deps.js';
import { dateTimeFormat } from '../i18n.js';
import type { TFunction } from 'i18next';
import type { Site } from '../regions/registry.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { PAGE_PATHS } from '../shell/routes.js';
import { formHref, type FormPage } from '../forms/paths.js';

/** Section ids in the order the statement reads; the table of contents follows this order. */
export const SECTION_IDS = [
  'personal-information',
  'using-and-sharing',
  'fulfilling-your-transaction-request',
  'marketing-use',
  'human-resources',
  'business-partners',
  'supplier-administration',
  'discussion-forums',
  'other-notices',
  'worldwide-practices',
  'information-security',
  'supplementing-information',
  'use-of-suppliers',
  'mergers-and-acquisitions',
  'cookies',
  'service-quality-monitoring',
  'online-advertising',
  'personalized-url',
  'disclosures-required-by-law',
  'privacy-technology',
  'links-to-non-lenovo-sites',
  'frames',
  'notification-of-changes',
  'privacy-questions-and-access',
] as const;

/** The statement's last change, as a calendar date (rendered with Intl in the reader's locale). */
export const LAST_UPDATED = '2014-01-02';

/** External sites the text links to, by the name used in `[[label|name]]` markers. */
export const EXTERNAL_LINKS: Readonly<Record<string, string>> = {
  truste: 'https://feedback-form.truste.com/watchdog/request',
  networkAdvertising: 'https://www.networkadvertising.org/',
  privacyAlliance: 'http://www.privacyalliance.org/resources/rulesntools.shtml',
};

/** Pages of this site the text links to, by the name used in `[[label|form:name]]` markers. */
export const FORM_LINKS: Readonly<Record<string, FormPage>> = { 'form:request': 'request' };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Turns a translated paragraph into HTML: everything escaped, then `[[label|#id]]`, `[[label|form:name]]`
 * and `[[label|name]]` markers become in-page links, links to the site's own forms (below `prefix`) and
 * external links, and e-mail addresses become mailto: links.
 */
export function paragraphHtml(text: string, externalLabel: string, prefix: string): string {
  const parts = text.split(/(\[\[[^\]|]+\|[^\]]+\]\])/);
  return parts
    .map((part) => {
      const marker = /^\[\[([^\]|]+)\|([^\]]+)\]\]$/.exec(part);
      if (!marker) return escapeHtml(part).replace(EMAIL, (m) => `<a href="mailto:${m}">${m}</a>`);
      const [, label, target] = marker as unknown as [string, string, string];
      if (target.startsWith('#')) {
        if (!(SECTION_IDS as readonly string[]).includes(target.slice(1))) throw new Error(`unknown section ${target}`);
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

export function formatDate(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d)));
}

export interface StatementModel {
  lastUpdated: { iso: string; text: string };
  introHtml: string[];
  /** The privacy request form, offered under "Privacy Questions and Access". */
  requestHref: string;
  sections: { id: string; title: string; paragraphsHtml: string[] }[];
}

export function statementModel(t: TFunction, locale: string, prefix: string): StatementModel {
  const text = formatDate(LAST_UPDATED, locale);
  const external = t('common:externalSite');
  const paragraphs = (key: string, values: object = {}) =>
    (t(key, { returnObjects: true, ...values }) as unknown as string[]).map((p) => paragraphHtml(p, external, prefix));
  return {
    lastUpdated: { iso: LAST_UPDATED, text },
    introHtml: paragraphs('privacy:intro'),
    requestHref: formHref({ prefix }, 'request'),
    sections: SECTION_IDS.map((id) => ({
      id,
      title: t(`privacy:sections.${id}.title`),
      paragraphsHtml: paragraphs(`privacy:sections.${id}.paragraphs`, { lastUpdated: text }),
    })),
  };
}

export function renderStatement(deps: Deps, site: Site): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  return renderInLayout(deps, language, {
    view: 'privacy/statement',
    route: 'privacy',
    head: {
      title: t('privacy:title'),
      description: t('privacy:description'),
      ...headLinks(deps, site, PAGE_PATHS.privacy, deps.registry.sites),
    },
    model: { statement: statementModel(t, language.contentLocale, site.prefix) },
  });
}
