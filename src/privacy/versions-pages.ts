// The statement's life on the site: the notice and announcements, the archive, one version, a comparison, the Atom feed.
import type { TFunction } from 'i18next';
import { HttpError } from '../http/errors.js';
import type { Site } from '../regions/registry.js';
import { headLinks, pageLanguage, renderInLayout, type PageLanguage, type RenderedPage } from '../shell/layout.js';
import type { Deps } from '../deps.js';
import { pageHref } from '../shell/routes.js';
import { compareSections, type ChangeLabels } from './compare.js';
import { escapeHtml } from './escape.js';
import { zoneName } from '../support/hours-format.js';
import { formatDate, paragraphHtml } from './statement-text.js';
import type { StatementVersion, StatementVersions } from './versions.js';

export type VersionDeps = Deps;

/** Paths below the site prefix. */
export const VERSION_PATHS = {
  archive: '/privacy/versions',
  feed: '/privacy/versions.atom',
  version: (id: string) => `/privacy/versions/${id}`,
  compare: (from: string, to: string) => `/privacy/versions/compare?from=${from}&to=${to}`,
} as const;

/** A link to what a version changed: the comparison with the version before it, or the version itself when it is the first. */
export function changesHref(versions: StatementVersions, site: Pick<Site, 'prefix'>, version: StatementVersion): string {
  const i = versions.list.indexOf(version);
  const before = versions.list[i - 1];
  return `${site.prefix}${before ? VERSION_PATHS.compare(before.id, version.id) : VERSION_PATHS.version(version.id)}`;
}

export interface NoticeModel {
  text: string;
  date: { iso: string; text: string };
  linkLabel: string;
  href: string;
}

/** The 30-day notice of a material change (home and statement) and the announcements of versions not yet in effect. */
export function statementNotices(deps: VersionDeps, site: Site, language: PageLanguage, now: number) {
  const { t, contentLocale } = language;
  const { versions } = deps;
  const model = (v: StatementVersion, key: 'notice' | 'announcement'): NoticeModel => {
    const text = formatDate(v.effective, contentLocale);
    return {
      text: t(`privacy:versions.${key}`, { date: text }),
      date: { iso: v.effective, text },
      linkLabel: t(`privacy:versions.${key}Link`),
      href: changesHref(versions, site, v),
    };
  };
  const notice = versions.noticeAt(now);
  return {
    notice: notice ? model(notice, 'notice') : undefined,
    announcements: versions.upcomingAt(now).map((v) => model(v, 'announcement')),
  };
}

/** When a page that shows the notice, an announcement or a version's status must be rendered again. */
export function versionsExpiry(deps: Pick<VersionDeps, 'versions'>, now: number): number {
  return deps.versions.nextChange(now);
}

function chainOf(deps: Deps, language: PageLanguage): readonly string[] {
  return deps.translations.chain(language.contentLocale);
}

/** A version's full text as HTML, with the language each part is written in. */
export function versionText(deps: VersionDeps, language: PageLanguage, site: Site, version: StatementVersion) {
  const chain = chainOf(deps, language);
  const lastUpdated = formatDate(version.effective, language.contentLocale);
  // Parts that fall back to English say so with lang, unless the whole page is already English.
  const langOf = (locale: string) => (locale === 'en' && language.lang !== 'en' && !language.lang.startsWith('en-') ? 'en' : undefined);
  // English text on a page in another language is English throughout: its dates and its "external site".
  const english = {
    date: formatDate(version.effective, `en-${site.cc.toUpperCase()}`),
    external: deps.translations.t('en')('common:externalSite'),
  };
  const own = { date: lastUpdated, external: language.t('common:externalSite') };
  const html = (locale: string) => {
    const words = langOf(locale) ? english : own;
    return (p: string) => paragraphHtml(p.replaceAll('{{lastUpdated}}', words.date), words.external, site.prefix, version.sections);
  };
  const intro = deps.versions.text(version, chain, 'intro');
  return {
    ownLanguage: deps.versions.hasOwnText(version, chain) || langOf('en') === undefined,
    lastUpdated: { iso: version.effective, text: lastUpdated },
    intro: { lang: langOf(intro.locale), paragraphsHtml: intro.value.map(html(intro.locale)) },
    sections: version.sections.map((id) => {
      const s = deps.versions.section(version, chain, id);
      return { id, lang: langOf(s.locale), title: s.value.title, paragraphsHtml: s.value.paragraphs.map(html(s.locale)) };
    }),
  };
}

function status(versions: StatementVersions, v: StatementVersion, now: number): 'current' | 'upcoming' | 'earlier' {
  return versions.currentAt(now) === v && v.start <= now ? 'current' : v.start > now ? 'upcoming' : 'earlier';
}

