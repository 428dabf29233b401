// The layout's view model: language and direction, header, footer, head links; one per site, built once.
import { displayName } from '../i18n.js';
import { Lru } from '../lru.js';
import type { TFunction } from 'i18next';
import type { Config } from '../config.js';
import type { Translations } from '../i18n.js';
import type { Assets } from '../http/assets.js';
import type { Registry, Site } from '../regions/registry.js';
import type { ContactBook, ContactLine } from '../support/contacts.js';
import { displayNumber, telHref } from '../support/contacts.js';
import { hoursTable, zoneName, type HoursRow } from '../support/hours-format.js';
import { isVisible, navHref, shopHref, showsIn, type Navigation, type NavNode } from './navigation.js';
import { socialLinks } from './navigation-data.js';
import { pageHref, routePath, type PageId, type RouteKey } from './routes.js';
import { formHref } from '../forms/paths.js';
import type { Views } from './views.js';
import { capitalise, languageTag, nativeName, selectorSites, visitorName } from '../regions/selector.js';

export interface SiteDeps {
  config: Config;
  registry: Registry;
  translations: Translations;
  navigation: Navigation;
  contacts: ContactBook;
  assets: Assets;
  views: Views;
}

/** The direction of a locale's script, from CLDR through Intl (ar, he, fa, ur… are rtl), not from a hand list. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  const info = (new Intl.Locale(locale) as Intl.Locale & { textInfo?: { direction?: string } }).textInfo;
  return info?.direction === 'rtl' ? 'rtl' : 'ltr';
}

/** What a page of one site is written in. */
export interface PageLanguage {
  site: Site;
  /** The locale the text is in: the site's, or English where its language is not shipped. */
  contentLocale: string;
  /** `<html lang>` and Content-Language. */
  lang: string;
  dir: 'ltr' | 'rtl';
  t: TFunction;
  /** Set when the page is shown in English for a language we do not ship. */
  notice?: { lang: string; dir: 'ltr' | 'rtl'; t: TFunction };
}

export function pageLanguage(deps: SiteDeps, site: Site): PageLanguage {
  const shipped = deps.translations.isShipped(site.locale);
  const contentLocale = shipped ? site.locale : `en-${site.cc.toUpperCase()}`;
  const dir = textDirection(site.locale);
  return {
    site,
    contentLocale,
    lang: shipped ? site.locale : 'en',
    dir: shipped ? dir : 'ltr',
    t: deps.translations.t(shipped ? site.locale : 'en'),
    notice: shipped ? undefined : { lang: site.locale, dir, t: deps.translations.t(site.locale) },
  };
}

export interface LinkModel {
  label: string;
  href: string;
  external?: boolean;
}

export interface MenuModel {
  id: string;
  label: string;
  href: string;
  groups: { label?: string; href?: string; description?: string; items: LinkModel[] }[];
}

export interface PhoneModel {
  id: string;
  number: string;
  vanity?: string;
  tel: string;
  telWithOption?: string;
  option?: number;
  hours: HoursRow[];
  zone: string;
  global: boolean;
}

export function phoneModel(line: ContactLine, cc: string, locale: string, global: boolean): PhoneModel {
  return {
    id: line.id,
    number: displayNumber(line, global ? '' : cc),
    vanity: !global && line.country.toLowerCase() === cc ? line.vanity : undefined,
    tel: telHref(line),
    telWithOption: line.option === undefined ? undefined : telHref(line, line.option),
    option: line.option,
    hours: hoursTable(line.hours, locale),
    zone: zoneName(line.timeZone, locale),
    global,
  };
}

