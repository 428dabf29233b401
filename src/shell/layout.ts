// The layout: what a page of one site is written in, its head links, and rendering a view inside the frame.
import type { TFunction } from 'i18next';
import type { Deps } from '../deps.js';
import { Lru } from '../lru.js';
import type { Site } from '../regions/registry.js';
import { routePath, type PageId, type RouteKey } from './routes.js';
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
