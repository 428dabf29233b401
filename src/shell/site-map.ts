// The HTML site map of one site (`/{cc}/{lang}/sitemap`): every page of that site, in its language —
// the route table's pages, the forms, and the category pages the site offers with what each links to.
import type { Deps } from '../deps.js';
import { formHref } from '../forms/paths.js';
import type { Site } from '../regions/registry.js';
import { categoryAvailable } from './home-and-categories.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage } from './layout.js';
import { isVisible, type NavNode } from './navigation.js';
import { pageHref, PAGE_PATHS } from './routes.js';

export interface SiteMapEntry {
  label: string;
  href: string;
  children: SiteMapEntry[];
}

export function siteMapModel(deps: Deps, site: Site, t: (key: string) => string): { pages: SiteMapEntry[]; categories: SiteMapEntry[] } {
  const page = (label: string, href: string, children: SiteMapEntry[] = []): SiteMapEntry => ({ label, href, children });
  const pages = [
    page(t('common:header.home'), pageHref(site, 'home')),
    page(t('home.entries.privacy.label'), pageHref(site, 'privacy'), [page(t('forms:request.title'), formHref(site, 'request'))]),
    page(t('home.entries.support.label'), pageHref(site, 'support'), [
      page(t('home.entries.contact.label'), pageHref(site, 'contact')),
      page(t('home.entries.directory.label'), pageHref(site, 'directory')),
    ]),
    page(t('forms:signup.title'), formHref(site, 'signup')),
    page(t('home.entries.regions.label'), pageHref(site, 'regions')),
  ];
  // Category pages only: the shop's and support site's pages are theirs, linked from the categories.
  const category = (node: NavNode): SiteMapEntry =>
    page(
      t(`nav:labels.${node.path}`),
      `${site.prefix}/${node.path}`,
      node.children.filter((c) => c.children.length > 0 && isVisible(c, site.cc)).map(category),
    );
  const categories = deps.navigation.roots.filter((r) => r.children.length > 0 && categoryAvailable(r, site)).map(category);
  return { pages, categories };
}

export function renderSiteMap(deps: Deps, site: Site): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  return renderInLayout(deps, language, {
    view: 'shell/sitemap',
    route: 'sitemap',
    head: {
      title: t('sitemap.title'),
      description: t('sitemap.description'),
      ...headLinks(deps, site, PAGE_PATHS.sitemap, deps.registry.sites),
    },
    model: { siteMap: siteMapModel(deps, site, (key) => t(key)) },
  });
}
