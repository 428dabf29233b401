// The search page of each site, `/{cc}/{lang}/search?q=`: one index per language of the site, built on its first search.
import { Router, type RequestHandler } from 'express';
import { HttpError } from '../http/errors.js';
import type { Site } from '../regions/registry.js';
import { shopHref } from '../shell/navigation.js';
import type { Deps } from '../deps.js';
import { pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { indexLocales, searchDocuments } from './documents.js';
import { buildIndex, type SearchIndex } from './engine.js';
import { parseSearchQuery, type ParsedQuery } from './query.js';
import { snippetHtml } from './snippet.js';

/** Results listed at most; the shop's search comes after them, so the list never has more than 50 entries. */
export const MAX_RESULTS = 49;

export const SEARCH_PATH = '/search';

/** The shop's search (www.lenovo.com/{cc}/{lang}/search) takes the words in `text`. */
const SHOP_QUERY_PARAMETER = 'text';

export interface Search {
  /** The index of the language `site` is searched in, built on first use. */
  indexFor(site: Site): SearchIndex;
  /** Builds every language's index now (for measurement; the server builds them lazily). */
  buildAll(): number;
  render(site: Site, parsed: Exclude<ParsedQuery, { kind: 'malformed' }>): RenderedPage;
}

export function createSearch(deps: Deps): Search {
  // ~50 languages at most, each built once: a few hundred documents and 0.5 MB or so.
  const indexes = new Map<string, SearchIndex>();
  const indexFor = (site: Site): SearchIndex => {
    const locales = indexLocales(deps, site);
    const key = `${locales.text}|${locales.names}`;
    let index = indexes.get(key);
    if (!index) {
      const synonyms = deps.translations.t(locales.text)('common:search.synonyms', { returnObjects: true }) as unknown;
      const groups = Array.isArray(synonyms) ? synonyms.filter((g): g is string => typeof g === 'string') : [];
      indexes.set(key, (index = buildIndex(searchDocuments(deps, locales), locales.names, groups)));
    }
    return index;
  };

  const render = (site: Site, parsed: Exclude<ParsedQuery, { kind: 'malformed' }>): RenderedPage => {
    const language = pageLanguage(deps, site);
    const { t } = language;
    const query = parsed.kind === 'words' ? parsed.query : '';
    const found = query === '' ? { total: 0, hits: [] } : indexFor(site).search(query, site, MAX_RESULTS);
    const results = found.hits.map(({ doc, terms }) => ({
      title: doc.title,
      where: doc.where,
      href: doc.absolute ? doc.path : `${site.prefix}${doc.path}`,
      snippetHtml: snippetHtml(doc.text, terms),
      textLang: doc.textLang,
    }));
    const search = {
      action: `${site.prefix}${SEARCH_PATH}`,
      query,
      cut: parsed.kind === 'words' && parsed.cut,
      total: found.total,
      results,
      shopHref:
        query === ''
          ? undefined
          : `${shopHref(deps.navigation, deps.config.shopBaseUrl, site, 'search')}?${SHOP_QUERY_PARAMETER}=${encodeURIComponent(query)}`,
    };
    const title = query === '' ? t('search.title') : t('search.resultsTitle', { query });
    return renderInLayout(deps, language, {
      view: 'search/results',
      // The language links keep the words: the same search on the region's other site.
      path: query === '' ? SEARCH_PATH : `${SEARCH_PATH}?q=${encodeURIComponent(query)}`,
      head: { title, description: t('search.description'), canonical: '', alternates: [] },
      model: { search },
    });
  };

  return {
    indexFor,
    buildAll() {
      for (const site of deps.registry.sites) indexFor(site);
      return indexes.size;
    },
    render,
  };
}

export function searchRoutes(deps: Deps, search: Search = createSearch(deps)): Router {
  const router = Router();
  const page: RequestHandler = (req, res) => {
    const m = /^\/([a-z]{2})\/([a-z]{2})\/search$/.exec(req.path)!;
    const site = deps.registry.site(m[1]!, m[2]!);
    if (!site) throw new HttpError(404);
    res.locals.site = site;
    const at = req.url.indexOf('?');
    const parsed = parseSearchQuery(at === -1 ? '' : req.url.slice(at + 1));
    if (parsed.kind === 'malformed') throw new HttpError(400, parsed.why);
    const rendered = search.render(site, parsed);
    res.status(rendered.status).set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Language': rendered.lang,
      // The page depends on the URL alone: shared caches may keep it as they keep other pages.
      'Cache-Control': 'public, max-age=300',
      // Results pages are not content of their own for a search engine.
      'X-Robots-Tag': 'noindex',
    });
    res.send(rendered.html);
  };
  router.get(/^\/[a-z]{2}\/[a-z]{2}\/search$/, page);
  return router;
}
