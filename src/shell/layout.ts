// The layout: what a page of one site is written in, its head links, and rendering a view inside the frame.
import type { TFunction } from 'i18next';
import type { Deps } from '../deps.js';
import { Lru } from '../lru.js';
import type { Site } from '../regions/registry.js';
import { pageHref, PAGE_PATHS, routePath, type PageId, type RouteKey } from './routes.js';
import { buildShell, type ShellModel } from './shell-model.js';

const directions = new Map<string, 'ltr' | 'rtl'>();

/** The direction of a locale's script, from CLDR through Intl (ar, he, fa, ur… are rtl), not from a hand list. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  let dir = directions.get(locale);
  if (dir === undefined) {
    const info = (new Intl.Locale(locale) as Intl.Locale & { textInfo?: { direction?: string } }).textInfo;
    dir = info?.direction === 'rtl' ? 'rtl' : 'ltr';
    if (directions.size < 2000) directions.set(locale, dir);
  }
  return dir;
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

export function pageLanguage(deps: Deps, site: Site): PageLanguage {
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
export function headLinks(deps: Deps, site: Site, path: string, sites: readonly Site[]) {
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
 * The shell of every site, built on its first page. It was an LRU of 32, but a miss comes for any of
 * the 235 sites: with the bench's misses (every site, route by route) every page rebuilt its shell,
 * a third of the render's CPU (0.5 ms warm, 2–4 ms on a site's first page). All of them hold ~7 MB
 * of heap (measured with every page rendered: heapUsed 40 → 47 MB). Bounded by the registry.
 */
const shells = new WeakMap<Deps, Lru<ShellModel>>();

function shellFor(deps: Deps, language: PageLanguage): ShellModel {
  let recent = shells.get(deps);
  if (!recent) shells.set(deps, (recent = new Lru(deps.registry.sites.length + 16)));
  return recent.get(`${language.site.prefix}|${language.contentLocale}`, () => buildShell(deps, language));
}

/** The page the region picker returns to from this page: its route, or the nearest page of the route table. */
export function returnRoute(route: RouteKey | undefined, path: string | undefined, model: object): RouteKey {
  if (route === 'regions') return (model as { from?: RouteKey }).from ?? 'home';
  if (route) return route;
  const bare = (path ?? '/').split('?')[0]!;
  const page = (Object.keys(PAGE_PATHS) as PageId[]).find((id) => PAGE_PATHS[id] === bare);
  if (page) return page;
  const version = /^\/privacy\/versions\/(\d{4}-\d{2}-\d{2})$/.exec(bare);
  if (version) return `version:${version[1]!}`;
  return bare.startsWith(`${PAGE_PATHS.versions}/`) ? 'versions' : bare.startsWith(PAGE_PATHS.privacy) ? 'privacy' : 'home';
}

export interface Crumb {
  label: string;
  href?: string;
}

/** Views that draw no breadcrumb of their own get one from the layout: Home › (section ›) this page. */
const LAYOUT_CRUMBS: Readonly<Record<string, 'support' | 'privacy' | 'none'>> = {
  'support/hub': 'none',
  'support/contact': 'support',
  'support/directory': 'support',
  'shell/sitemap': 'none',
  'search/results': 'none',
  'regions/selector': 'none',
  'forms/privacy-request': 'privacy',
  'forms/privacy-request-sent': 'privacy',
  'forms/email-signup': 'none',
  'forms/email-signup-done': 'none',
  'forms/confirm': 'none',
  'forms/unsubscribe': 'none',
  'forms/problem': 'none',
};

function layoutCrumbs(language: PageLanguage, view: string, title: string, model: object): Crumb[] | undefined {
  const parent = LAYOUT_CRUMBS[view];
  if (!parent || (model as { root?: boolean }).root) return undefined;
  const { site, t } = language;
  const crumbs: Crumb[] = [{ label: t('common:header.home'), href: pageHref(site, 'home') }];
  if (parent === 'support') crumbs.push({ label: t('common:header.support'), href: pageHref(site, 'support') });
  if (parent === 'privacy') crumbs.push({ label: t('common:home.entries.privacy.label'), href: pageHref(site, 'privacy') });
  crumbs.push({ label: title });
  return crumbs;
}

/** Renders `view` with `model` inside the layout of `language.site`. */
export function renderInLayout(
  deps: Deps,
  language: PageLanguage,
  page: { view: string; head: HeadModel; model: object; status?: number; route?: RouteKey; path?: string },
): RenderedPage {
  const shell = shellFor(deps, language);
  // `path`: a page outside the route table (a form), so the language links lead to the same page.
  const path = page.path ?? (page.route ? routePath(page.route) : '/');
  const languages = shell.otherLanguages.map((l) => ({ lang: l.lang, label: l.label, href: `${l.prefix}${path}` }));
  // Every page names the site shown and links to the picker, which brings the visitor back to this page.
  const whereHref = `${shell.regionsHref}?from=${encodeURIComponent(returnRoute(page.route, page.path, page.model))}`;
  const crumbs = layoutCrumbs(language, page.view, page.head.title, page.model);
  const locals = {
    ...page.model,
    t: language.t,
    language,
    crumbs,
    shell: { ...shell, languages, whereHref },
    head: page.head,
    route: page.route,
  };
  const body = deps.views.render(page.view, locals);
  const html = deps.views.render('layout', { ...locals, body });
  return { status: page.status ?? 200, html, lang: language.lang };
}
