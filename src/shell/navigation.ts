// The navigation tree: schema, validation at start-up, and where each entry links for a site.
import { z } from 'zod';
import type { Site } from '../regions/registry.js';
import { pageHref, type PageId, PAGE_IDS } from './routes.js';

export interface NavNodeInput {
  id: string;
  children?: NavNodeInput[];
  link?: { page: PageId } | { shop: string };
  /** Where the entry shows; both by default. */
  placement?: 'header' | 'footer' | 'both';
  /** Regions that show the entry (e.g. Deals are US content); all by default. */
  regions?: string[];
  /** The entry has a one-line description (`descriptions.{path}` in nav.json). */
  described?: boolean;
  /** The header menu lists this entry's children under it, not just a link to its page. */
  expand?: boolean;
}

const nodeSchema: z.ZodType<NavNodeInput> = z.lazy(() =>
  z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id is a lower-case slug'),
    children: z.array(nodeSchema).min(1).optional(),
    link: z.union([z.object({ page: z.enum(PAGE_IDS) }), z.object({ shop: z.string() })]).optional(),
    placement: z.enum(['header', 'footer', 'both']).optional(),
    regions: z.array(z.string().regex(/^[a-z]{2}$/)).optional(),
    described: z.boolean().optional(),
    expand: z.boolean().optional(),
  }),
);

export interface NavNode {
  readonly id: string;
  /** `products/laptops`: the category page's path, and the label's key. */
  readonly path: string;
  readonly parent: NavNode | undefined;
  readonly children: readonly NavNode[];
  readonly link: NavNodeInput['link'];
  readonly placement: 'header' | 'footer' | 'both';
  readonly regions: readonly string[] | undefined;
  readonly described: boolean;
  readonly expand: boolean;
}

export interface Navigation {
  readonly roots: readonly NavNode[];
  /** Every node with children, by path: the category pages. */
  readonly categories: ReadonlyMap<string, NavNode>;
  readonly shopPaths: Readonly<Record<string, string>>;
}

export class NavigationError extends Error {}

export function buildNavigation(
  data: readonly unknown[],
  shopPaths: Readonly<Record<string, string>>,
  source = 'src/shell/navigation-data.ts',
): Navigation {
  const categories = new Map<string, NavNode>();
  const build = (input: unknown, parent: NavNode | undefined, index: number): NavNode => {
    const parsed = nodeSchema.safeParse(input);
    const id = (input as { id?: unknown })?.id;
    const where = `${parent ? parent.path + '/' : ''}${typeof id === 'string' || typeof id === 'number' ? id : `#${index}`}`;
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
      throw new NavigationError(`${source}: entry "${where}" is invalid: ${detail}`);
    }
    const n = parsed.data;
    if (n.link && 'shop' in n.link && !(n.link.shop in shopPaths)) {
      throw new NavigationError(`${source}: entry "${where}" links to unknown shop page "${n.link.shop}"`);
    }
    const children: NavNode[] = [];
    const node: NavNode = {
      id: n.id,
      path: where,
      parent,
      children,
      link: n.link,
      placement: n.placement ?? parent?.placement ?? 'both',
      regions: n.regions ?? parent?.regions,
      described: n.described ?? false,
      expand: n.expand ?? false,
    };
    (n.children ?? []).forEach((child, i) => children.push(build(child, node, i)));
    const ids = children.map((c) => c.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new NavigationError(`${source}: entry "${where}" has two children "${twice}"`);
    if (children.length > 0) {
      if (PAGE_IDS.some((p) => pageHref({ prefix: '' }, p) === `/${where}`)) {
        throw new NavigationError(`${source}: category "${where}" collides with a page of the same path`);
      }
      categories.set(where, node);
    }
    return node;
  };
  const roots = data.map((d, i) => build(d, undefined, i));
  return { roots, categories, shopPaths };
}

export function isVisible(node: NavNode, cc: string): boolean {
  return node.regions === undefined || node.regions.includes(cc);
}

export function showsIn(node: NavNode, place: 'header' | 'footer'): boolean {
  return node.placement === 'both' || node.placement === place;
}

export function shopHref(nav: Navigation, shopBaseUrl: string, site: Site, shop: string): string {
  return `${shopBaseUrl}/${site.cc}/${site.lang}/${nav.shopPaths[shop]}`;
}

/** Where an entry leads for `site`: its page, the shop, its category page, or its place on its parent's page. */
export function navHref(nav: Navigation, shopBaseUrl: string, site: Site, node: NavNode): string {
  if (node.link && 'page' in node.link) return pageHref(site, node.link.page);
  if (node.link && 'shop' in node.link) return shopHref(nav, shopBaseUrl, site, node.link.shop);
  if (node.children.length > 0) return `${site.prefix}/${node.path}`;
  return `${site.prefix}/${node.parent!.path}#${node.id}`;
}
