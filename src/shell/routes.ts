// The route table of region pages: every page a site serves under `/{cc}/{lang}/`.
import type { Site } from '../regions/registry.js';

export const PAGE_IDS = ['home', 'privacy', 'support', 'contact', 'directory', 'regions', 'sitemap'] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** The path of each page below the site prefix. */
export const PAGE_PATHS: Readonly<Record<PageId, string>> = {
  home: '/',
  privacy: '/privacy',
  support: '/support',
  contact: '/support/contact',
  directory: '/support/directory',
  regions: '/regions',
  sitemap: '/sitemap',
};

/** A page of the route table, or a category page of the navigation (`category:products/laptops`). */
export type RouteKey = PageId | `category:${string}`;

export function pageHref(site: Pick<Site, 'prefix'>, page: PageId): string {
  return `${site.prefix}${PAGE_PATHS[page]}`;
}

export function routePath(route: RouteKey): string {
  return route.startsWith('category:') ? `/${route.slice('category:'.length)}` : PAGE_PATHS[route as PageId];
}

const BY_PATH = new Map(Object.entries(PAGE_PATHS).map(([id, path]) => [path, id as PageId]));

/** The route for a path below the site prefix (`/privacy`), if the table has it. */
export function routeFor(rest: string, categories: ReadonlyMap<string, unknown>): RouteKey | undefined {
  const page = BY_PATH.get(rest);
  if (page) return page;
  const category = rest.slice(1);
  return categories.has(category) ? `category:${category}` : undefined;
}
