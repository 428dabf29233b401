// The links mailed to a sign-up's address: confirm it, and unsubscribe. A GET only asks (mail scanners
// fetch links), a POST with the page's form token acts. Unsubscribing also takes the RFC 8058 one-click
// POST that mail programs send to the List-Unsubscribe address: the field `List-Unsubscribe=One-Click`,
// urlencoded or (as RFC 8058 §3.1 recommends) multipart/form-data, the signed token in the URL, no page
// and no form token.
import type { Request, Response } from 'express';
import { HttpError } from '../http/errors.js';
import type { Site } from '../regions/registry.js';
import { newIdempotencyKey } from './csrf.js';
import { linkActionModel, type SignupTokens } from './email-signup.js';
import { readFields } from './fields.js';
import { checkToken, formId, posting, type FormKit, type RouteOf } from './form-post.js';
import { multipartFields } from './multipart.js';
import { FORM_PATHS, FORMS, formHref, type FormIdentity } from './paths.js';

type LinkPage = 'signupConfirm' | 'unsubscribe';

/** The confirmation page shares the unsubscribe form's identity but signs tokens with a name of its own. */
const CONFIRM_FORM: FormIdentity = { ...FORMS.unsubscribe, page: 'signupConfirm', done: 'signupConfirm', name: 'confirm' };

interface LinkSpec {
  page: LinkPage;
  form: FormIdentity;
  /** The reference a link token stands for; `expired` when the link is genuine but too old. */
  read(token: unknown): { reference: string; expired: boolean } | undefined;
  act(reference: string): Promise<boolean>;
}

function linkSpecs(kit: FormKit, tokens: SignupTokens): LinkSpec[] {
  const unsubscribeRead = (token: unknown) => {
    const reference = tokens.readUnsubscribe(token);
    return reference ? { reference, expired: false } : undefined;
  };
  return [
    { page: 'signupConfirm', form: CONFIRM_FORM, read: (t) => tokens.readConfirm(t), act: (r) => kit.store.confirmSignup(r) },
    { page: 'unsubscribe', form: FORMS.unsubscribe, read: unsubscribeRead, act: (r) => kit.store.unsubscribe(r) },
  ];
}

export function linkRoutes(kit: FormKit, tokens: SignupTokens, onSite: RouteOf): void {
  for (const spec of linkSpecs(kit, tokens)) {
    const show = async (site: Site, link: string, status = 200) => {
      const found = spec.read(link);
      const row = found ? await kit.store.signup(found.reference) : undefined;
      if (!found || !row) throw new HttpError(400, 'bad link');
      if (found.expired) throw new HttpError(410, 'expired link');
      // An old confirmation link of an address that has since unsubscribed cannot confirm it (the store keeps it
      // unsubscribed): it says so, as the unsubscribe page does, instead of asking to confirm again and again.
      const shown = spec.page === 'unsubscribe' || row.unsubscribedAt !== null ? 'unsubscribe' : 'signupConfirm';
      const view = shown === 'unsubscribe' ? 'forms/unsubscribe' : 'forms/confirm';
      const titleKey = shown === 'unsubscribe' ? 'forms:unsubscribe' : 'forms:confirm';
      const key = newIdempotencyKey();
      const csrf = { key, token: kit.csrf.issue(formId(site, spec.form), key) };
      const build = () => ({ link: linkActionModel(site, row, shown, link, csrf) });
      return kit.renderer.render(site, { view, page: spec.page, titleKey, build, status });
    };
    onSite(FORM_PATHS[spec.page])
      .get(async (req: Request, res: Response) => {
        const link = typeof req.query.token === 'string' ? req.query.token : '';
        kit.renderer.send(res, await show(res.locals.site as Site, link));
      })
      .post(...posting(kit), ...(spec.page === 'unsubscribe' ? multipartFields() : []), async (req: Request, res: Response) => {
        const site = res.locals.site as Site;
        const oneClick = spec.page === 'unsubscribe' && readFields(req.body, ['List-Unsubscribe'])['List-Unsubscribe'] === 'One-Click';
        const link = oneClick ? req.query.token : readFields(req.body, ['link']).link;
        const found = spec.read(link);
        // The mailed token is what proves the address's owner: without it, a form token alone is not enough.
        if (!found) throw new HttpError(oneClick ? 400 : 403, 'bad link');
        const expired = oneClick ? false : checkToken(kit, req, site, spec.form).expired;
        // Not counted against the address's quota of form posts: the signed mailed token already proves the
        // owner, the act is idempotent and sends nothing, and a mail provider sends one-click posts for many
        // people from a few addresses. An unsubscribe must not wait ten minutes because a form was busy.
        if (found.expired) throw new HttpError(410, 'expired link');
        if (expired) return kit.renderer.send(res, await show(site, link as string, 403));
        const done = await spec.act(found.reference);
        req.log.info({ form: spec.form.name, reference: found.reference, done, oneClick }, `${spec.form.name} link used`);
        if (oneClick) return void res.status(200).set('Cache-Control', 'no-store').type('text/plain').send('Unsubscribed.\n');
        kit.renderer.seeOther(res, `${formHref(site, spec.page)}?token=${encodeURIComponent(link as string)}`);
      });
  }
}
