// The search page of each site, `/{cc}/{lang}/search?q=`: one index per language of the site, built on its first search.
import { Router, type RequestHandler } from 'express';
import { HttpError, readOnlyMethod } from '../http/errors.js';
import { CACHE, sendBuilt } from '../http/respond.js';
import { Lru } from '../lru.js';
import type { Site } from '../regions/registry.js';
import { languageTag, nativeName, visitorName } from '../regions/names.js';
import { shopHref } from '../shell/navigation.js';
import type { Deps } from '../deps.js';
import { pageLanguage, renderInLayout, type RenderedPage } from '../shell/layout.js';
import { contentDocuments, regionDocuments, textLocale } from './documents.js';
import { buildIndex, type Hit, type SearchIndex } from './engine.js';
import { parseSearchQuery, type ParsedQuery } from './query.js';
import { markedHtml, snippetHtml } from './snippet.js';

/** Results listed at most; the shop's search comes after them, so the list never has more than 50 entries. */
export const MAX_RESULTS = 49;

export const SEARCH_PATH = '/search';

/** Languages whose index is kept built: the most searched; with 40-odd languages translated, all would pass 30 MB. */
export const MAX_LANGUAGE_INDEXES = 24;

/** The shop's search (www.lenovo.com/{cc}/{lang}/search) takes the words in `text`. */
const SHOP_QUERY_PARAMETER = 'text';

export interface Search {
  /** The documents of `site` that match `query`, best first: all counted, the first `limit` returned. */
  find(site: Site, query: string, limit: number): { total: number; hits: Hit[] };
  /** Builds every language's indexes now (for measurement; the server builds them on first search). */
  buildAll(): number;
  render(site: Site, parsed: Exclude<ParsedQuery, { kind: 'malformed' }>): RenderedPage;
}

export function createSearch(deps: Deps): Search {
  // One index per language of text (0.4-0.8 MB each; the sites whose language is not translated yet share English's),
  // and one of region names in every language for all sites (~3 MB). Bounded: with every language translated the
  // indexes would pass 30 MB, so the least used are dropped and rebuilt (~40-80 ms) on their next search. Measured with
  // the 40 languages of the i18n branch: 24 text indexes and the names, 24 MB of heap.
  const content = new Lru<SearchIndex>(MAX_LANGUAGE_INDEXES);
  let regions: SearchIndex | undefined;
  const indexesFor = (site: Site): [SearchIndex, SearchIndex] => {
    const locale = textLocale(deps, site);
    const text = content.get(locale, () => {
      const synonyms = deps.translations.t(locale)('common:search.synonyms', { returnObjects: true }) as unknown;
      const groups = Array.isArray(synonyms) ? synonyms.filter((g): g is string => typeof g === 'string') : [];
      // Segmented by the text's language, whichever site asks first.
      return buildIndex(contentDocuments(deps, locale), languageTag(locale), { synonyms: groups });
    });
    regions ??= buildIndex(regionDocuments(deps), 'und', { singleLetters: false });
    return [text, regions];
  };

  const find = (site: Site, query: string, limit: number) => {
    const [text, regions] = indexesFor(site);
    const a = text.search(query, site, limit);
    const b = regions.search(query, site, limit);
    const hits = [...a.hits, ...b.hits].sort((x, y) => y.score - x.score).slice(0, limit);
    return { total: a.total + b.total, hits };
  };

  const render = (site: Site, parsed: Exclude<ParsedQuery, { kind: 'malformed' }>): RenderedPage => {
    const language = pageLanguage(deps, site);
    const { t } = language;
    const query = parsed.kind === 'words' ? parsed.query : '';
    const found = query === '' ? { total: 0, hits: [] } : find(site, query, MAX_RESULTS);
    const results = found.hits.map(({ doc, terms }) => {
      if (doc.site) {
        // A region: named in the visitor's language, and in its own where that differs.
        const own = nativeName(doc.site);
        const title = visitorName(doc.site, language.contentLocale);
        const href = `${doc.site.prefix}/`;
        const where = t('home.entries.regions.label');
        const titleHtml = markedHtml(title, terms);
        return {
          titleHtml,
          where,
          href,
          snippetHtml: own === title ? '' : snippetHtml(own, terms),
          textLang: languageTag(doc.site.locale),
        };
      }
      const href = `${site.prefix}${doc.path}`;
      const titleHtml = markedHtml(doc.title, terms);
      return { titleHtml, where: doc.where, href, snippetHtml: snippetHtml(doc.text, terms), textLang: undefined };
    });
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
    find,
    buildAll() {
      for (const site of deps.registry.sites) indexesFor(site);
      return content.size + 1;
    },
    render,
  };
}

export function searchRoutes(deps: Deps, search: Search = createSearch(deps)): Router {
  const router = Router();
  const page: RequestHandler = (req, res) => {
    const site = deps.resolver.site(req.path);
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
      'Cache-Control': CACHE.query,
      // Results pages are not content of their own for a search engine.
      'X-Robots-Tag': 'noindex',
    });
    sendBuilt(req, res, rendered.html);
  };
  router.get(/^\/[a-z]{2}\/[a-z]{2}\/search$/, page);
  router.all(/^\/[a-z]{2}\/[a-z]{2}\/search$/, (req, res, next) => {
    res.locals.site = deps.resolver.site(req.path);
    next(readOnlyMethod());
  });
  return router;
}
