// The route table of region pages: every page a site serves under `/{cc}/{lang}/`.
import type { Site } from '../regions/registry.js';

export const PAGE_IDS = ['home', 'privacy', 'versions', 'support', 'contact', 'directory', 'regions', 'sitemap'] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** The path of each page below the site prefix. */
export const PAGE_PATHS: Readonly<Record<PageId, string>> = {
  home: '/',
  privacy: '/privacy',
  versions: '/privacy/versions',
  support: '/support',
  contact: '/support/contact',
  directory: '/support/directory',
  regions: '/regions',
  sitemap: '/sitemap',
};

/**
 * A page of the route table, a category page of the navigation (`category:products/laptops`), or one
 * version of the privacy statement (`version:2014-01-02`, at `/privacy/versions/2014-01-02`).
 */
export type RouteKey = PageId | `category:${string}` | `version:${string}`;

const VERSION_PATH = /^\/privacy\/versions\/(\d{4}-\d{2}-\d{2})$/;

export function pageHref(site: Pick<Site, 'prefix'>, page: PageId): string {
  return `${site.prefix}${PAGE_PATHS[page]}`;
}

export function routePath(route: RouteKey): string {
  if (route.startsWith('category:')) return `/${route.slice('category:'.length)}`;
  if (route.startsWith('version:')) return `${PAGE_PATHS.versions}/${route.slice('version:'.length)}`;
  return PAGE_PATHS[route as PageId];
}

const BY_PATH = new Map(Object.entries(PAGE_PATHS).map(([id, path]) => [path, id as PageId]));

/** The route for a path below the site prefix (`/privacy`), if the table has it. */
export function routeFor(rest: string, categories: ReadonlyMap<string, unknown>): RouteKey | undefined {
  const page = BY_PATH.get(rest);
  if (page) return page;
  // Which dates are versions is the site's to say (isAvailable); the path only has to look like one.
  const version = VERSION_PATH.exec(rest);
  if (version) return `version:${version[1]!}`;
  const category = rest.slice(1);
  return categories.has(category) ? `category:${category}` : undefined;
}
