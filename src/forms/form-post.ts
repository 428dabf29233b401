// One POST handler for every form: the checks run in one order for all of them. The origin is checked
// and the body read by the `posting` middleware; then the signed token; only then is the post counted
// against the rate limit (so another site cannot use up a visitor's quota); then the honeypot, the
// fields, the token's age, and the save — whose answer is sent after the commit.
import type { Request, RequestHandler, Response, Router } from 'express';
import express from 'express';
import type { TFunction } from 'i18next';
import { HttpError } from '../http/errors.js';
import type { FormHtml } from './render.js';
import type { Site } from '../regions/registry.js';
import type { Deps } from '../deps.js';
import { pageLanguage } from '../shell/layout.js';
import { rejectCrossSite, submissionKey, type Csrf } from './csrf.js';
import type { FieldError, Validated } from './fields.js';
import { formHref, HONEYPOT, type FormIdentity } from './paths.js';
import { clientAddress, type RateLimit } from './rate-limit.js';
import type { Renderer } from './render.js';
import type { FormStore } from './store.js';
import { readFields } from './fields.js';

/** What the form handlers share. */
export interface FormKit {
  deps: Deps;
  store: FormStore;
  csrf: Csrf;
  renderer: Renderer;
  limit: RateLimit;
  origins: readonly string[];
  /** Called after a commit that may have queued mail. */
  mailQueued(): void;
}

/** A route below a site's prefix, with the site resolved. */
export type RouteOf = (path: string) => ReturnType<Router['route']>;

export const formId = (site: Site, form: FormIdentity) => `${site.prefix}|${form.name}`;

/** Origin check and body parsing, before any handler of a POST. */
export function posting(kit: FormKit): RequestHandler[] {
  return [rejectCrossSite(kit.origins), express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 })];
}

/** Counts one post from the client, in the store every worker shares; 429 with Retry-After over the limit. */
export async function countPost(kit: FormKit, req: Request): Promise<void> {
  const client = clientAddress(req, kit.deps.config.trustProxyHops);
  const { allowed, retryAfterS } = await kit.store.hitRateLimit(client, kit.limit.max, kit.limit.windowMs);
  if (!allowed) throw new HttpError(429, 'rate limited', { 'Retry-After': String(retryAfterS) });
}

/** The key and token a form is sent with, verified; 403 when missing or forged. */
export function checkToken(kit: FormKit, req: Request, site: Site, form: FormIdentity) {
  const { key, token } = readFields(req.body, ['key', 'token']);
  const check = kit.csrf.check(formId(site, form), key, token);
  if (check === 'invalid') throw new HttpError(403, 'missing or forged form token');
  return { key: key!, expired: check === 'expired' };
}

export interface FormState<V> {
  values: V;
  errors: FieldError[];
  key: string;
  token: string;
  notice?: string;
}

export interface FormSpec<V, D> {
  form: FormIdentity;
  parse(body: unknown, t: TFunction): { values: V; result: Validated<D> };
  page(site: Site, state: FormState<V>, status: number): FormHtml;
  /** Stores the data (and queues its mail) in one transaction, once per `key`; the reference and what to log. */
  save(site: Site, data: D, key: string): Promise<{ reference: string; log: Record<string, unknown> }>;
  /** The query of the confirmation page that shows the stored row. */
  receipt(reference: string): string;
}

export function formPost<V, D>(kit: FormKit, spec: FormSpec<V, D>): RequestHandler {
  const { form } = spec;
  return async (req: Request, res: Response) => {
    const site = res.locals.site as Site;
    const { t } = pageLanguage(kit.deps, site);
    const { key, expired } = checkToken(kit, req, site, form);
    await countPost(kit, req);
    const token = kit.csrf.issue(formId(site, form), key);
    const trap = (req.body as Record<string, unknown> | undefined)?.[HONEYPOT];
    if (trap !== undefined && trap !== '') {
      req.log.info({ form: form.name, trap: true }, 'form dropped: honeypot filled');
      return kit.renderer.seeOther(res, formHref(site, form.done));
    }
    const { values, result } = spec.parse(req.body, t);
    if (expired) return kit.renderer.send(res, spec.page(site, { values, errors: [], key, token, notice: t('forms:expired') }, 403));
    if (!result.ok) return kit.renderer.send(res, spec.page(site, { values, errors: result.errors, key, token }, 422));
    const { reference, log } = await spec.save(site, result.data, submissionKey(key, result.data));
    kit.mailQueued();
    req.log.info({ form: form.name, reference, ...log }, `${form.name} stored`);
    kit.renderer.seeOther(res, `${formHref(site, form.done)}${spec.receipt(reference)}`);
  };
}
