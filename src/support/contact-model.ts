// Support pages: the hub, the contact lines of a region with open-now, the staff directory — their view models and renderers.
import type { TFunction } from 'i18next';
import type { Site } from '../regions/registry.js';
import { languageTag, nativeName, visitorName } from '../regions/names.js';
import type { Deps } from '../deps.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { phoneModel } from './phone-model.js';
import { PAGE_PATHS, pageHref } from '../shell/routes.js';
import { shopHref, supportHref } from '../shell/navigation.js';
import type { ContactLine } from './contacts.js';
import { displayNumber, telHref } from './contacts.js';
import { openState, toLocal } from './hours.js';
import { formatInZone, zoneLabel } from './hours-format.js';
import { anywhereEmails } from './contact-data.js';
import { formHref } from '../forms/paths.js';
import { PerAppLocale } from '../shared-copies.js';
import { isUnspaced } from '../search/text.js';
import { choiceName, customerModel, lineLink, regionName, type CustomerChoice } from './customer-links.js';

/** Technical support areas of the seed's Support menu, each an anchor on the hub. */
export const TECHNICAL_AREAS = ['pc', 'servers', 'storage', 'accessories'] as const;

/** Where the visitor's site lies: its region's primary zone (capital / most populous), and that region. */
export interface Place {
  timeZone: string;
  country: string;
}

/**
 * "9:00 PM Eastern Time, United States", and where the visitor's region keeps other clocks
 * " — 03:00 Central European Time" (with the weekday when it is another day there).
 */
export function timeWithZones(t: TFunction, instant: Date, zone: Place, here: Place, locale: string): string {
  const at = (p: Place, withDay: boolean) =>
    t('support:timeIn', {
      time: formatInZone(locale, { ...(withDay ? { weekday: 'short' } : {}), hour: 'numeric', minute: '2-digit' }, instant, p.timeZone),
      zone: zoneLabel(t, p.timeZone, p.country, locale),
    });
  const main = at(zone, false);
  if (sameOffset(instant, zone.timeZone, here.timeZone)) return main;
  const a = toLocal(instant, zone.timeZone);
  const b = toLocal(instant, here.timeZone);
  const otherDay = a.year !== b.year || a.month !== b.month || a.day !== b.day;
  return t('support:localToo', { time: main, local: at(here, otherDay) });
}

function sameOffset(instant: Date, a: string, b: string): boolean {
  if (a === b) return true;
  const x = toLocal(instant, a);
  const y = toLocal(instant, b);
  return x.year === y.year && x.month === y.month && x.day === y.day && x.minutes === y.minutes;
}

export function statusText(t: TFunction, line: ContactLine, locale: string, instant: Date, here: Place): { open: boolean; text: string } {
  const state = openState(line.hours, line.timeZone, instant);
  if (!state.nextChange) return { open: false, text: t('support:status.closedIndefinitely') };
  const zone = { timeZone: line.timeZone, country: line.country };
  const time = timeWithZones(t, state.nextChange, zone, here, locale);
  if (state.open) return { open: true, text: t('support:status.openUntil', { time }) };
  const today = toLocal(instant, line.timeZone);
  const then = toLocal(state.nextChange, line.timeZone);
  const sameDay = today.year === then.year && today.month === then.month && today.day === then.day;
  const day = formatInZone(locale, { weekday: 'long' }, state.nextChange, line.timeZone);
  return {
    open: false,
    text: sameDay ? t('support:status.closedOpensToday', { time }) : t('support:status.closedOpensOn', { day, time }),
  };
}

const SCHEMA_DAYS: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

function jsonLd(deps: Deps, site: Site, t: TFunction, lines: readonly ContactLine[]): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: 'Lenovo',
    url: `${deps.config.siteOrigin}${site.prefix}/`,
    contactPoint: lines.map((line) => ({
      '@type': 'ContactPoint',
      name: t(`support:lines.${line.id}.title`),
      telephone: displayNumber(line, ''),
      contactType: t(`support:lines.${line.id}.title`),
      // Only the regions the line really serves: a fallback US line serves the US, whichever site shows it.
      areaServed: line.regions.map((r) => r.toUpperCase()),
      hoursAvailable: line.hours.map((h) => ({
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: h.days.map((d) => `https://schema.org/${SCHEMA_DAYS[d]}`),
        opens: `${h.open}:00`,
        closes: `${h.close}:00`,
      })),
    })),
  };
  // `<` escaped so the data block can never close its script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** What works from anywhere, whatever the region's phone lines: the privacy request form, the statement's e-mail, the shop. */
