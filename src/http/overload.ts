// Load shedding: when the event loop falls behind, answer 503 with Retry-After instead of timing out.
import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

export interface LoadState {
  overloaded: boolean;
}

/**
 * Watches event-loop lag: a timer that should fire every `intervalMs` and fires `lagMs` late means
 * requests wait that long before any code runs for them. Overloaded while two ticks in a row are late:
 * one late tick is a stall that is already over (a collection, the machine busy elsewhere for a moment),
 * and shedding after it turned away visitors whose pages were about to be sent. Returns a stop function.
 */
export function watchEventLoop(
  state: LoadState,
  { intervalMs = 100, maxLagMs = 250, now = () => performance.now() }: { intervalMs?: number; maxLagMs?: number; now?: () => number } = {},
): () => void {
  let expected = now() + intervalMs;
  let lateBefore = false;
  const timer = setInterval(() => {
    const at = now();
    const late = at - expected > maxLagMs;
    state.overloaded = late && lateBefore;
    lateBefore = late;
    expected = at + intervalMs;
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Sheds load while overloaded; health checks always answer. */
export function shedLoad(state: LoadState): RequestHandler {
  return (req, _res, next) => {
    if (state.overloaded && req.path !== '/healthz' && req.path !== '/readyz') {
      return next(new HttpError(503, 'overloaded', { 'Retry-After': '5' }));
    }
    next();
  };
}
