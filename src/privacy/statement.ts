// The privacy statement page: the version in effect, its notice and announcements, and its view model.
import type { Site } from '../regions/registry.js';
import { headLinks, pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { PAGE_PATHS } from '../shell/routes.js';
import { formHref } from '../forms/paths.js';
import { statementNotices, VERSION_PATHS, versionText, type VersionDeps } from './versions-pages.js';

export { SECTION_IDS } from './sections.js';
export { EXTERNAL_LINKS, FORM_LINKS, formatDate, paragraphHtml } from './statement-text.js';
export { escapeHtml } from './escape.js';

export function renderStatement(deps: VersionDeps, site: Site, now: number): RenderedPage {
  const language = pageLanguage(deps, site);
  const { t } = language;
  const current = deps.versions.currentAt(now);
  const text = versionText(deps, language, site, current);
  return renderInLayout(deps, language, {
    view: 'privacy/statement',
    route: 'privacy',
    head: {
      title: t('privacy:title'),
      description: t('privacy:description'),
      ...headLinks(deps, site, PAGE_PATHS.privacy, deps.registry.sites),
      feed: `${site.prefix}${VERSION_PATHS.feed}`,
    },
    model: {
      statement: {
        ...text,
        requestHref: formHref({ prefix: site.prefix }, 'request'),
        versionsHref: `${site.prefix}${VERSION_PATHS.archive}`,
        ...statementNotices(deps, site, language, now),
      },
    },
  });
}
