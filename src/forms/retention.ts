// Retention: what `npm run requests -- purge` deletes, computed from one clock so tests can set it.
import type { FormStore, Purged } from './store.js';

/** Unconfirmed sign-ups are kept this long: well past the confirmation link's 7 days. */
export const UNCONFIRMED_DAYS = 30;
const DAY_MS = 24 * 3600_000;

/**
 * Deletes privacy requests exported more than `retentionDays` ago (counted from the export, when the
 * privacy team took the request over, not from its receipt), sign-ups never confirmed within
 * UNCONFIRMED_DAYS, the outbox rows of both, and sent mail older than `retentionDays`.
 * A request not exported yet is never deleted, whatever its age: the privacy team has not seen it.
 */
export function purgeExpired(store: FormStore, now: number, retentionDays: number): Promise<Purged> {
  return store.purge(now - retentionDays * DAY_MS, now - UNCONFIRMED_DAYS * DAY_MS);
}
