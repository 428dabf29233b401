// The forms' routes: privacy request and e-mail sign-up under /{cc}/{lang}/, each rendered per request
// (a fresh idempotency key and token, never cached), posted as plain HTML and answered POST/redirect/GET.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import express, { Router } from 'express';
import { HttpError, statusOf } from '../http/errors.js';
import { CACHE, redirect } from '../http/respond.js';
import type { Site } from '../regions/registry.js';
import type { SiteParts } from '../site.js';
import { headLinks, pageLanguage, renderInLayout, type PageLanguage, type RenderedPage } from '../shell/layout.js';
import { pageHref } from '../shell/routes.js';
import { createCsrf, newIdempotencyKey, rejectCrossSite } from './csrf.js';
import { createUnsubscribeTokens, parseSignup, signupDoneModel, signupFormModel, unsubscribeModel, type SignupFormState } from './email-signup.js';
import { readFields } from './fields.js';
import { FORM_PATHS, formHref, type FormPage } from './paths.js';
import { parseRequest, requestFormModel, requestSentModel, type RequestFormState } from './privacy-request.js';
import { clientAddress, createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.js';
import { createReceipts } from './receipts.js';
import { loadFormSecret } from './secret.js';
import { openStore, type FormStore } from './store.js';

export interface FormOptions {
  /** Posts per client address and window (tests lower or raise it). */
  rateLimit?: RateLimit;
}

export interface Forms {
  router: Router;
  store: FormStore;
  /** The absolute unsubscribe link of a sign-up, for the e-mails that will carry it. */
  unsubscribeUrl(site: Site, reference: string): string;
  close(): void;
}

/** The hidden field that people never see and simple bots fill in. */
export const HONEYPOT = 'website';

const PROBLEMS: Record<number, string> = { 403: 'forbidden', 413: 'tooLarge', 429: 'tooMany' };

export function createForms(parts: SiteParts, options: FormOptions = {}): Forms {
  const { config } = parts;
  const secret = loadFormSecret(config.formSecret, config.dataDir);
  const store = openStore(config.dataDir, parts.now);
  const csrf = createCsrf(secret, parts.now);
  const receipts = createReceipts(secret, parts.now);
  const unsubscribeTokens = createUnsubscribeTokens(secret);
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, parts.now);

  const formId = (site: Site, form: string) => `${site.prefix}|${form}`;

  /** Counts every post, before anything else is done for it, so floods stay cheap. */
  const rateLimit: RequestHandler = (req, _res, next) => {
    const { allowed, retryAfterS } = limiter.hit(clientAddress(req, config.trustProxyHops));
    if (!allowed) return next(new HttpError(429, 'rate limited', { 'Retry-After': String(retryAfterS) }));
    next();
  };
  const posting: RequestHandler[] = [
    rateLimit,
    rejectCrossSite(config.siteOrigin),
    express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }),
  ];

  /** The site of `/:cc/:lang/…`, or on to the next route (the region pages answer unknown sites). */
  const onSite: RequestHandler = (req, res, next) => {
    const { cc, lang } = req.params as { cc: string; lang: string };
    const site = /^[a-z]{2}$/.test(cc) && /^[a-z]{2}$/.test(lang) ? parts.registry.site(cc, lang) : undefined;
    if (!site) return next('route');
    res.locals.site = site;
    next();
  };
  const siteOf = (res: Response) => res.locals.site as Site;

  function render(
    site: Site,
    view: string,
    page: FormPage,
    titleKey: string,
    build: (language: PageLanguage) => object,
    status = 200,
  ): RenderedPage {
    const language = pageLanguage(parts, site);
    const { t } = language;
    const path = FORM_PATHS[page];
    // Only the forms themselves have a canonical URL and alternates; confirmations and refusals do not.
    const indexable = status === 200 && (page === 'request' || page === 'signup');
    const links = indexable ? headLinks(parts, site, path, parts.registry.sites) : { canonical: '', alternates: [] };
    return renderInLayout(parts, language, {
      view,
      path,
      status,
      // A refusal has no description of its own: its message is one.
      head: { title: t(`${titleKey}.title`), description: t(`${titleKey}.${view === 'forms/problem' ? 'message' : 'description'}`), ...links },
      model: build(language),
    });
  }

  function send(res: Response, page: RenderedPage, headers: Record<string, string> = {}): void {
    res
      .status(page.status)
      .set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': page.lang, 'Cache-Control': CACHE.none, ...headers })
      .send(page.html);
  }

  function seeOther(res: Response, location: string): void {
    res.setHeader('Cache-Control', CACHE.none);
    redirect(res, 303, location);
  }

  const requestForm = (site: Site, state: RequestFormState, status = 200) =>
    render(site, 'forms/privacy-request', 'request', 'forms:request', ({ t, contentLocale }) => ({ form: requestFormModel(t, site, contentLocale, state) }), status);
  const signupForm = (site: Site, state: SignupFormState, status = 200) =>
    render(site, 'forms/email-signup', 'signup', 'forms:signup', ({ t }) => ({ form: signupFormModel(t, site, state) }), status);

  /** The key and token a form is sent with; the key is checked and the token verified before anything else. */
  function checkToken(req: Request, site: Site, form: string) {
    const { key, token } = readFields(req.body, ['key', 'token']);
    const check = csrf.check(formId(site, form), key, token);
    if (check === 'invalid') throw new HttpError(403, 'missing or forged form token');
    return { key: key!, expired: check === 'expired' };
  }

  const honeypotFilled = (req: Request) => {
    const value = (req.body as Record<string, unknown> | undefined)?.[HONEYPOT];
    return value !== undefined && value !== '';
  };

  const router = Router({ caseSensitive: true, strict: true });
  const notAllowed: RequestHandler = (_req, _res, next) => next(new HttpError(405, 'method', { Allow: 'GET, HEAD, POST' }));
  const readOnly: RequestHandler = (_req, _res, next) => next(new HttpError(405, 'method', { Allow: 'GET, HEAD' }));

  router
    .route(`/:cc/:lang${FORM_PATHS.request}`)
    .all(onSite)
    .get((_req, res) => {
      const site = siteOf(res);
      const key = newIdempotencyKey();
      send(res, requestForm(site, { values: {}, errors: [], key, token: csrf.issue(formId(site, 'privacy-request'), key) }));
    })
    .post(...posting, (req, res) => {
      const site = siteOf(res);
      const { t } = pageLanguage(parts, site);
      const { key, expired } = checkToken(req, site, 'privacy-request');
      const token = csrf.issue(formId(site, 'privacy-request'), key);
      if (honeypotFilled(req)) {
        req.log.info({ form: 'privacy-request', trap: true }, 'form dropped: honeypot filled');
        return seeOther(res, formHref(site, 'requestSent'));
      }
      const { values, result } = parseRequest(req.body, t);
      if (expired) return send(res, requestForm(site, { values, errors: [], key, token, notice: t('forms:expired') }, 403));
      if (!result.ok) return send(res, requestForm(site, { values, errors: result.errors, key, token }, 422));
      const { row, created } = store.savePrivacyRequest({
        ...result.data,
        idempotencyKey: key,
        region: site.cc,
        language: site.lang,
        locale: site.locale,
      });
      req.log.info({ form: 'privacy-request', reference: row.reference, type: row.type, created }, 'privacy request stored');
      seeOther(res, `${formHref(site, 'requestSent')}${receipts.query(row.reference)}`);
    })
    .all(notAllowed);

  router
    .route(`/:cc/:lang${FORM_PATHS.requestSent}`)
    .all(onSite)
    .get((req, res) => {
      const site = siteOf(res);
      const reference = receipts.read(req.query);
      const row = reference ? store.privacyRequest(reference) : undefined;
      send(res, render(site, 'forms/privacy-request-sent', 'requestSent', 'forms:requestSent', ({ t }) => ({ sent: requestSentModel(t, site, row) })));
    })
    .all(readOnly);

  router
    .route(`/:cc/:lang${FORM_PATHS.signup}`)
    .all(onSite)
    .get((_req, res) => {
      const site = siteOf(res);
      const key = newIdempotencyKey();
      send(res, signupForm(site, { values: {}, errors: [], key, token: csrf.issue(formId(site, 'email-signup'), key) }));
    })
    .post(...posting, (req, res) => {
      const site = siteOf(res);
      const { t } = pageLanguage(parts, site);
      const { key, expired } = checkToken(req, site, 'email-signup');
      const token = csrf.issue(formId(site, 'email-signup'), key);
      if (honeypotFilled(req)) {
        req.log.info({ form: 'email-signup', trap: true }, 'form dropped: honeypot filled');
        return seeOther(res, formHref(site, 'signupDone'));
      }
      const { values, result } = parseSignup(req.body, t);
      if (expired) return send(res, signupForm(site, { values: { email: values.email }, errors: [], key, token, notice: t('forms:expired') }, 403));
      if (!result.ok) return send(res, signupForm(site, { values, errors: result.errors, key, token }, 422));
      const { row, created } = store.saveSignup({
        ...result.data,
        idempotencyKey: key,
        region: site.cc,
        language: site.lang,
        locale: site.locale,
      });
      req.log.info({ form: 'email-signup', reference: row.reference, consentVersion: row.consentVersion, created }, 'e-mail sign-up stored');
      seeOther(res, `${formHref(site, 'signupDone')}${receipts.query(row.reference)}`);
    })
    .all(notAllowed);

  router
    .route(`/:cc/:lang${FORM_PATHS.signupDone}`)
    .all(onSite)
    .get((req, res) => {
      const site = siteOf(res);
      const reference = receipts.read(req.query);
      const row = reference ? store.signup(reference) : undefined;
      send(res, render(site, 'forms/email-signup-done', 'signupDone', 'forms:signupDone', () => ({ done: signupDoneModel(site, row, unsubscribeTokens) })));
    })
    .all(readOnly);

  /** The unsubscribe page: a GET only asks (mail scanners fetch links), the POST unsubscribes. */
  const unsubscribePage = (site: Site, token: string, status = 200) => {
    const reference = unsubscribeTokens.read(token);
    const row = reference ? store.signup(reference) : undefined;
    if (!row) throw new HttpError(400, 'bad unsubscribe link');
    const key = newIdempotencyKey();
    const csrfFields = { key, token: csrf.issue(formId(site, 'unsubscribe'), key) };
    return render(site, 'forms/unsubscribe', 'unsubscribe', 'forms:unsubscribe', () => ({ unsubscribe: unsubscribeModel(site, row, token, csrfFields) }), status);
  };

  router
    .route(`/:cc/:lang${FORM_PATHS.unsubscribe}`)
    .all(onSite)
    .get((req, res) => {
      send(res, unsubscribePage(siteOf(res), typeof req.query.token === 'string' ? req.query.token : ''));
    })
    .post(...posting, (req, res) => {
      const site = siteOf(res);
      const { expired } = checkToken(req, site, 'unsubscribe');
      const { subscription } = readFields(req.body, ['subscription']);
      const reference = unsubscribeTokens.read(subscription);
      if (!reference) throw new HttpError(400, 'bad unsubscribe link');
      // The link is still good: ask again rather than fail.
      if (expired) return send(res, unsubscribePage(site, subscription!, 403));
      if (!store.unsubscribe(reference)) throw new HttpError(400, 'bad unsubscribe link');
      req.log.info({ form: 'unsubscribe', reference }, 'e-mail sign-up unsubscribed');
      seeOther(res, `${formHref(site, 'unsubscribe')}?token=${encodeURIComponent(subscription!)}`);
    })
    .all(notAllowed);

  /** Refusals of a form post get a page of their own, in the site's language, with the way back. */
  const problemPage: ErrorRequestHandler = (error, req, res, next) => {
    const status = statusOf(error);
    const site = res.locals.site as Site | undefined;
    if (!site || status >= 500 || status === 404 || status === 405 || res.headersSent) return next(error);
    const unsubscribing = req.path.endsWith(FORM_PATHS.unsubscribe);
    const kind = PROBLEMS[status] ?? (unsubscribing ? 'badLink' : 'unreadable');
    const form: FormPage = req.path.includes(FORM_PATHS.signup) ? 'signup' : 'request';
    const back = unsubscribing ? pageHref(site, 'home') : formHref(site, form);
    // Our own reasons, or body-parser's error type: never a value from the form.
    const reason = error instanceof HttpError ? error.message : String((error as { type?: unknown }).type ?? 'unknown');
    req.log.warn({ status, problem: kind, reason }, 'form refused');
    const page = render(
      site,
      'forms/problem',
      form,
      `forms:problems.${kind}`,
      ({ t }) => ({ problem: { kind, backHref: back, backLabel: t(unsubscribing ? 'common:errors.home' : 'forms:problems.backToForm') } }),
      status,
    );
    send(res, page, error instanceof HttpError ? { ...error.headers } : {});
  };
  router.use(problemPage);

  return {
    router,
    store,
    unsubscribeUrl: (site, reference) => `${config.siteOrigin}${formHref(site, 'unsubscribe')}?token=${unsubscribeTokens.token(reference)}`,
    close: () => store.close(),
  };
}
