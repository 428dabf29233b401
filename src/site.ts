// The site's parts, loaded and validated once at start-up: registry, navigation, contacts, text, views, assets.
import path from 'node:path';
import type { Config } from './config.js';
import { createTranslations } from './i18n.js';
import { loadAssets } from './http/assets.js';
import { PageCache } from './http/page-cache.js';
import { createSiteMatcher } from './regions/match.js';
import { redirectRules as shippedRules, regionAliases, type RedirectRule } from './regions/redirect-rules.js';
import { regionData, textVariantData } from './regions/registry-data.js';
import { buildRegistry, type Site } from './regions/registry.js';
import { checkRedirectRules, createResolver } from './regions/resolve.js';
import { categoryAvailable } from './shell/home-and-categories.js';
import { navigationData, shopPaths, socialLinks, supportPaths } from './shell/navigation-data.js';
import { buildNavigation, type NavigationData } from './shell/navigation.js';
import type { Deps } from './deps.js';
import type { RouteKey } from './shell/routes.js';
import { loadViews, type Views } from './shell/views.js';
import { contactLineData } from './support/contact-data.js';
import type { RateLimit } from './forms/rate-limit.js';
import type { SenderTiming } from './forms/mail.js';
import { buildContactBook } from './support/contacts.js';
import { statementVersionData } from './privacy/versions-data.js';
import { loadStatementVersions } from './privacy/versions.js';

/** Data a test can replace with fixtures. */
export interface SiteData {
  regions?: readonly unknown[];
  /** Regional text variants (pt-PT, es-419) and the regions that read them; none by default with fixture regions. */
  textVariants?: readonly unknown[];
  contactLines?: readonly unknown[];
  /** The navigation data (tree, shop and support paths, social links) instead of src/shell/navigation-data.ts. */
  navigation?: NavigationData;
  redirectRules?: readonly RedirectRule[];
  localesDir?: string;
  /** The templates (a test injects a double that throws). */
  views?: Views;
  /** The clock, for open-now and anything else that depends on the hour. */
  now?: () => number;
  /** Form posts allowed per client address and window (tests make it small, or large). */
  formRateLimit?: RateLimit;
  /** How quickly the forms' outbox is sent and retried (tests make it quick). */
  formMailTiming?: Partial<SenderTiming>;
  /** The statement's versions and the locales folder their other texts are in (privacy-versions/); the example set in tests. */
  statementVersions?: { data: unknown; localesDir: string };
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: { write(line: string): unknown };
}

export function loadSite(config: Config, data: SiteData = {}): Deps {
  const root = config.rootDir;
  const registry = buildRegistry(data.regions ?? regionData, data.textVariants ?? (data.regions ? [] : textVariantData));
  const navigation = buildNavigation(
    data.navigation ?? { tree: navigationData, shopPaths, supportPaths, social: socialLinks },
    (cc) => registry.region(cc) !== undefined,
  );
  const contacts = buildContactBook(data.contactLines ?? contactLineData, (cc) => registry.region(cc) !== undefined);
  const localesDir = data.localesDir ?? path.join(root, 'locales');
  const translations = createTranslations(localesDir, registry.variantParents);
  const versionSource = data.statementVersions ?? { data: statementVersionData, localesDir };
  const versions = loadStatementVersions(
    versionSource.data,
    versionSource.localesDir,
    translations.locales,
    (locale) => translations.i18n.getResourceBundle(locale, 'privacy') as unknown,
  );
  const isAvailable = (site: Site, route: RouteKey) => {
    if (route.startsWith('version:')) return versions.byId(route.slice('version:'.length)) !== undefined;
    if (!route.startsWith('category:')) return true;
    const node = navigation.categories.get(route.slice('category:'.length));
    return node !== undefined && categoryAvailable(node, site);
  };
  const rules = data.redirectRules ?? shippedRules;
  const resolver = createResolver(registry, navigation, regionAliases, rules, isAvailable);
  checkRedirectRules(resolver, registry, rules);
  const now = data.now ?? Date.now;
  return {
    config,
    registry,
    navigation,
    contacts,
    translations,
    assets: loadAssets(path.join(root, 'public'), path.join(root, 'dist', '.asset-cache')),
    views: data.views ?? loadViews(path.join(root, 'views')),
    resolver,
    matcher: createSiteMatcher(registry),
    pages: new PageCache(now),
    now,
    versions,
    isAvailable,
  };
}