export interface ShellModel {
  homeHref: string;
  regionsHref: string;
  menus: MenuModel[];
  support: {
    href: string;
    contactHref: string;
    orderStatusHref: string;
    global: boolean;
    lines: Record<string, PhoneModel | undefined>;
  };
  sales: PhoneModel | undefined;
  emailSignupHref: string;
  utility: LinkModel[];
  footerColumns: { label: string; href: string; items: (LinkModel & { children?: LinkModel[] })[] }[];
  social: LinkModel[];
  siteName: string;
  year: number;
  assets: { css: string; print: string; js: string; icon: string };
  privacyHref: string;
  siteMapHref: string;
  /** The compact selector of the footer: every entry of the seed's list, in its own language; one array shared by every site. */
  regionOptions: readonly RegionOption[];
  /** The `value` of this site's entry in `regionOptions`, shown selected. */
  regionValue: string;
  /** Other languages of this region (`/be/fr/`, `/be/en/`), for the language links. */
  otherLanguages: { lang: string; label: string; prefix: string }[];
}

function label(t: TFunction, node: NavNode, where: 'header' | 'footer' | 'page' = 'page'): string {
  if (where !== 'page') {
    // A missing key comes back as the key itself: then the entry has no special label there.
    const key = `nav:${where}Labels.${node.path}`;
    const value = t(key);
    if (value !== key && value !== key.slice('nav:'.length)) return value;
  }
  return t(`nav:labels.${node.path}`);
}

export function buildShell(deps: SiteDeps, language: PageLanguage): ShellModel {
  const { site, t } = language;
  const { navigation, config } = deps;
  const href = (node: NavNode) => navHref(navigation, config.shopBaseUrl, site, node);
  const visible = (nodes: readonly NavNode[], place: 'header' | 'footer') =>
    nodes.filter((n) => isVisible(n, site.cc) && showsIn(n, place));
  const link = (node: NavNode, place: 'header' | 'footer'): LinkModel => ({ label: label(t, node, place), href: href(node) });

  const menus: MenuModel[] = visible(navigation.roots, 'header').map((root) => {
    const kids = visible(root.children, 'header');
    const flat = kids.filter((k) => !k.expand && !k.described);
    const groups: MenuModel['groups'] = [];
    if (flat.length > 0) groups.push({ items: flat.map((k) => link(k, 'header')) });
    for (const k of kids.filter((k) => k.expand || k.described)) {
      groups.push({
        label: label(t, k, 'header'),
        href: href(k),
        description: k.described ? t(`nav:descriptions.${k.path}`) : undefined,
        items: k.expand ? visible(k.children, 'header').map((c) => link(c, 'header')) : [],
      });
    }
    return { id: root.id, label: label(t, root, 'header'), href: href(root), groups };
  });

  const { lines, global } = deps.contacts.linesFor(site.cc);
  const phones: Record<string, PhoneModel | undefined> = {};
  for (const line of lines) phones[line.id] ??= phoneModel(line, site.cc, language.contentLocale, global);

  const footerColumns = visible(navigation.roots, 'footer').map((root) => ({
    label: label(t, root, 'footer'),
    href: href(root),
    items: visible(root.children, 'footer').map((c) => ({
      ...link(c, 'footer'),
      children: c.children.length > 0 ? visible(c.children, 'footer').map((g) => link(g, 'footer')) : undefined,
    })),
  }));

  return {
    homeHref: pageHref(site, 'home'),
    regionsHref: pageHref(site, 'regions'),
    menus,
    support: {
      href: pageHref(site, 'support'),
      contactHref: pageHref(site, 'contact'),
      orderStatusHref: shopHref(navigation, config.shopBaseUrl, site, 'order-status'),
      global,
      lines: phones,
    },
    sales: phones['order-help'],
    emailSignupHref: formHref(site, 'signup'),
    utility: [
      { label: t('header.account'), href: shopHref(navigation, config.shopBaseUrl, site, 'account'), external: true },
      { label: t('header.search'), href: shopHref(navigation, config.shopBaseUrl, site, 'search'), external: true },
      { label: t('header.cart'), href: shopHref(navigation, config.shopBaseUrl, site, 'cart'), external: true },
    ],
    footerColumns,
    social: socialLinks.map((s) => ({ label: t(`footer.social.${s.id}`), href: s.href, external: true })),
    siteName: t('siteName'),
    year: new Date().getUTCFullYear(),
    assets: { css: deps.assets.url('css/site.css'), print: deps.assets.url('css/print.css'), js: deps.assets.url('js/site.js'), icon: deps.assets.url('img/favicon.svg') },
    privacyHref: pageHref(site, 'privacy'),
    siteMapHref: pageHref(site, 'regions'),
    regionOptions: regionOptions(deps),
    regionValue: `${site.cc}-${site.lang}`,
    otherLanguages: site.region.languages
      .filter((l) => l.lang !== site.lang)
      .map((l) => ({
        lang: l.locale,
        label: capitalise(displayName(l.locale, 'language', languageTag(l.locale)) ?? l.lang, l.locale),
        prefix: `/${site.cc}/${l.lang}`,
      })),
  };
}

