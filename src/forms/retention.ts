// Retention: what `npm run requests -- purge` deletes, computed from one clock so tests can set it.
import type { FormStore, Purged } from './store.js';

/** Unconfirmed sign-ups are kept this long: well past the confirmation link's 7 days. */
export const UNCONFIRMED_DAYS = 30;
const DAY_MS = 24 * 3600_000;

/**
 * Deletes privacy requests exported more than `retentionDays` ago (counted from the export, when the
 * privacy team took the request over, not from its receipt), sign-ups never confirmed within
 * UNCONFIRMED_DAYS, sign-ups unsubscribed more than `retentionDays` ago, the outbox rows of all three,
 * sent mail older than `retentionDays`, and rate-limit windows that have ended.
 * A request not exported yet is never deleted, whatever its age: the privacy team has not seen it.
 * An unsubscribed sign-up is the record of the consent under which its mail was sent; that mail is kept
 * `retentionDays` from its sending, all of it before the unsubscribe, so the consent goes as long after.
 * A window that has ended decides nothing (the next post starts a new one): its client address goes at once.
 */
export function purgeExpired(store: FormStore, now: number, retentionDays: number): Promise<Purged> {
  const retained = now - retentionDays * DAY_MS;
  return store.purge({ requests: retained, unconfirmed: now - UNCONFIRMED_DAYS * DAY_MS, unsubscribed: retained, rateLimits: now });
}
