// Support pages: the hub, the contact lines of a region with open-now, the staff directory — their view models and renderers.
import { dateTimeFormat } from '../i18n.js';
import type { TFunction } from 'i18next';
import type { Site } from '../regions/registry.js';
import { nativeName, visitorName } from '../regions/names.js';
import type { Deps } from '../deps.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { phoneModel } from './phone-model.js';
import { PAGE_PATHS, pageHref } from '../shell/routes.js';
import { shopHref, supportHref } from '../shell/navigation.js';
import type { ContactLine } from './contacts.js';
import { displayNumber, telHref } from './contacts.js';
import { openState, toLocal } from './hours.js';
import { zoneName } from './hours-format.js';

/** Technical support areas of the seed's Support menu, each an anchor on the hub. */
export const TECHNICAL_AREAS = ['pc', 'servers', 'storage', 'accessories'] as const;

export function statusText(t: TFunction, line: ContactLine, locale: string, instant: Date): { open: boolean; text: string } {
  const state = openState(line.hours, line.timeZone, instant);
  if (!state.nextChange) return { open: false, text: t('support:status.closedIndefinitely') };
  const time = dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: line.timeZone }).format(
    state.nextChange,
  );
  if (state.open) return { open: true, text: t('support:status.openUntil', { time }) };
  const today = toLocal(instant, line.timeZone);
  const then = toLocal(state.nextChange, line.timeZone);
  const sameDay = today.year === then.year && today.month === then.month && today.day === then.day;
  const day = dateTimeFormat(locale, { weekday: 'long', timeZone: line.timeZone }).format(state.nextChange);
  return {
    open: false,
    text: sameDay ? t('support:status.closedOpensToday', { time }) : t('support:status.closedOpensOn', { day, time }),
  };
}

const SCHEMA_DAYS: Record<string, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};

function jsonLd(deps: Deps, site: Site, t: TFunction, lines: readonly ContactLine[], global: boolean): string {
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
      areaServed: global ? site.cc.toUpperCase() : line.regions.map((r) => r.toUpperCase()),
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

export function contactLinesModel(deps: Deps, site: Site, t: TFunction, locale: string, instant: Date) {
  const { lines, global } = deps.contacts.linesFor(site.cc);
  const origin = deps.config.siteOrigin;
  return {
    global,
    lines: lines.map((line) => ({
      ...phoneModel(line, site.cc, locale, global),
      title: t(`support:lines.${line.id}.title`),
      description: t(`support:lines.${line.id}.description`),
      status: statusText(t, line, locale, instant),
      deepLink: `${origin}${PAGE_PATHS.contact}#${line.id}`,
    })),
    jsonLd: jsonLd(deps, site, t, lines, global),
    checkedAt: {
      iso: instant.toISOString(),
      text: dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: site.region.timeZone }).format(instant),
      zone: zoneName(site.region.timeZone, locale),
    },
  };
}

export function renderContact(deps: Deps, site: Site, instant: Date): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const model = contactLinesModel(deps, site, t, language.contentLocale, instant);
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

export function renderSupportHub(deps: Deps, site: Site): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const { lines, global } = deps.contacts.linesFor(site.cc);
  const phones = Object.fromEntries(lines.map((l) => [l.id, phoneModel(l, site.cc, language.contentLocale, global)]));
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
        global,
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

export function directoryModel(deps: Deps, site: Site, t: TFunction, locale: string, query: string) {
  const origin = deps.config.siteOrigin;
  const needle = query.trim().toLocaleLowerCase(locale);
  const collator = new Intl.Collator(locale);
  const regions = deps.registry.regions
    .map((region) => {
      const home = deps.registry.defaultSite(region);
      const name = visitorName({ ...home, locale: home.locale }, locale);
      const own = nativeName(home);
      const { lines, global } = deps.contacts.linesFor(region.code);
      return {
        code: region.code,
        name,
        nativeName: own !== name ? own : undefined,
        global,
        contactHref: pageHref(home, 'contact'),
        lines: lines.map((line) => ({
          id: line.id,
          title: t(`support:lines.${line.id}.title`),
          number: displayNumber(line, global ? '' : region.code),
          tel: telHref(line),
          option: line.option,
          deepLink: `${origin}${home.prefix}${PAGE_PATHS.contact}#${line.id}`,
        })),
      };
    })
    .filter((r) => {
      if (needle === '') return true;
      const haystack = [r.code, r.name, r.nativeName ?? '', ...r.lines.map((l) => `${l.id} ${l.title} ${l.number}`)]
        .join(' ')
        .toLocaleLowerCase(locale);
      return haystack.includes(needle);
    })
    .sort((a, b) => collator.compare(a.name, b.name));
  return { query, regions, total: deps.registry.regions.length, action: pageHref(site, 'directory') };
}

export function renderDirectory(deps: Deps, site: Site, query: string): RenderedPage {
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
    model: { directory: directoryModel(deps, site, t, language.contentLocale, query) },
  });
}

