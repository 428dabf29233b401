// Liveness and readiness for the load balancer, and the draining that precedes a shutdown.
import type { RequestHandler } from 'express';
import { CACHE } from './respond.js';
import { readOnlyMethod } from './errors.js';

export interface ServerState {
  /** Set on SIGTERM: readiness fails and connections close after their answer. */
  draining: boolean;
  /** Set while the event loop lags: new work is shed. */
  overloaded: boolean;
  /** What works only in part, e.g. "forms database": pages still serve, so readiness holds and says so. */
  degraded?: Set<string>;
}

/**
 * `/healthz` answers while the process runs; `/readyz` fails once draining starts, and names what is
 * degraded (the forms database) without failing: the pages still serve.
 */
export function health(state: ServerState): RequestHandler {
  return (req, res, next) => {
    const probe = req.path === '/healthz' || req.path === '/readyz';
    if (probe && req.method !== 'GET' && req.method !== 'HEAD') return next(readOnlyMethod());
    if (req.path === '/healthz') {
      res.set('Cache-Control', CACHE.none).type('text/plain').send('ok');
      return;
    }
    if (req.path === '/readyz') {
      res
        .status(state.draining ? 503 : 200)
        .set('Cache-Control', CACHE.none)
        .type('text/plain');
      const degraded = state.degraded?.size ? `; degraded: ${[...state.degraded].map((d) => `${d} unavailable`).join(', ')}` : '';
      res.send(`${state.draining ? 'draining' : 'ready'}${degraded}`);
      return;
    }
    next();
  };
}

/** While shutting down, every answer tells the client to open its next connection elsewhere. */
export function closeWhileDraining(state: ServerState): RequestHandler {
  return (_req, res, next) => {
    if (state.draining) res.setHeader('Connection', 'close');
    next();
  };
}

/**
 * The health reporter of a dependency the pages can do without (the forms database): named in `/readyz`
 * as degraded while it is down; `onLost` is told each time it is found down (the metrics count it).
 */
export function dependencyHealth(state: ServerState, name: string, onLost: () => void): (up: boolean) => void {
  const degraded = (state.degraded ??= new Set());
  return (up) => {
    if (up) return void degraded.delete(name);
    degraded.add(name);
    onLost();
  };
}
