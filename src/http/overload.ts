// Load shedding: when the event loop falls behind, answer 503 with Retry-After instead of timing out.
import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

export interface LoadState {
  overloaded: boolean;
}

/**
 * Watches event-loop lag: a timer that should fire every `intervalMs` and fires `lagMs` late means
 * requests wait that long before any code runs for them. Returns a stop function.
 */
export function watchEventLoop(state: LoadState, { intervalMs = 100, maxLagMs = 250 } = {}): () => void {
  let expected = performance.now() + intervalMs;
  const timer = setInterval(() => {
    const now = performance.now();
    const lag = now - expected;
    state.overloaded = lag > maxLagMs;
    expected = now + intervalMs;
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