interface RegionOption {
  readonly value: string;
  readonly label: string;
  readonly lang: string;
}

const optionsCache = new WeakMap<SiteDeps, readonly RegionOption[]>();

function regionOptions(deps: SiteDeps): readonly RegionOption[] {
  let options = optionsCache.get(deps);
  if (!options) {
    const collator = new Intl.Collator('en');
    options = selectorSites(deps.registry)
      .map((s) => ({ value: `${s.cc}-${s.lang}`, label: nativeName(s), lang: languageTag(s.locale), sort: visitorName(s, 'en') }))
      .sort((a, b) => collator.compare(a.sort, b.sort))
      .map(({ value, label, lang }) => ({ value, label, lang }));
    optionsCache.set(deps, options);
  }
  return options;
}

export interface HeadModel {
  title: string;
  description: string;
  canonical: string;
  alternates: { hreflang: string; href: string }[];
  jsonLd?: string;
  /** The Atom feed of the statement's versions, for `<link rel="alternate">`. */
  feed?: string;
}

/** Canonical and hreflang links for a page that every site in `sites` serves at `path`. */
export function headLinks(deps: SiteDeps, site: Site, path: string, sites: readonly Site[]) {
  const origin = deps.config.siteOrigin;
  return {
    canonical: `${origin}${site.prefix}${path}`,
    alternates: [
      ...sites.map((s) => ({ hreflang: s.locale, href: `${origin}${s.prefix}${path}` })),
      { hreflang: 'x-default', href: `${origin}/` },
    ],
  };
}

export type { PageId };

export interface RenderedPage {
  readonly status: number;
  readonly html: string;
  /** Content-Language: the same as `<html lang>`. */
  readonly lang: string;
}

/**
 * The shells of recently rendered sites. Bounded: a shell is rebuilt in well under a millisecond,
 * and keeping all 229 (navigation trees, phone models) would hold memory for pages that are
 * rendered once and then served from the page cache.
 */
const shells = new WeakMap<SiteDeps, Lru<ShellModel>>();

function shellFor(deps: SiteDeps, language: PageLanguage): ShellModel {
  let recent = shells.get(deps);
  if (!recent) shells.set(deps, (recent = new Lru(32)));
  return recent.get(`${language.site.prefix}|${language.contentLocale}`, () => buildShell(deps, language));
}

/** Renders `view` with `model` inside the layout of `language.site`. */
export function renderInLayout(
  deps: SiteDeps,
  language: PageLanguage,
  page: { view: string; head: HeadModel; model: object; status?: number; route?: RouteKey; path?: string },
): RenderedPage {
  const shell = shellFor(deps, language);
  // `path`: a page outside the route table (a form), so the language links lead to the same page.
  const path = page.path ?? (page.route ? routePath(page.route) : '/');
  const languages = shell.otherLanguages.map((l) => ({ lang: l.lang, label: l.label, href: `${l.prefix}${path}` }));
  const locals = {
    ...page.model,
    t: language.t,
    language,
    shell: { ...shell, languages },
    head: page.head,
    route: page.route,
  };
  const body = deps.views.render(page.view, locals);
  const html = deps.views.render('layout', { ...locals, body });
  return { status: page.status ?? 200, html, lang: language.lang };
}