function materialText(t: TFunction, v: StatementVersion): string {
  return t(`privacy:versions.material.${v.material === null ? 'unknown' : v.material ? 'yes' : 'no'}`);
}

function summary(deps: VersionDeps, language: PageLanguage, v: StatementVersion) {
  const s = deps.versions.text(v, chainOf(deps, language), 'versionSummary');
  return { text: s.value, lang: s.locale === 'en' && language.lang !== 'en' && !language.lang.startsWith('en-') ? 'en' : undefined };
}

function breadcrumb(t: TFunction, site: Site, extra: { label: string; href: string }[]) {
  return [
    { label: t('common:header.home'), href: pageHref(site, 'home') },
    { label: t('privacy:breadcrumb'), href: pageHref(site, 'privacy') },
    ...extra,
  ];
}

function headFor(deps: VersionDeps, site: Site, path: string, title: string, description: string) {
  return { title, description, ...headLinks(deps, site, path, deps.registry.sites) };
}

export function renderVersionArchive(deps: VersionDeps, site: Site, now: number): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t, contentLocale } = language;
  const { versions } = deps;
  const rows = [...versions.list].reverse().map((v) => ({
    id: v.id,
    date: { iso: v.effective, text: formatDate(v.effective, contentLocale) },
    material: materialText(t, v),
    summary: summary(deps, language, v),
    status: status(versions, v, now),
    href: `${site.prefix}${VERSION_PATHS.version(v.id)}`,
    changesHref: versions.list.indexOf(v) > 0 ? changesHref(versions, site, v) : undefined,
  }));
  return renderInLayout(deps, language, {
    view: 'privacy/versions',
    path: VERSION_PATHS.archive,
    head: {
      ...headFor(deps, site, VERSION_PATHS.archive, t('privacy:versions.title'), t('privacy:versions.description')),
      feed: `${site.prefix}${VERSION_PATHS.feed}`,
    },
    model: {
      archive: {
        breadcrumb: breadcrumb(t, site, [{ label: t('privacy:versions.breadcrumb'), href: `${site.prefix}${VERSION_PATHS.archive}` }]),
        rows,
        zone: `${zoneName(versions.timeZone, contentLocale)} (${versions.timeZone})`,
        feedHref: `${site.prefix}${VERSION_PATHS.feed}`,
        compare: compareForm(deps, site, language, versions.list.at(-2)?.id, versions.list.at(-1)!.id),
      },
    },
  });
}

function compareForm(deps: VersionDeps, site: Site, language: PageLanguage, from: string | undefined, to: string) {
  if (deps.versions.list.length < 2) return undefined;
  return {
    action: `${site.prefix}/privacy/versions/compare`,
    from,
    to,
    options: deps.versions.list.map((v) => ({ value: v.id, label: formatDate(v.effective, language.contentLocale) })),
  };
}

export function renderVersion(deps: VersionDeps, site: Site, id: string, now: number): RenderedPage {
  const version = deps.versions.byId(id);
  if (!version) throw new HttpError(404);
  const language = pageLanguage(deps, site);
  const { t, contentLocale } = language;
  const date = formatDate(version.effective, contentLocale);
  const i = deps.versions.list.indexOf(version);
  const path = VERSION_PATHS.version(id);
  return renderInLayout(deps, language, {
    view: 'privacy/version',
    path,
    head: headFor(deps, site, path, t('privacy:versions.versionTitle', { date }), t('privacy:versions.description')),
    model: {
      version: {
        breadcrumb: breadcrumb(t, site, [
          { label: t('privacy:versions.breadcrumb'), href: `${site.prefix}${VERSION_PATHS.archive}` },
          { label: date, href: `${site.prefix}${path}` },
        ]),
        title: t('privacy:versions.versionTitle', { date }),
        status: status(deps.versions, version, now),
        date: { iso: version.effective, text: date },
        material: materialText(t, version),
        summary: summary(deps, language, version),
        currentHref: pageHref(site, 'privacy'),
        changesHref: i > 0 ? changesHref(deps.versions, site, version) : undefined,
        text: versionText(deps, language, site, version),
      },
    },
  });
}

/** One query value; a parameter given twice is a 400, as elsewhere on the site. */
function single(value: unknown): string | undefined {
  if (Array.isArray(value)) throw new HttpError(400, 'parameter given more than once');
  return typeof value === 'string' && value.length <= 10 ? value : undefined;
}

