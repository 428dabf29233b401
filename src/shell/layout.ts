// The layout: what a page of one site is written in, its head links, and rendering a view inside the frame.
import type { TFunction } from 'i18next';
import type { Deps } from '../deps.js';
import { Lru } from '../lru.js';
import type { Site } from '../regions/registry.js';
import { routePath, type PageId, type RouteKey } from './routes.js';
import { buildShell, type ShellModel } from './shell-model.js';

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
 * The shells of recently rendered sites. Bounded: a shell is rebuilt in well under a millisecond,
 * and keeping all 229 (navigation trees, phone models) would hold memory for pages that are
 * rendered once and then served from the page cache.
 */
const shells = new WeakMap<Deps, Lru<ShellModel>>();

function shellFor(deps: Deps, language: PageLanguage): ShellModel {
  let recent = shells.get(deps);
  if (!recent) shells.set(deps, (recent = new Lru(32)));
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
