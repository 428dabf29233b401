// Links to a confirmation page: the reference of the stored row, signed and short-lived, so that the
// page can show what was stored to the person who sent it and to nobody who merely guesses a reference.
import { REFERENCE } from './store.js';
import { signer } from './secret.js';

/** How long the confirmation link of a submission shows its details. */
export const RECEIPT_LIFETIME_MS = 3600_000;

export interface Receipts {
  /** The query string (`?ref=…&t=…&sig=…`) of the confirmation page of `reference`. */
  query(reference: string): string;
  /** The reference a confirmation query stands for, if it is genuine and recent. */
  read(query: Record<string, unknown>): string | undefined;
}

export function createReceipts(secret: Buffer, now: () => number): Receipts {
  const signatures = signer(secret, 'receipt');
  return {
    query(reference) {
      const issued = now().toString(36);
      return `?ref=${reference}&t=${issued}&sig=${signatures.sign(`${reference}\n${issued}`)}`;
    },
    read(query) {
      const { ref, t, sig } = query;
      if (typeof ref !== 'string' || typeof t !== 'string' || typeof sig !== 'string') return undefined;
      if (!REFERENCE.test(ref) || !/^[0-9a-z]{1,12}$/.test(t)) return undefined;
      if (!signatures.verify(`${ref}\n${t}`, sig)) return undefined;
      const age = now() - parseInt(t, 36);
      return age >= -60_000 && age <= RECEIPT_LIFETIME_MS ? ref : undefined;
    },
  };
}