export function anywhereModel(deps: Deps, site: Site) {
  return {
    privacyFormHref: formHref(site, 'request'),
    emails: anywhereEmails,
    shopHref: `${deps.config.shopBaseUrl}/${site.cc}/${site.lang}/`,
  };
}

/** A line's link for the "link to this line" field and its Copy button, and the field's label. */
function shareModel(t: TFunction, deps: Deps, choice: CustomerChoice, lineId: string, locale: string) {
  const link = lineLink(deps, choice, lineId);
  if (choice.kind !== 'region') return { deepLink: link.href, deepLinkLabel: t('support:contact.deepLink') };
  const region = choiceName(deps, choice.site, locale);
  const key = link.listed ? 'support:customer.deepLink' : 'support:customer.pageLink';
  return { deepLink: link.href, deepLinkLabel: t(key, { region }) };
}

export function contactLinesModel(
  deps: Deps,
  site: Site,
  t: TFunction,
  locale: string,
  instant: Date,
  choice: CustomerChoice = { kind: 'none' },
) {
  const { lines, foreign } = deps.contacts.linesFor(site.cc);
  const here: Place = { timeZone: site.region.timeZone, country: site.cc };
  // "As of" in the lines' zone, as the statuses under it (and the visitor's own time beside it).
  const first = lines[0];
  const zone: Place = first ? { timeZone: first.timeZone, country: first.country } : here;
  const checked = formatInZone(locale, { dateStyle: 'medium' }, instant, zone.timeZone);
  return {
    foreign,
    // Phone lines belong to the region, not to one of its sites: "Canada", not "Canada – English".
    regionName: regionName(site.region, locale),
    anywhere: anywhereModel(deps, site),
    lines: lines.map((line) => ({
      ...phoneModel(t, line, site.cc, locale, foreign, { ...here, instant }),
      title: t(`support:lines.${line.id}.title`),
      description: t(`support:lines.${line.id}.description`),
      status: statusText(t, line, locale, instant, here),
      ...shareModel(t, deps, choice, line.id, locale),
    })),
    customer: customerModel(deps, site, locale, choice),
    jsonLd: jsonLd(deps, site, t, lines),
    checkedAt: {
      iso: instant.toISOString(),
      text: t('support:dateAndTime', { date: checked, time: timeWithZones(t, instant, zone, here, locale) }),
    },
  };
}

export function renderContact(deps: Deps, site: Site, instant: Date, choice?: CustomerChoice): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const model = contactLinesModel(deps, site, t, language.contentLocale, instant, choice);
  return renderInLayout(deps, language, {
    view: 'support/contact',
    route: 'contact',
    head: {
      title: t('support:contact.title'),
      description: t('support:contact.description'),
      ...headLinks(deps, site, PAGE_PATHS.contact, deps.registry.sites),
      jsonLd: model.jsonLd,
    },
    model: { contact: model },
  });
}

export function renderSupportHub(deps: Deps, site: Site, instant: Date): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const { lines, foreign } = deps.contacts.linesFor(site.cc);
  const here = { timeZone: site.region.timeZone, country: site.cc, instant };
  const phones = Object.fromEntries(lines.map((l) => [l.id, phoneModel(t, l, site.cc, language.contentLocale, foreign, here)]));
  return renderInLayout(deps, language, {
    view: 'support/hub',
    route: 'support',
    head: {
      title: t('support:hub.title'),
      description: t('support:hub.description'),
      ...headLinks(deps, site, PAGE_PATHS.support, deps.registry.sites),
    },
    model: {
      hub: {
        foreign,
        regionName: regionName(site.region, language.contentLocale),
        anywhere: anywhereModel(deps, site),
        phones,
        contactHref: pageHref(site, 'contact'),
        directoryHref: pageHref(site, 'directory'),
        orderStatusHref: shopHref(deps.navigation, deps.config.shopBaseUrl, site, 'order-status'),
        areas: TECHNICAL_AREAS.map((id) => ({
          id,
          title: t(`support:hub.technical.${id}.title`),
          description: t(`support:hub.technical.${id}.description`),
          // The technical support site (external): drivers, warranty and repairs live there.
          href: supportHref(deps.navigation, deps.config.supportBaseUrl, site, id),
        })),
      },
    },
  });
}

