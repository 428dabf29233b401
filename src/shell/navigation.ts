// The navigation tree: schema, validation at start-up, and where each entry links for a site.
import { z } from 'zod';
import type { Site } from '../regions/registry.js';
import { pageHref, type PageId, PAGE_IDS } from './routes.js';

/** A page of this site, a path on the shop or the technical support site, or another site's https URL. */
export type NavLink = { page: PageId } | { shop: string } | { support: string } | { external: string };

export interface SocialLinkInput {
  id: string;
  href: string;
  /** Regions that block this network: their sites do not link it. */
  blockedIn?: string[];
}

export interface NavNodeInput {
  id: string;
  children?: NavNodeInput[];
  /** Where a leaf leads; a category page (an entry with children) has none. */
  link?: NavLink;
  /** The path of another entry (or `social:{id}`) that leads to the same place under another name. */
  aliasOf?: string;
  /** Where the entry shows; both by default. */
  placement?: 'header' | 'footer' | 'both';
  /** Regions that show the entry (e.g. Deals are US content); all by default. */
  regions?: string[];
  /** The entry has a one-line description (`descriptions.{path}` in nav.json). */
  described?: boolean;
  /** The header menu lists this entry's children under it, not just a link to its page. */
  expand?: boolean;
}

const REMOTE_PATH = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;
const REGION = z.string().regex(/^[a-z]{2}$/, 'a region code such as "us"');

const socialSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id is a lower-case slug'),
    href: z.string().url().startsWith('https://', 'href is an https URL'),
    blockedIn: z.array(REGION).optional(),
  })
  .strict();

// Children are checked one by one as the tree is built, so that an error names the entry itself.
const nodeSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id is a lower-case slug'),
  children: z.array(z.unknown()).min(1).optional(),
  link: z
    .union([
      z.object({ page: z.enum(PAGE_IDS) }).strict(),
      z.object({ shop: z.string().regex(REMOTE_PATH, 'shop is a path such as "laptops/thinkpad-t"') }).strict(),
      z.object({ support: z.string().regex(REMOTE_PATH, 'support is a path such as "solutions/pc"') }).strict(),
      z.object({ external: z.string().url().startsWith('https://', 'external is an https URL') }).strict(),
    ])
    .optional(),
  aliasOf: z.string().min(1).optional(),
  placement: z.enum(['header', 'footer', 'both']).optional(),
  regions: z.array(REGION).min(1).optional(),
  described: z.boolean().optional(),
  expand: z.boolean().optional(),
});

export interface NavNode {
  readonly id: string;
  /** `products/laptops`: the category page's path, and the label's key. */
  readonly path: string;
  readonly parent: NavNode | undefined;
  readonly children: readonly NavNode[];
  readonly link: NavLink | undefined;
  readonly aliasOf: string | undefined;
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
  readonly supportPaths: Readonly<Record<string, string>>;
  readonly social: readonly SocialLinkInput[];
}

export interface NavigationData {
  readonly tree: readonly unknown[];
  readonly shopPaths: Readonly<Record<string, string>>;
  readonly supportPaths: Readonly<Record<string, string>>;
  readonly social: readonly unknown[];
}

export class NavigationError extends Error {}

/** `{ page: 'support' }` → `page:support`: two links with the same key lead to the same place on every site. */
function linkKey(link: NavLink): string {
  const [kind, value] = Object.entries(link)[0]!;
  return `${kind}:${String(value)}`;
}

/**
 * Validates the navigation data and builds the tree. Every leaf has a link, every region named exists
 * (`isRegion`), and two entries with different ids never share a destination unless one is an alias.
 */
