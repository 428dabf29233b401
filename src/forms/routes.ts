// The forms' routes: privacy request and e-mail sign-up under /{cc}/{lang}/, each rendered per request
// (a fresh idempotency key and token, never cached), posted as plain HTML and answered POST/redirect/GET.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { Router } from 'express';
import type { Logger } from 'pino';
import { HttpError, statusOf } from '../http/errors.js';
import type { Site } from '../regions/registry.js';
import type { Deps } from '../deps.js';
import { pageHref } from '../shell/routes.js';
import { allowedOrigins, createCsrf, ForeignOrigin, newIdempotencyKey } from './csrf.js';
import { createSignupTokens, parseSignup, signupDoneModel, signupFormModel } from './email-signup.js';
import { formId, formPost, posting, type FormKit, type RouteOf } from './form-post.js';
import { linkRoutes } from './link-pages.js';
import { createDeliver, DEFAULT_TIMING, startSender, type Sender, type SenderTiming } from './mail.js';
import { requestMails, signupMails, unsubscribeUrl, type MailLinks } from './mails.js';
import { FORM_PATHS, FORMS, formHref, type FormIdentity, type FormPage } from './paths.js';
import { parseRequest, requestFormModel, requestSentModel } from './privacy-request.js';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.js';
import { createReceipts, type Receipts } from './receipts.js';
import { createRenderer } from './render.js';
import { loadFormSecret } from './secret.js';
import { openPgStore } from './pg-store.js';
import { openSqliteStore, protectDataDir } from './sqlite-store.js';
import { StoreUnavailable, type FormStore } from './store.js';

export { HONEYPOT } from './paths.js';

export interface FormOptions {
  /** Posts per client address and window (tests lower or raise it). */
  rateLimit?: RateLimit;
  /** How the outbox is sent (tests make it quick). */
  mailTiming?: Partial<SenderTiming>;
  logger: Logger;
  /** Told when the forms' database is reached (true) or lost (false); PostgreSQL only. */
  onDatabaseHealth?: (up: boolean) => void;
  /** Told of every stored form post (created) or replay, for the metrics. */
  onSubmission?: (form: 'request' | 'signup', created: boolean) => void;
}

export interface Forms {
  router: Router;
  store: FormStore;
  sender: Sender;
  /** The absolute unsubscribe link of a sign-up, as its e-mails carry it. */
  unsubscribeUrl(site: Site, reference: string): string;
  close(): void;
}

/** A sign-up's address gets at most one mail an hour, however often it is entered. */
export const SIGNUP_QUIET_MS = 3600_000;

const PROBLEMS: Record<number, string> = { 403: 'forbidden', 410: 'expiredLink', 413: 'tooLarge', 429: 'tooMany' };

/** The two forms' pages for a site, drawn with the state of a visit or a post (values, errors, key, token). */
function formPages(renderer: FormKit['renderer']) {
  return {
    request: (site: Site, state: Parameters<typeof requestFormModel>[3], status = 200) =>
      renderer.render(site, {
        view: 'forms/privacy-request',
        page: 'request',
        titleKey: 'forms:request',
        status,
        error: status !== 200,
        build: ({ t, contentLocale }) => ({ form: requestFormModel(t, site, contentLocale, state) }),
      }),
    signup: (site: Site, state: Parameters<typeof signupFormModel>[2], status = 200) =>
      renderer.render(site, {
        view: 'forms/email-signup',
        page: 'signup',
        titleKey: 'forms:signup',
        status,
        error: status !== 200,
        build: ({ t }) => ({ form: signupFormModel(t, site, state) }),
      }),
  };
}

