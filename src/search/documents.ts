// What search finds: the documents of one language of the site, drawn from the same data and text as the pages
// (statement sections, support hub, contact lines, forms, home entries, category pages, region names).
import type { TFunction } from 'i18next';
import { dateTimeFormat } from '../i18n.js';
import { FORM_PATHS } from '../forms/paths.js';
import { formatDate, SECTION_IDS } from '../privacy/statement.js';
import type { Site } from '../regions/registry.js';
import { languageTag, nativeName, selectorSites, visitorName } from '../regions/names.js';
import type { NavNode } from '../shell/navigation.js';
import type { Deps } from '../deps.js';
import { PAGE_PATHS } from '../shell/routes.js';
import type { ContactLine } from '../support/contacts.js';
import { TECHNICAL_AREAS } from '../support/contact-model.js';

/** The part of the site a document belongs to; the results page names it under each result. */
export type DocKind = 'privacy' | 'support' | 'contact' | 'form' | 'page' | 'category' | 'region';

export interface SearchDoc {
  readonly kind: DocKind;
  /** The result's link text: the section, line or page heading as the page shows it. */
  readonly title: string;
  /** Text the page shows under that heading: searched, and cut into the snippet. */
  readonly text: string;
  /** Where the result lives, as the visitor reads it ("Privacy statement", "Products › Laptops"). */
  readonly where: string;
  /** Words that find the document but are not shown (numbers, weekday names, other names of a region). */
  readonly keywords: string;
  /** Below the site prefix: `/privacy#cookies`. */
  readonly path: string;
  /** The site a region's result leads to: the page names it in the visitor's language. */
  readonly site?: Site;
  /** Regions whose site shows the document; every region when absent. */
  readonly regions?: ReadonlySet<string>;
}

/** `[[label|target]]` link markers of the statement's text, as the reader sees them: the label. */
const stripMarkers = (text: string) => text.replace(/\[\[([^\]|]+)\|[^\]]+\]\]/g, '$1');

/**
 * The locale of a site's text: the first of its chain with resources, as the translator resolves it (English for a
 * language not translated yet). Sites that read the same text share one index.
 */
export function textLocale(deps: Deps, site: Site): string {
  const shipped = deps.translations.isShipped(site.locale);
  return deps.translations.chain(shipped ? site.locale : 'en').find((l) => deps.translations.locales.includes(l)) ?? 'en';
}

/** `effective`: the date of the version whose text privacy.json holds, as the statement prints it. */
function statementDocs(t: TFunction, locale: string, effective: string): SearchDoc[] {
  const where = t('privacy:title');
  const lastUpdated = formatDate(effective, locale);
  const paragraphs = (key: string) => (t(key, { returnObjects: true, lastUpdated }) as unknown as string[]).map(stripMarkers).join(' ');
  return [
    {
      kind: 'privacy',
      where,
      title: t('privacy:title'),
      text: paragraphs('privacy:intro'),
      keywords: t('privacy:description'),
      path: PAGE_PATHS.privacy,
    },
    ...SECTION_IDS.map((id): SearchDoc => ({
      kind: 'privacy',
      where,
      title: t(`privacy:sections.${id}.title`),
      text: paragraphs(`privacy:sections.${id}.paragraphs`),
      keywords: '',
      path: `${PAGE_PATHS.privacy}#${id}`,
    })),
  ];
}

function supportDocs(t: TFunction): SearchDoc[] {
  const where = t('support:hub.title');
  const hub = (id: string, title: string, text: string[], keywords = ''): SearchDoc => ({
    kind: 'support',
    where,
    title,
    text: text.join(' '),
    keywords,
    path: `${PAGE_PATHS.support}#${id}`,
  });
  return [
    {
      kind: 'support',
      where,
      title: t('support:hub.title'),
      text: t('support:hub.intro'),
      keywords: t('support:hub.description'),
      path: PAGE_PATHS.support,
    },
    hub('order-help', t('support:hub.orderHelp.title'), [t('support:hub.orderHelp.description')]),
    hub('existing-order', t('support:hub.existingOrder.title'), [t('support:hub.existingOrder.orderStatus')]),
    ...TECHNICAL_AREAS.map((id) =>
      hub(`technical-${id}`, t(`support:hub.technical.${id}.title`), [
        t(`support:hub.technical.${id}.description`),
        t('support:hub.technical.title'),
      ]),
    ),
    // The hub shows the payment line's number under this heading, not its description: that finds it, unshown.
    hub('payment', t('support:hub.payment.title'), [], t('support:lines.payment.description')),
    hub('more-help', t('support:hub.moreHelp.title'), [t('support:hub.moreHelp.link'), t('support:hub.moreHelp.directory')]),
    {
      kind: 'contact',
      where: t('support:contact.title'),
      title: t('support:contact.title'),
      text: t('support:contact.intro'),
      keywords: t('support:contact.description'),
      path: PAGE_PATHS.contact,
    },
    {
      kind: 'page',
      where,
      title: t('support:directory.title'),
      text: t('support:directory.intro'),
      keywords: t('support:directory.description'),
      path: PAGE_PATHS.directory,
    },
  ];
}

