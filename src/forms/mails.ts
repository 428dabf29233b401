// The forms' e-mails, written in the site's language when the record is stored (and queued with it).
// None repeats what a visitor typed beyond the address it goes to: an address can be given by anyone.
import type { TFunction } from 'i18next';
import type { Site } from '../regions/registry.js';
import { formHref } from './paths.js';
import type { Mail, PrivacyRequest, Signup } from './store.js';
import type { SignupTokens } from './email-signup.js';

export interface MailLinks {
  siteOrigin: string;
  tokens: SignupTokens;
}

/** The absolute unsubscribe link of a sign-up, which is also its one-click (RFC 8058) POST target. */
export function unsubscribeUrl(links: MailLinks, site: Pick<Site, 'prefix'>, reference: string): string {
  return `${links.siteOrigin}${formHref(site, 'unsubscribe')}?token=${links.tokens.unsubscribe(reference)}`;
}

/** RFC 2369 and RFC 8058: mail programs offer "unsubscribe", and may do it with one POST and no page. */
export function listHeaders(unsubscribe: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The confirmation of a sign-up: the only mail a pending address gets. */
export function signupMails(t: TFunction, site: Site, links: MailLinks, row: Signup): Mail[] {
  const confirmUrl = `${links.siteOrigin}${formHref(site, 'signupConfirm')}?token=${links.tokens.confirm(row.reference)}`;
  const unsubscribe = unsubscribeUrl(links, site, row.reference);
  return [
    {
      to: row.email,
      subject: t('forms:mail.signup.subject'),
      text: t('forms:mail.signup.body', { confirmUrl, unsubscribeUrl: unsubscribe }),
      headers: listHeaders(unsubscribe),
    },
  ];
}

/**
 * The date a request must be answered by: one month from receipt (GDPR Art. 12(3)), by calendar month in UTC;
 * a day the next month does not have is its last (2026-01-31 → 2026-02-28).
 */
export function respondBy(receivedIso: string): string {
  const received = new Date(receivedIso);
  const [year, month] = [received.getUTCFullYear(), received.getUTCMonth() + 1];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(received.getUTCDate(), lastDay))).toISOString().slice(0, 10);
}

/**
 * The requester's acknowledgement, and the privacy team's notice (in English): the reference, the type, the
 * site's region and language, when it was received and the date to respond by; no name, address or message.
 */
export function requestMails(t: TFunction, teamT: TFunction, team: string, row: PrivacyRequest): Mail[] {
  const reference = row.reference;
  const mails: Mail[] = [
    {
      to: row.email,
      subject: t('forms:mail.request.subject', { reference }),
      text: t('forms:mail.request.body', { reference }),
      headers: {},
    },
  ];
  if (team !== '') {
    mails.push({
      to: team,
      subject: teamT('forms:mail.team.subject', { reference }),
      text: teamT('forms:mail.team.body', {
        reference,
        type: teamT(`forms:request.types.${row.type}`),
        region: row.region,
        language: row.language,
        received: row.createdAt,
        respondBy: respondBy(row.createdAt),
      }),
      headers: {},
    });
  }
  return mails;
}