/** GET shows a new form (fresh key and token); POST goes through formPost. */
function formRoutes(kit: FormKit, receipts: Receipts, links: MailLinks, route: RouteOf, submitted: FormOptions['onSubmission']): void {
  const { deps, store, csrf } = kit;
  const pages = formPages(kit.renderer);
  const open = (site: Site, form: FormIdentity) => {
    const key = newIdempotencyKey();
    return { values: {}, errors: [], key, token: csrf.issue(formId(site, form), key) };
  };
  const teamT = deps.translations.t('en');
  /** Where a submission comes from and what it agreed to: the statement version in effect now. */
  const origin = (site: Site) => ({
    region: site.cc,
    language: site.lang,
    locale: site.locale,
    statementVersion: deps.versions.statementVersion(deps.now()),
  });
  const tOf = (site: Site) => deps.translations.t(deps.translations.isShipped(site.locale) ? site.locale : 'en');

  route(FORM_PATHS.request)
    .get((_req, res) => kit.renderer.send(res, pages.request(siteOf(res), open(siteOf(res), FORMS.request))))
    .post(
      ...posting(kit),
      formPost(kit, {
        form: FORMS.request,
        parse: parseRequest,
        page: pages.request,
        receipt: (reference) => receipts.query(reference),
        async save(site, data, key) {
          const input = { ...data, idempotencyKey: key, ...origin(site) };
          const { row, created } = await store.savePrivacyRequest(input, (r) =>
            requestMails(tOf(site), teamT, deps.config.privacyTeamEmail, r),
          );
          submitted?.('request', created);
          return { reference: row.reference, log: { type: row.type, created } };
        },
      }),
    );
  route(FORM_PATHS.signup)
    .get((_req, res) => kit.renderer.send(res, pages.signup(siteOf(res), open(siteOf(res), FORMS.signup))))
    .post(
      ...posting(kit),
      formPost(kit, {
        form: FORMS.signup,
        parse: parseSignup,
        page: pages.signup,
        receipt: (reference) => receipts.query(reference),
        async save(site, data, key) {
          const input = { ...data, idempotencyKey: key, ...origin(site) };
          const { row, created } = await store.saveSignup(input, (r) => signupMails(tOf(site), site, links, r), SIGNUP_QUIET_MS);
          submitted?.('signup', created);
          return { reference: row.reference, log: { consentVersion: row.consentVersion, created } };
        },
      }),
    );
}

/** The page after a post (request sent, sign-up pending), found by the signed receipt in its query. */
function receiptRoutes(kit: FormKit, receipts: Receipts, route: RouteOf): void {
  const { store, renderer } = kit;
  route(FORM_PATHS.requestSent).get(async (req, res) => {
    const site = siteOf(res);
    const reference = receipts.read(req.query);
    const row = reference ? await store.privacyRequest(reference) : undefined;
    renderer.send(
      res,
      renderer.render(site, {
        view: 'forms/privacy-request-sent',
        page: 'requestSent',
        titleKey: 'forms:requestSent',
        build: ({ t }) => ({ sent: requestSentModel(t, site, row) }),
      }),
    );
  });
  route(FORM_PATHS.signupDone).get(async (req, res) => {
    const site = siteOf(res);
    const reference = receipts.read(req.query);
    const row = reference ? await store.signup(reference) : undefined;
    renderer.send(
      res,
      renderer.render(site, {
        view: 'forms/email-signup-done',
        page: 'signupDone',
        titleKey: 'forms:signupPending',
        build: () => ({ done: signupDoneModel(site, row) }),
      }),
    );
  });
}

const siteOf = (res: Response) => res.locals.site as Site;

/** How soon a visitor may try a form again while the database is away. */
const RETRY_AFTER_S = 30;