/** Weekday names of a line's opening days, so "Saturday" or "samedi" finds the lines open that day. */
function dayNames(line: ContactLine, locale: string): string {
  const format = dateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const open = new Set(line.hours.flatMap((h) => h.days));
  // 2024-01-07 was a Sunday.
  return days
    .filter((d) => open.has(d as never))
    .map((d) => format.format(new Date(Date.UTC(2024, 0, 7 + days.indexOf(d), 12))))
    .join(' ');
}

/** One document per contact line, shown on the contact page of the regions whose `linesFor` lists it. */
function contactDocs(deps: Deps, t: TFunction, locale: string): SearchDoc[] {
  const shownIn = new Map<ContactLine, Set<string>>();
  for (const region of deps.registry.regions) {
    for (const line of deps.contacts.linesFor(region.code).lines) {
      let set = shownIn.get(line);
      if (!set) shownIn.set(line, (set = new Set()));
      set.add(region.code);
    }
  }
  return [...shownIn].map(([line, regions]) => {
    const digits = line.number.replace(/^\+/, '');
    return {
      kind: 'contact',
      where: t('support:contact.title'),
      title: t(`support:lines.${line.id}.title`),
      text: t(`support:lines.${line.id}.description`),
      // The number as written in E.164, without the plus, and without the country code (national digits).
      keywords: [line.number, digits, digits.replace(/^1/, ''), line.vanity ?? '', dayNames(line, locale), t('support:contact.title')].join(
        ' ',
      ),
      path: `${PAGE_PATHS.contact}#${line.id}`,
      regions,
    };
  });
}

function formDocs(t: TFunction): SearchDoc[] {
  const types = t('forms:request.types', { returnObjects: true }) as unknown as Record<string, string>;
  return [
    {
      kind: 'form',
      where: t('privacy:title'),
      title: t('forms:request.title'),
      text: t('forms:request.intro'),
      keywords: [t('forms:request.description'), ...Object.values(types)].join(' '),
      path: FORM_PATHS.request,
    },
    {
      kind: 'form',
      where: t('header.emailSignup'),
      title: t('forms:signup.title'),
      text: t('forms:signup.intro'),
      keywords: t('forms:signup.description'),
      path: FORM_PATHS.signup,
    },
  ];
}

function homeDocs(t: TFunction): SearchDoc[] {
  return [
    {
      kind: 'page',
      where: t('header.home'),
      title: t('home.title'),
      text: t('home.intro'),
      keywords: t('home.description'),
      path: PAGE_PATHS.home,
    },
    {
      kind: 'page',
      where: t('home.entries.regions.label'),
      title: t('regions:title'),
      text: t('regions:intro'),
      keywords: t('regions:description'),
      path: PAGE_PATHS.regions,
    },
  ];
}

/**
 * Category pages and the entries they list without a page of their own (`/products/laptops#thinkpad-x`); entries
 * that lead to the shop or to another page are found through that page. `regions`: the entry's own limit
 * (Deals are US content), which the navigation already inherits from parents.
 */
function categoryDocs(deps: Deps, t: TFunction): SearchDoc[] {
  const label = (n: NavNode) => t(`nav:labels.${n.path}`);
  const limit = (n: NavNode) => (n.regions ? new Set(n.regions) : undefined);
  const docs: SearchDoc[] = [];
  for (const node of deps.navigation.categories.values()) {
    const trail: string[] = [];
    for (let n = node.parent; n; n = n.parent) trail.unshift(label(n));
    docs.push({
      kind: 'category',
      where: trail.length > 0 ? trail.join(' › ') : t('header.home'),
      title: label(node),
      text: node.children.map(label).join(' · '),
      keywords: trail.join(' '),
      path: `/${node.path}`,
      regions: limit(node),
    });
    for (const child of node.children) {
      if (child.link || child.children.length > 0) continue;
      docs.push({
        kind: 'category',
        where: [...trail, label(node)].join(' › '),
        title: label(child),
        text: child.described ? t(`nav:descriptions.${child.path}`) : '',
        keywords: trail.join(' '),
        path: `/${node.path}#${child.id}`,
        regions: limit(child),
      });
    }
  }
  return docs;
}

/**
 * Every site of the selector, named in every language of the registry: one small index for all sites, so "Allemagne",
 * "Germany" and "Deutschland" all find /de/de/. The results page names the site in the visitor's language and in its own.
 */
export function regionDocuments(deps: Deps): SearchDoc[] {
  const sites = selectorSites(deps.registry);
  const languages = [...new Set(['en', ...deps.registry.sites.map((s) => languageTag(s.locale))])];
  const names = sites.map((s) => new Set([nativeName(s)]));
  // Language by language, so each language's Intl.DisplayNames is made once.
  for (const language of languages) sites.forEach((s, i) => names[i]!.add(visitorName(s, language)));
  return sites.map((s, i) => ({
    kind: 'region',
    where: '',
    title: nativeName(s),
    text: '',
    keywords: [...names[i]!].join(' '),
    path: `${s.prefix}/`,
    site: s,
  }));
}

/** The documents of a language's text: the same for every site that reads it (each document says where it shows). */
export function contentDocuments(deps: Deps, textLocale: string): SearchDoc[] {
  const t = deps.translations.t(textLocale);
  return [
    ...homeDocs(t),
    ...statementDocs(t, textLocale, deps.versions.currentAt(deps.now()).effective),
    ...supportDocs(t),
    ...contactDocs(deps, t, textLocale),
    ...formDocs(t),
    ...categoryDocs(deps, t),
  ];
}
