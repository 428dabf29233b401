// How the forms' pages are rendered and answered: in the layout, never cached, and an invalid form's
// title starts with "Error:" so a screen reader hears it first.
import type { Response } from 'express';
import { CACHE, redirect, sendBuilt } from '../http/respond.js';
import type { Site } from '../regions/registry.js';
import type { Deps } from '../deps.js';
import { headLinks, pageLanguage, renderInLayout, type PageLanguage, type RenderedPage } from '../shell/layout.js';
import { FORM_PATHS, type FormPage } from './paths.js';

export interface PageSpec {
  view: string;
  page: FormPage;
  /** Translation key whose `.title` (and `.description`, or `.message` for a refusal) head the page. */
  titleKey: string;
  build: (language: PageLanguage) => object;
  status?: number;
  /** The page shows a form with errors: its title says so. */
  error?: boolean;
}

/** A form's page; only the blank forms themselves are for search engines. */
export type FormHtml = RenderedPage & { indexable: boolean };

export interface Renderer {
  render(site: Site, spec: PageSpec): FormHtml;
  send(res: Response, page: FormHtml, headers?: Record<string, string>): void;
  seeOther(res: Response, location: string): void;
}

export function createRenderer(deps: Deps): Renderer {
  return {
    render(site, { view, page, titleKey, build, status = 200, error = false }) {
      const language = pageLanguage(deps, site);
      const { t } = language;
      const path = FORM_PATHS[page];
      // Only the forms themselves have a canonical URL and alternates; confirmations and refusals do not.
      const indexable = status === 200 && (page === 'request' || page === 'signup');
      const links = indexable ? headLinks(deps, site, path, deps.registry.sites) : { canonical: '', alternates: [] };
      const title = `${error ? `${t('forms:errorPrefix')} ` : ''}${t(`${titleKey}.title`)}`;
      // A refusal has no description of its own: its message is one.
      const description = t(`${titleKey}.${view === 'forms/problem' ? 'message' : 'description'}`);
      return {
        ...renderInLayout(deps, language, { view, path, status, head: { title, description, ...links }, model: build(language) }),
        indexable,
      };
    },
    send(res, page, headers = {}) {
      // A confirmation, a link's page or a refusal may show the sender's name or address: never indexed.
      const robots: Record<string, string> = page.indexable ? {} : { 'X-Robots-Tag': 'noindex' };
      res.status(page.status).set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Language': page.lang,
        'Cache-Control': CACHE.none,
        ...robots,
        ...headers,
      });
      sendBuilt(res.req, res, page.html);
    },
    seeOther(res, location) {
      res.setHeader('Cache-Control', CACHE.none);
      redirect(res, 303, location);
    },
  };
}
