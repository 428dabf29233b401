// The layout's view model: header, footer, menus, phone lines and region options of one site.
import type { Deps } from '../deps.js';
import { formHref } from '../forms/paths.js';
import { displayName } from '../i18n.js';
import { capitalise, languageTag, nativeName, selectorSites } from '../regions/names.js';
import { CONTINENTS, siteId } from '../regions/registry.js';
import { regionName } from '../support/customer-links.js';
import { phoneModel, type PhoneModel } from '../support/phone-model.js';
import { PerAppLocale } from '../shared-copies.js';
import type { PageLanguage } from './layout.js';
import { isVisible, navTarget, shopHref, showsIn, socialFor, type NavNode } from './navigation.js';
import { pageHref } from './routes.js';
import type { TFunction } from 'i18next';

export interface LinkModel {
  label: string;
  href: string;
  external?: boolean;
  /** The navigation entry's path (`data-nav`), for entries of the navigation data. */
  nav?: string;
}

export interface MenuModel {
  id: string;
  label: string;
  href: string;
  groups: { label?: string; href?: string; external?: boolean; nav?: string; description?: string; items: LinkModel[] }[];
}

export interface ShellModel {
  homeHref: string;
  regionsHref: string;
  menus: MenuModel[];
  support: {
    href: string;
    contactHref: string;
    orderStatusHref: string;
    /** No lines of its own: the US lines are shown as US lines. */
    foreign: boolean;
    regionName: string;
    lines: Record<string, PhoneModel | undefined>;
  };
  /** The sales line, only where it is the site's region's own line and can be dialled from there. */
  sales: PhoneModel | undefined;
  contactHref: string;
  emailSignupHref: string;
  utility: LinkModel[];
  footerColumns: { label: string; href: string; nav: string; items: (LinkModel & { children?: LinkModel[] })[] }[];
  social: LinkModel[];
  siteName: string;
  /** "United States · English": the site shown, region and language in the site's own language. */
  where: { region: string; language: string; short: string; lang: string };
  year: number;
  assets: { css: string; print: string; js: string; icon: string; logo: string };
  privacyHref: string;
  siteMapHref: string;
  /** The shop's terms of use (external). */
  termsHref: string;
  /** The compact selector of the footer: every entry of the seed's list named in its own language, grouped by
   *  continent and sorted by those names in the visitor's collation; one array per page language. */
  regionGroups: readonly RegionGroup[];
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

/** The header menus and footer columns of one site: the navigation entries visible there, labelled in its language. */
function navigationModel(deps: Deps, language: PageLanguage): Pick<ShellModel, 'menus' | 'footerColumns'> {
  const { site, t } = language;
  const { navigation, config } = deps;
  const roots = navigation.roots;
  const href = (node: NavNode) => navTarget(config, site, node).href;
  const visible = (nodes: readonly NavNode[], place: 'header' | 'footer') =>
    nodes.filter((n) => isVisible(n, site.cc) && showsIn(n, place));
  const link = (node: NavNode, place: 'header' | 'footer'): LinkModel => ({
    label: label(t, node, place),
    ...navTarget(config, site, node),
    nav: node.path,
  });

  const menus: MenuModel[] = visible(roots, 'header').map((root) => {
    const kids = visible(root.children, 'header');
    const flat = kids.filter((k) => !k.expand && !k.described);
    const groups: MenuModel['groups'] = [];
    if (flat.length > 0) groups.push({ items: flat.map((k) => link(k, 'header')) });
    for (const k of kids.filter((k) => k.expand || k.described)) {
      groups.push({
        label: label(t, k, 'header'),
        ...navTarget(config, site, k),
        nav: k.path,
        description: k.described ? t(`nav:descriptions.${k.path}`) : undefined,
        items: k.expand ? visible(k.children, 'header').map((c) => link(c, 'header')) : [],
      });
    }
    return { id: root.id, label: label(t, root, 'header'), href: href(root), groups };
  });

  const footerColumns = visible(roots, 'footer').map((root) => ({
    label: label(t, root, 'footer'),
    href: href(root),
    nav: root.path,
    items: visible(root.children, 'footer').map((c) => ({
      ...link(c, 'footer'),
      children: c.children.length > 0 ? visible(c.children, 'footer').map((g) => link(g, 'footer')) : undefined,
    })),
  }));

  return { menus, footerColumns };
}

export function buildShell(deps: Deps, language: PageLanguage): ShellModel {
  const { site, t } = language;
  const { navigation, config } = deps;
  const { menus, footerColumns } = navigationModel(deps, language);
  const { lines, foreign } = deps.contacts.linesFor(site.cc);
  const phones: Record<string, PhoneModel | undefined> = {};
  for (const line of lines) phones[line.id] ??= phoneModel(t, line, site.cc, language.contentLocale, foreign);
  // The header's phone number only where it is the region's own line and can be dialled from; elsewhere "Contact", to
  // the contact page. The header has no room to label a US line as one, and a US line is never another region's line,
  // though Canada can dial it.
  const sales = phones['order-help'];

  return {
    homeHref: pageHref(site, 'home'),
    regionsHref: pageHref(site, 'regions'),
    menus,
    support: {
      href: pageHref(site, 'support'),
      contactHref: pageHref(site, 'contact'),
      orderStatusHref: shopHref(navigation, config.shopBaseUrl, site, 'order-status'),
      foreign,
      // The region's lines: the region named alone, not the site ("Canada", not "Canada – English").
      regionName: regionName(site.region, language.contentLocale),
      lines: phones,
    },
    sales: sales?.dialable && !sales.foreign ? sales : undefined,
    contactHref: pageHref(site, 'contact'),
    emailSignupHref: formHref(site, 'signup'),
    utility: [
      { label: t('header.account'), href: shopHref(navigation, config.shopBaseUrl, site, 'account'), external: true },
      { label: t('header.cart'), href: shopHref(navigation, config.shopBaseUrl, site, 'cart'), external: true },
    ],
    footerColumns,
    social: socialFor(navigation, site.cc).map((s) => ({
      label: t(`footer.social.${s.id}`),
      href: s.href,
      external: true,
      nav: `social:${s.id}`,
    })),
    siteName: t('siteName'),
    where: whereAmI(site),
    year: new Date().getUTCFullYear(),
    assets: {
      css: deps.assets.url('css/site.css'),
      print: deps.assets.url('css/print.css'),
      js: deps.assets.url('js/site.js'),
      icon: deps.assets.url('img/favicon.svg'),
      logo: deps.assets.url('img/logo.svg'),
    },
    privacyHref: pageHref(site, 'privacy'),
    siteMapHref: pageHref(site, 'sitemap'),
    termsHref: shopHref(navigation, config.shopBaseUrl, site, 'terms-of-use'),
    regionGroups: regionGroups(deps, language.contentLocale),
    regionValue: siteId(site),
    otherLanguages: site.region.languages
      .filter((l) => l.lang !== site.lang)
      .map((l) => ({
        lang: l.locale,
        label: capitalise(displayName(l.locale, 'language', languageTag(l.locale)) ?? l.lang, l.locale),
        prefix: `/${site.cc}/${l.lang}`,
      })),
  };
}

/** The header's "where am I": the region and language named in the site's own locale ("Belgique · Français"). */
function whereAmI(site: ShellSite): ShellModel['where'] {
  const region = displayName(site.locale, 'region', site.cc.toUpperCase()) ?? site.cc.toUpperCase();
  const tag = languageTag(site.locale);
  const language = capitalise(displayName(site.locale, 'language', tag) ?? site.lang, site.locale);
  return { region, language, short: `${site.cc.toUpperCase()} · ${site.lang.toUpperCase()}`, lang: site.locale };
}

type ShellSite = PageLanguage['site'];

interface RegionOption {
  readonly value: string;
  readonly label: string;
  readonly lang: string;
}

interface RegionGroup {
  readonly continent: string;
  readonly options: readonly RegionOption[];
}

const groupsCache = new PerAppLocale<readonly RegionGroup[]>();

/** The selector's options by continent (the registry's order), each sorted by the name it shows in `locale`'s collation. */
export function regionGroups(deps: Deps, locale: string): readonly RegionGroup[] {
  return groupsCache.get(
    deps,
    locale,
    () => {
      const collator = new Intl.Collator(locale);
      const sites = selectorSites(deps.registry);
      return CONTINENTS.map((continent) => ({
        continent,
        options: sites
          .filter((s) => s.region.continent === continent)
          .map((s) => ({ value: siteId(s), label: nativeName(s), lang: languageTag(s.locale) }))
          .sort((a, b) => collator.compare(a.label, b.label)),
      })).filter((g) => g.options.length > 0);
    },
    // The labels are the same in every locale; only the order differs.
    (groups) => groups.map((g) => `${g.continent}:${g.options.map((o) => o.value).join(',')}`).join('|'),
  );
}