interface DirectoryRegion {
  code: string;
  name: string;
  nativeName: string | undefined;
  contactHref: string;
  /** The language of its default site, which its contact page and native name are in. */
  lang: string;
  /** Its default site's `/{cc}/{lang}`. */
  prefix: string;
  /** Lower-cased code and names, for `?q=`. */
  haystack: string;
}

interface DirectoryGroup {
  /** The fallback US lines, shown to every region without lines of its own. */
  foreign: boolean;
  regions: DirectoryRegion[];
  lines: {
    id: string;
    title: string;
    number: string;
    tel: string;
    option?: number;
    deepLink: string;
    /** The link written with a break opportunity after each `/`: long links wrap there, never inside a word. */
    deepLinkParts: string[];
    status: { open: boolean; text: string };
    /** Lower-cased id and name, for `?q=` at the start of a word. */
    names: string;
  }[];
}

/**
 * Regions that share the same lines share one table ("uses the US lines": 100+ regions, one table), each region
 * listed by name with its contact page; a region with lines of its own has its table. `?q=` matches a region's code
 * or names (showing the matching regions of a group) or a line's name or number (showing the whole group).
 */
interface RegionGroup {
  foreign: boolean;
  /** The lines, as the group's first region has them. */
  lines: readonly ContactLine[];
  home: Site;
  regions: DirectoryRegion[];
}

/** The regions grouped by the lines they share, named and sorted in `locale`: static data, built once per locale. */
const regionGroups = new PerAppLocale<RegionGroup[]>();

function groupedRegions(deps: Deps, locale: string): RegionGroup[] {
  return regionGroups.get(
    deps,
    locale,
    () => buildGroups(deps, locale),
    // Names and order decide what a page shows; en-AE, en-AO… name every region alike: one copy.
    (groups) =>
      groups
        .map((g) => g.regions.map((r) => `${r.code}\u0001${r.name}\u0001${r.nativeName ?? ''}\u0001${r.haystack}`).join('\u0000'))
        .join('\u0002'),
  );
}

function buildGroups(deps: Deps, locale: string): RegionGroup[] {
  const collator = new Intl.Collator(locale);
  const byLines = new Map<string, RegionGroup>();
  for (const region of deps.registry.regions) {
    const home = deps.registry.defaultSite(region);
    const name = visitorName({ ...home, locale: home.locale }, locale);
    const own = nativeName(home);
    const { lines, foreign } = deps.contacts.linesFor(region.code);
    const key = `${foreign}|${lines.map((l) => `${l.id}${l.number}`).join(',')}`;
    let group = byLines.get(key);
    if (!group) byLines.set(key, (group = { foreign, lines, home, regions: [] }));
    group.regions.push({
      code: region.code,
      name,
      nativeName: own !== name ? own : undefined,
      contactHref: pageHref(home, 'contact'),
      lang: languageTag(home.locale),
      prefix: home.prefix,
      haystack: `${region.code} ${name} ${own}`.toLocaleLowerCase(locale),
    });
  }
  const groups = [...byLines.values()];
  for (const g of groups) g.regions.sort((a, b) => collator.compare(a.name, b.name));
  // Regions with lines of their own first, by name; the fallback group last.
  groups.sort((a, b) => Number(a.foreign) - Number(b.foreign) || collator.compare(a.regions[0]!.name, b.regions[0]!.name));
  return groups;
}

/** Arabic-Indic (U+0660…) and Persian (U+06F0…) digits as ASCII; NFKC has already turned full-width ones into ASCII. */
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/**
 * A query typed as a phone number — "+1 855 253 6686", "(855) 253-6686", "855.253.6686", "８５５" from a
 * Japanese keyboard — as its digits, so that it finds a line however the page happens to group them; undefined
 * for anything else (a name, a single digit).
 */
