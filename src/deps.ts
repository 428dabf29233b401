// The dependency bag every feature takes as `deps`: the site's parts, loaded once by `loadSite` (src/site.ts). Types only.
import type { Config } from './config.js';
import type { Assets } from './http/assets.js';
import type { PageCache } from './http/page-cache.js';
import type { Translations } from './i18n.js';
import type { SiteMatcher } from './regions/match.js';
import type { Registry, Site } from './regions/registry.js';
import type { Resolver } from './regions/resolve.js';
import type { Navigation } from './shell/navigation.js';
import type { RouteKey } from './shell/routes.js';
import type { Views } from './shell/views.js';
import type { ContactBook } from './support/contacts.js';

export interface Deps {
  config: Config;
  registry: Registry;
  translations: Translations;
  navigation: Navigation;
  contacts: ContactBook;
  assets: Assets;
  views: Views;
  resolver: Resolver;
  matcher: SiteMatcher;
  pages: PageCache;
  /** The clock, for open-now and anything else that depends on the hour. */
  now: () => number;
  /** Whether a site serves a route (category pages are limited to some regions). */
  isAvailable(site: Site, route: RouteKey): boolean;
}
