// Sends the outbox: through SMTP (nodemailer, SMTP_URL), or — without SMTP_URL — as .eml files in
// $DATA_DIR/outbox-preview/ (previews.ts). A message is claimed for a lease before it is sent, so no two workers
// send it; it is marked sent right after the server accepted it; a failure is retried with backoff.
// A process that dies mid-send leaves the claim to expire, and the message is sent after a restart.
// The one window left is a crash after the server accepted a message and before it is marked sent:
// then it is sent again with the same Message-ID, which receivers use to drop duplicates.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { writePreview } from './previews.js';
import { StoreUnavailable, type FormStore, type OutboxMessage } from './store.js';

export interface MailSettings {
  smtpUrl: string;
  mailFrom: string;
  dataDir: string;
}

export interface SenderTiming {
  /** How long a claimed message is kept from other senders: longer than one SMTP attempt can take. */
  leaseMs: number;
  /** How often the outbox is looked at when nothing wakes the sender. */
  pollMs: number;
  /** First retry delay; it doubles with each attempt, up to `maxDelayMs`. */
  retryMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_TIMING: SenderTiming = { leaseMs: 300_000, pollMs: 5_000, retryMs: 30_000, maxDelayMs: 6 * 3600_000, maxAttempts: 12 };

export type Deliver = (message: OutboxMessage) => Promise<void>;

/** SMTP with timeouts shorter than the lease, or .eml files readable by their owner only. */
export function createDeliver(settings: MailSettings): Deliver {
  const toMail = (m: OutboxMessage) => ({
    from: settings.mailFrom,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    headers: m.headers,
  });
  if (settings.smtpUrl !== '') {
    const transport = nodemailer.createTransport(settings.smtpUrl, {
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
    } as never);
    return async (m) => void (await transport.sendMail(toMail(m)));
  }
  const preview = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (m) => {
    const info = await preview.sendMail(toMail(m));
    writePreview(settings.dataDir, m, info.message as Buffer, new Date());
  };
}

/** A 5xx answer will not change by trying again. */
function permanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export interface Sender {
  /** Looks at the outbox now (after a commit that queued mail). */
  wake(): void;
  /** Sends what is due until nothing is; resolves when the outbox has nothing due. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function startSender(
  store: FormStore,
  deliver: Deliver,
  log: Logger,
  now: () => number,
  timing: SenderTiming = DEFAULT_TIMING,
): Sender {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function sendOne(m: OutboxMessage): Promise<void> {
    try {
      await deliver(m);
      await store.markSent(m.id);
      log.info({ mail: m.id, record: m.record, attempts: m.attempts }, 'mail sent');
    } catch (error) {
      const giveUp = permanent(error) || m.attempts >= timing.maxAttempts;
      const delay = Math.min(timing.retryMs * 2 ** (m.attempts - 1), timing.maxDelayMs);
      // The error's code and SMTP status only: its text may quote the address.
      const reason = `${(error as { code?: string }).code ?? 'error'} ${(error as { responseCode?: number }).responseCode ?? ''}`.trim();
      await store.markFailed(m.id, reason, giveUp ? undefined : now() + delay);
      log.warn({ mail: m.id, record: m.record, attempts: m.attempts, reason, giveUp }, 'mail not sent');
    }
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      for (let m = await store.claimMail(timing.leaseMs); m && !stopped; m = await store.claimMail(timing.leaseMs)) await sendOne(m);
    } while (again && !stopped);
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop()
      // The database away: told once per outage by the pages' 503s and /readyz; the next poll tries again.
      .catch((error: unknown) =>
        error instanceof StoreUnavailable
          ? log.debug({ err: error.cause }, 'outbox: database unavailable')
          : log.error({ err: error }, 'outbox sender failed'),
      )
      .finally(() => {
        running = undefined;
      });
  }

  timer = setInterval(wake, timing.pollMs);
  timer.unref();
  wake();
  return {
    wake,
    async drain() {
      wake();
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
