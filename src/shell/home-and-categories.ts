// The region home and the category pages: entry points of the site, and each navigation group's children.
import type { Deps } from '../deps.js';
import type { Site } from '../regions/registry.js';
import { isVisible, navTarget, type NavNode } from './navigation.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage } from './layout.js';
import { pageHref, PAGE_PATHS } from './routes.js';
import { statementNotices } from '../privacy/versions-pages.js';

export function renderHome(deps: Deps, site: Site): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const entries = (['privacy', 'support', 'contact', 'directory', 'regions'] as const).map((page) => ({
    id: page,
    label: t(`home.entries.${page}.label`),
    description: t(`home.entries.${page}.description`),
    href: pageHref(site, page),
    // The three jobs of the first screen: the statement, support and contact.
    job: page === 'privacy' || page === 'support' || page === 'contact',
  }));
  return renderInLayout(deps, language, {
    view: 'shell/home',
    route: 'home',
    head: { title: t('home.title'), description: t('home.description'), ...headLinks(deps, site, PAGE_PATHS.home, deps.registry.sites) },
    // The seed's promise: a notice on the home page for 30 days after a material change of the statement.
    model: { entries, notices: { notice: statementNotices(deps, site, language, deps.now()).notice } },
  });
}

export function categoryAvailable(node: NavNode, site: Site): boolean {
  for (let n: NavNode | undefined = node; n; n = n.parent) if (!isVisible(n, site.cc)) return false;
  return true;
}

export function renderCategory(deps: Deps, site: Site, node: NavNode): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const label = (n: NavNode) => t(`nav:labels.${n.path}`);
  const trail: { label: string; href: string }[] = [];
  for (let n = node.parent; n; n = n.parent) trail.unshift({ label: label(n), href: `${site.prefix}/${n.path}` });
  const children = node.children
    .filter((c) => isVisible(c, site.cc))
    .map((c) => {
      const { href, external } = navTarget(deps.config, site, c);
      return {
        id: c.id,
        path: c.path,
        label: label(c),
        description: c.described ? t(`nav:descriptions.${c.path}`) : undefined,
        href,
        external,
      };
    });
  const sites = deps.registry.sites.filter((s) => categoryAvailable(node, s));
  return renderInLayout(deps, language, {
    view: 'shell/category',
    route: `category:${node.path}`,
    head: {
      title: label(node),
      description: t('category.description', { name: label(node) }),
      ...headLinks(deps, site, `/${node.path}`, sites),
    },
    model: { category: { id: node.id, label: label(node), trail, children } },
  });
}