export function phoneDigits(query: string): string | undefined {
  const text = query.normalize('NFKC').replace(EASTERN_DIGITS, (d) => String(d.codePointAt(0)! & 0xf));
  if (!/^[\d\s()+.\-\u2010-\u2015]+$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, '');
  return digits.length >= 3 ? digits : undefined;
}

const LETTER = /[\p{L}\p{N}\p{M}]$/u;

/**
 * Whether `needle` begins a word of `text`: "ord" finds "help placing an order", while a region code such as "de" or
 * "in" is not found inside "order" or "existing". Scripts written without spaces have no word starts to go by, and
 * Arabic and Hebrew write the article and particles onto the word: those match anywhere, as search does.
 */
function startsWord(text: string, needle: string): boolean {
  const anywhere = isUnspaced(needle) || /\p{Script=Arabic}|\p{Script=Hebrew}/u.test(needle);
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (anywhere || !LETTER.test(text.slice(0, at))) return true;
  }
  return false;
}

/**
 * Regions that share the same lines share one table ("uses the US lines": 100+ regions, one table), each region
 * listed by name with its contact page; a region with lines of its own has its table. `?q=` matches a region's code
 * or names (showing the matching regions of a group) or a word of a line's name or its number (showing the whole group).
 */
export function directoryModel(deps: Deps, site: Site, t: TFunction, locale: string, query: string, instant: Date) {
  const origin = deps.config.siteOrigin;
  const here: Place = { timeZone: site.region.timeZone, country: site.cc };
  const needle = query.trim().toLocaleLowerCase(locale);
  const digits = phoneDigits(needle);
  const shown: DirectoryGroup[] = [];
  for (const group of groupedRegions(deps, locale)) {
    const single = group.regions.length === 1 ? group.regions[0]!.code : undefined;
    const lines = group.lines.map((line) => {
      const title = t(`support:lines.${line.id}.title`);
      // A region's own line as its visitors write it; a line several regions share in international format.
      const number = displayNumber(line, group.foreign || !single ? '' : single);
      return {
        id: line.id,
        title,
        number,
        tel: telHref(line),
        option: line.option,
        // The same words as the contact page, from the same clock.
        status: statusText(t, line, locale, instant, here),
        names: `${line.id} ${title}`.toLocaleLowerCase(locale),
        // The number's digits as dialled from abroad (E.164) and as written here (a national 0 kept).
        digits: `${line.number.replace(/\D/g, '')} ${number.replace(/\D/g, '')}`,
      };
    });
    const lineMatch =
      needle !== '' &&
      lines.some((l) => startsWord(l.names, needle) || l.number.includes(needle) || (digits !== undefined && l.digits.includes(digits)));
    const regions = needle === '' || lineMatch ? group.regions : group.regions.filter((r) => r.haystack.includes(needle));
    if (regions.length === 0) continue;
    // One region shown (its own lines, or the filter found one): the link to its own page. Several: the region-neutral
    // link, which lands each customer on their own region's page.
    const prefix = regions.length === 1 ? regions[0]!.prefix : '';
    shown.push({
      foreign: group.foreign,
      regions,
      lines: lines.map((l) => {
        const path = `${prefix}${PAGE_PATHS.contact}#${l.id}`;
        return { ...l, deepLink: `${origin}${path}`, deepLinkParts: [origin, ...path.split(/(?<=\/)/)] };
      }),
    });
  }
  const count = shown.reduce((n, g) => n + g.regions.length, 0);
  return { query, groups: shown, count, total: deps.registry.regions.length, action: pageHref(site, 'directory') };
}

export function renderDirectory(deps: Deps, site: Site, query: string, instant: Date): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  return renderInLayout(deps, language, {
    view: 'support/directory',
    route: 'directory',
    head: {
      title: t('support:directory.title'),
      description: t('support:directory.description'),
      ...headLinks(deps, site, PAGE_PATHS.directory, deps.registry.sites),
    },
    model: { directory: directoryModel(deps, site, t, language.contentLocale, query, instant) },
  });
}
