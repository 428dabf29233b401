// The suggestion banner's answer: which other site the visitor's choice, edge country or languages point to,
// in that site's language. Personal, never cached; the pages themselves stay the same for everybody.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Deps } from '../deps.js';
import { CACHE } from '../http/respond.js';
import { displayName } from '../i18n.js';
import { pageLanguage } from '../shell/layout.js';
import type { RouteKey } from '../shell/routes.js';
import { parseAcceptLanguage } from './match.js';
import { capitalise, languageTag } from './names.js';
import type { Site } from './registry.js';
import { siteId } from './registry.js';
import { chooseSite, CHOICE_COOKIE, readCookie } from './choice.js';
import { chooseHref } from './selector.js';

type Headers = Pick<IncomingMessage, 'headers'>;

/**
 * The site to suggest on `current`, by the neutral redirect's order (choice, edge country, languages), or
 * undefined. A bare language the current site already speaks ("en" on /gb/en) suggests nothing: the visitor
 * reads this site, and their languages say nothing of a country.
 */
export function suggestedSite(deps: Pick<Deps, 'config' | 'matcher'>, req: Headers, current: Site): Site | undefined {
  const { site } = chooseSite(deps, req);
  if (!site || site.prefix === current.prefix) return undefined;
  const edge = deps.config.edgeCountryHeader;
  const edgeValue = edge ? req.headers[edge] : undefined;
  const placed =
    deps.matcher.fromChoice(readCookie(req.headers.cookie, CHOICE_COOKIE)) !== undefined ||
    (typeof edgeValue === 'string' && deps.matcher.fromCountry(edgeValue) !== undefined);
  if (!placed && site.lang === current.lang) {
    const first = parseAcceptLanguage(req.headers['accept-language'])[0];
    if (!first || !new Intl.Locale(first).region) return undefined;
  }
  return site;
}

export interface Suggestion {
  site: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  href: string;
  label: string;
  text: string;
  /** The link's words: the site as the header names it, "Deutschland · Deutsch". */
  name: string;
  dismiss: string;
}

/** The banner's words, in the suggested site's language, and its link (records the choice, lands on the same page). */
export function suggestion(deps: Deps, site: Site, route: RouteKey): Suggestion {
  const language = pageLanguage(deps, site);
  const { t, lang } = language;
  return {
    site: siteId(site),
    lang,
    dir: language.dir,
    href: chooseHref(site, route),
    label: t('regions:suggest.label'),
    text: t('regions:suggest.text'),
    name: `${displayName(lang, 'region', site.cc.toUpperCase()) ?? site.cc} · ${capitalise(displayName(lang, 'language', languageTag(site.locale)) ?? site.lang, lang)}`,
    dismiss: t('regions:suggest.dismiss'),
  };
}

/** GET /api/suggest?path=/us/en/privacy → `{ suggestion: … | null }`; 400 JSON for anything but one site path. */
export function suggestRoute(deps: Deps): RequestHandler {
  return (req, res) => {
    res.set('Cache-Control', CACHE.personal);
    res.set('Vary', chooseSite(deps, req).vary.join(', '));
    res.set('X-Robots-Tag', 'noindex');
    const path = req.query.path;
    if (typeof path !== 'string' || path.length > 512 || !path.startsWith('/')) {
      res.status(400).json({ error: 'give one path of this site: ?path=/us/en/privacy' });
      return;
    }
    const resolution = deps.resolver.resolve(path);
    if (resolution.kind !== 'page' && resolution.kind !== 'missing') {
      res.status(400).json({ error: 'not a page of this site' });
      return;
    }
    // The banner says "this page is also available" there: only true of a page of the route table that the other
    // site has too. A form, a search or a 404 (missing), or a page the other site lacks, gets no banner.
    const site = resolution.kind === 'page' ? suggestedSite(deps, req, resolution.site) : undefined;
    const offered = site && resolution.kind === 'page' && deps.isAvailable(site, resolution.route);
    res.json({ suggestion: offered ? suggestion(deps, site, resolution.route) : null });
  };
}