/** Refusals of a form post get a page of their own, in the site's language, with the way back. */
function problemPage(kit: FormKit, development: boolean): ErrorRequestHandler {
  return (error, req, res, next) => {
    // The database is away: the site's own 503 page, with when to try again; nothing was stored.
    if (error instanceof StoreUnavailable) {
      req.log.warn({ err: error.cause }, 'forms database unavailable');
      return next(new HttpError(503, 'forms database unavailable', { 'Retry-After': String(RETRY_AFTER_S) }));
    }
    const status = statusOf(error);
    const site = res.locals.site as Site | undefined;
    if (!site || status >= 500 || status === 404 || status === 405 || res.headersSent) return next(error);
    const linkPage = req.path.endsWith(FORM_PATHS.unsubscribe) || req.path.endsWith(FORM_PATHS.signupConfirm);
    const kind = PROBLEMS[status] ?? (linkPage ? 'badLink' : 'unreadable');
    const form: FormPage = req.path.includes(FORM_PATHS.signup) ? 'signup' : 'request';
    const back = linkPage ? (status === 410 ? formHref(site, 'signup') : pageHref(site, 'home')) : formHref(site, form);
    // Our own reasons, or body-parser's error type: never a value from the form.
    const reason =
      error instanceof HttpError
        ? error.message
        : typeof (error as { type?: unknown }).type === 'string'
          ? (error as { type: string }).type
          : 'unknown';
    req.log.warn({ status, problem: kind, reason }, 'form refused');
    // A developer whose browser is at another loopback address learns which origin is expected.
    const expected = development && error instanceof ForeignOrigin ? error.expected : undefined;
    const page = kit.renderer.render(site, {
      view: 'forms/problem',
      page: form,
      titleKey: `forms:problems.${kind}`,
      status,
      build: ({ t }) => ({
        problem: {
          kind,
          expected,
          backHref: back,
          backLabel: t(linkPage && status !== 410 ? 'common:errors.home' : 'forms:problems.backToForm'),
        },
      }),
    });
    kit.renderer.send(res, page, error instanceof HttpError ? { ...error.headers } : {});
  };
}

export function createForms(deps: Deps, options: FormOptions): Forms {
  const { config } = deps;
  protectDataDir(config.dataDir); // first: the secret file, the database and the mail previews live there
  const secret = loadFormSecret(config.formSecret, config.dataDir);
  const store = config.databaseUrl
    ? openPgStore(config.databaseUrl, { now: deps.now, onHealth: options.onDatabaseHealth })
    : openSqliteStore(config.dataDir, deps.now, options.onDatabaseHealth);
  const sender = startSender(store, createDeliver(config), options.logger, deps.now, { ...DEFAULT_TIMING, ...options.mailTiming });
  const kit: FormKit = {
    deps,
    store,
    csrf: createCsrf(secret, deps.now),
    renderer: createRenderer(deps),
    limit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    origins: allowedOrigins(config),
    mailQueued: () => sender.wake(),
  };
  const tokens = createSignupTokens(secret, deps.now);
  const links: MailLinks = { siteOrigin: config.siteOrigin, tokens };

  /** The site of `/:cc/:lang/…`, or on to the next route (the region pages answer unknown sites). */
  const onSite: RequestHandler = (req, res, next) => {
    const site = deps.resolver.site(req.path);
    if (!site) return next('route');
    res.locals.site = site;
    next();
  };
  const router = Router({ caseSensitive: true, strict: true });
  const routes: ReturnType<RouteOf>[] = [];
  const route: RouteOf = (path) => {
    // Widen Express's template-literal path type so every route has the one RouteOf type.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const r = router.route(`/:cc/:lang${path}` as string).all(onSite);
    routes.push(r);
    return r;
  };
  const receipts = createReceipts(secret, deps.now);
  formRoutes(kit, receipts, links, route, options.onSubmission);
  receiptRoutes(kit, receipts, route);
  linkRoutes(kit, tokens, route);
  // Whatever a route does not answer: 405 with the methods it does.
  for (const r of routes) {
    const methods = (r as unknown as { methods: Record<string, boolean> }).methods;
    const allow = methods.post ? 'GET, HEAD, POST' : 'GET, HEAD';
    r.all((_req, _res, next) => next(new HttpError(405, 'method', { Allow: allow })));
  }
  router.use(problemPage(kit, config.nodeEnv !== 'production'));

  return {
    router,
    store,
    sender,
    unsubscribeUrl: (site, reference) => unsubscribeUrl(links, site, reference),
    close() {
      // A send in flight finishes (or is left to its lease) before the database closes.
      void sender.stop().finally(() => store.close());
    },
  };
}