/** The two versions a comparison names; unknown or missing ones are a 404, the same one twice (or a parameter twice) a 400. */
export function compareIds(deps: Pick<VersionDeps, 'versions'>, query: Record<string, unknown>): [string, string] {
  const from = single(query.from);
  const to = single(query.to);
  if (!from || !to || !deps.versions.byId(from) || !deps.versions.byId(to)) throw new HttpError(404);
  if (from === to) throw new HttpError(400, 'the same version twice');
  return [from, to];
}

export function renderComparison(deps: VersionDeps, site: Site, fromId: string, toId: string): RenderedPage {
  const before = deps.versions.byId(fromId);
  const after = deps.versions.byId(toId);
  if (!before || !after) throw new HttpError(404);
  const language = pageLanguage(deps, site);
  const { t, contentLocale } = language;
  const chain = chainOf(deps, language);
  const labels: ChangeLabels = {
    addedStart: t('privacy:versions.compare.addedStart'),
    addedEnd: t('privacy:versions.compare.addedEnd'),
    removedStart: t('privacy:versions.compare.removedStart'),
    removedEnd: t('privacy:versions.compare.removedEnd'),
  };
  // Both sides must be in one language for the words compared to mean anything: English unless both have the visitor's.
  const own = deps.versions.hasOwnText(before, chain) && deps.versions.hasOwnText(after, chain);
  const english = !own && language.lang !== 'en' && !language.lang.startsWith('en-');
  const sideChain = english ? ['en'] : chain;
  const sideOf = (v: StatementVersion) => {
    const date = formatDate(v.effective, contentLocale);
    return {
      ids: v.sections,
      section: (id: string) => {
        const s = deps.versions.section(v, sideChain, id).value;
        return { title: s.title, paragraphs: s.paragraphs.map((p) => p.replaceAll('{{lastUpdated}}', date)) };
      },
    };
  };
  const sections = compareSections(sideOf(before), sideOf(after), english ? 'en' : contentLocale, labels);
  const from = formatDate(before.effective, contentLocale);
  const to = formatDate(after.effective, contentLocale);
  const title = t('privacy:versions.compare.title', { from, to });
  const path = VERSION_PATHS.compare(fromId, toId);
  return renderInLayout(deps, language, {
    view: 'privacy/compare',
    // The language links lead to the same comparison in the region's other languages.
    path,
    head: {
      title,
      description: t('privacy:versions.description'),
      canonical: `${deps.config.siteOrigin}${site.prefix}${path}`,
      alternates: [],
    },
    model: {
      comparison: {
        breadcrumb: breadcrumb(t, site, [{ label: t('privacy:versions.breadcrumb'), href: `${site.prefix}${VERSION_PATHS.archive}` }]),
        title,
        lang: english ? 'en' : undefined,
        from: { iso: before.effective, text: from, href: `${site.prefix}${VERSION_PATHS.version(fromId)}` },
        to: { iso: after.effective, text: to, href: `${site.prefix}${VERSION_PATHS.version(toId)}` },
        changed: sections.filter((s) => s.change !== 'unchanged'),
        sections,
        form: compareForm(deps, site, language, fromId, toId),
      },
    },
  });
}

/** The Atom feed of one site: one entry per version, newest first, in the site's language. */
export function versionsFeed(deps: VersionDeps, site: Site): { xml: string; lang: string } {
  const language = pageLanguage(deps, site);
  const { t, contentLocale } = language;
  const origin = deps.config.siteOrigin;
  const x = escapeHtml;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const entries = [...deps.versions.list].reverse().map((v) => {
    const date = formatDate(v.effective, contentLocale);
    const href = `${origin}${site.prefix}${VERSION_PATHS.version(v.id)}`;
    const s = summary(deps, language, v);
    return [
      '<entry>',
      `<id>${x(href)}</id>`,
      `<title>${x(t('privacy:versions.versionTitle', { date }))}</title>`,
      `<updated>${iso(v.start)}</updated>`,
      `<link rel="alternate" type="text/html" href="${x(href)}"/>`,
      `<summary${s.lang ? ` xml:lang="${s.lang}"` : ''}>${x(s.text)}</summary>`,
      '</entry>',
    ].join('\n');
  });
  const updated = Math.max(...deps.versions.list.map((v) => v.start));
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(language.lang)}">`,
    `<id>${x(`${origin}${site.prefix}${VERSION_PATHS.feed}`)}</id>`,
    `<title>${x(t('privacy:versions.feedTitle'))}</title>`,
    `<updated>${iso(updated)}</updated>`,
    `<author><name>${x(t('common:siteName'))}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${x(`${origin}${site.prefix}${VERSION_PATHS.feed}`)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(`${origin}${site.prefix}${VERSION_PATHS.archive}`)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
  return { xml, lang: language.lang };
}