export function buildNavigation(
  data: NavigationData,
  isRegion: (cc: string) => boolean = () => true,
  source = 'src/shell/navigation-data.ts',
): Navigation {
  const fail = (where: string, message: string): never => {
    throw new NavigationError(`${source}: entry "${where}" ${message}`);
  };
  const social = data.social.map((input, i) => {
    const parsed = socialSchema.safeParse(input);
    const id = (input as { id?: unknown })?.id;
    const where = `social:${typeof id === 'string' ? id : `#${i}`}`;
    if (!parsed.success)
      fail(where, `is invalid: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`).join('; ')}`);
    const unknown = (parsed.data!.blockedIn ?? []).find((cc) => !isRegion(cc));
    if (unknown) fail(where, `names unknown region "${unknown}"`);
    return parsed.data!;
  });
  for (const [table, paths] of [
    ['shopPaths', data.shopPaths],
    ['supportPaths', data.supportPaths],
  ] as const) {
    for (const [id, path] of Object.entries(paths)) if (!REMOTE_PATH.test(path)) fail(`${table}.${id}`, `has a bad path "${path}"`);
  }
  const categories = new Map<string, NavNode>();
  const leaves: NavNode[] = [];
  const build = (input: unknown, parent: NavNode | undefined, index: number): NavNode => {
    const parsed = nodeSchema.safeParse(input);
    const id = (input as { id?: unknown })?.id;
    const where = `${parent ? parent.path + '/' : ''}${typeof id === 'string' || typeof id === 'number' ? id : `#${index}`}`;
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
      fail(where, `is invalid: ${detail}`);
    }
    const n = parsed.data!;
    const unknown = (n.regions ?? []).find((cc) => !isRegion(cc));
    if (unknown) fail(where, `names unknown region "${unknown}"`);
    if (n.children && n.link) fail(where, 'has children and a link: a category page is its own destination');
    if (!n.children && !n.link) fail(where, 'has no link: every entry must lead somewhere a visitor can use');
    const children: NavNode[] = [];
    const node: NavNode = {
      id: n.id,
      path: where,
      parent,
      children,
      link: n.link,
      aliasOf: n.aliasOf,
      placement: n.placement ?? parent?.placement ?? 'both',
      regions: n.regions ?? parent?.regions,
      described: n.described ?? false,
      expand: n.expand ?? false,
    };
    (n.children ?? []).forEach((child, i) => children.push(build(child, node, i)));
    const ids = children.map((c) => c.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) fail(where, `has two children "${twice}"`);
    if (children.length > 0) {
      if (PAGE_IDS.some((p) => pageHref({ prefix: '' }, p) === `/${where}`)) fail(where, 'collides with a page of the same path');
      categories.set(where, node);
    } else {
      leaves.push(node);
    }
    return node;
  };
  const roots = data.tree.map((d, i) => build(d, undefined, i));

  // Destinations: one id (one name) per place, unless the data names the alias.
  const paths = new Set([...leaves.map((l) => l.path), ...categories.keys(), ...social.map((s) => `social:${s.id}`)]);
  const owners = new Map<string, { id: string; path: string; aliasOf?: string }>();
  for (const s of social) owners.set(`external:${s.href}`, { id: `social:${s.id}`, path: `social:${s.id}` });
  for (const leaf of leaves) {
    if (leaf.aliasOf !== undefined && !paths.has(leaf.aliasOf)) fail(leaf.path, `is an alias of unknown entry "${leaf.aliasOf}"`);
    const key = linkKey(leaf.link!);
    const owner = owners.get(key);
    if (!owner) {
      owners.set(key, { id: leaf.id, path: leaf.path, aliasOf: leaf.aliasOf });
    } else if (owner.id !== leaf.id && leaf.aliasOf !== owner.path && owner.aliasOf !== leaf.path) {
      fail(leaf.path, `leads to the same place as "${owner.path}" (${key}) under another name; name it with aliasOf if it is an alias`);
    }
  }
  return { roots, categories, shopPaths: data.shopPaths, supportPaths: data.supportPaths, social };
}

export function isVisible(node: NavNode, cc: string): boolean {
  return node.regions === undefined || node.regions.includes(cc);
}

export function showsIn(node: NavNode, place: 'header' | 'footer'): boolean {
  return node.placement === 'both' || node.placement === place;
}

/** The shop's page for one of `shopPaths` (cart, account, order status, search). */
export function shopHref(nav: Navigation, shopBaseUrl: string, site: Site, shop: string): string {
  return `${shopBaseUrl}/${site.cc}/${site.lang}/${nav.shopPaths[shop]}`;
}

/** The technical support site's page for one of `supportPaths`. */
export function supportHref(nav: Navigation, supportBaseUrl: string, site: Site, destination: string): string {
  return `${supportBaseUrl}/${site.cc}/${site.lang}/${nav.supportPaths[destination]}`;
}

export interface Bases {
  readonly shopBaseUrl: string;
  readonly supportBaseUrl: string;
}

/** Where an entry leads for `site`, and whether that is another site (then marked as leaving this one). */
export function navTarget(bases: Bases, site: Site, node: NavNode): { href: string; external: boolean } {
  const link = node.link;
  if (!link) return { href: `${site.prefix}/${node.path}`, external: false };
  if ('page' in link) return { href: pageHref(site, link.page), external: false };
  if ('shop' in link) return { href: `${bases.shopBaseUrl}/${site.cc}/${site.lang}/${link.shop}`, external: true };
  if ('support' in link) return { href: `${bases.supportBaseUrl}/${site.cc}/${site.lang}/${link.support}`, external: true };
  return { href: link.external, external: true };
}

export function navHref(bases: Bases, site: Site, node: NavNode): string {
  return navTarget(bases, site, node).href;
}

/** The social networks the footer of a region's sites links: none that the region blocks. */
export function socialFor(nav: Navigation, cc: string): readonly SocialLinkInput[] {
  return nav.social.filter((s) => !(s.blockedIn ?? []).includes(cc));
}
