// Liveness and readiness for the load balancer, and the draining that precedes a shutdown.
import type { RequestHandler } from 'express';
import { CACHE } from './respond.js';

export interface ServerState {
  /** Set on SIGTERM: readiness fails and connections close after their answer. */
  draining: boolean;
  /** Set while the event loop lags: new work is shed. */
  overloaded: boolean;
}

/** `/healthz` answers while the process runs; `/readyz` fails once draining starts. */
export function health(state: ServerState): RequestHandler {
  return (req, res, next) => {
    if (req.path === '/healthz') {
      res.set('Cache-Control', CACHE.none).type('text/plain').send('ok');
      return;
    }
    if (req.path === '/readyz') {
      res
        .status(state.draining ? 503 : 200)
        .set('Cache-Control', CACHE.none)
        .type('text/plain');
      res.send(state.draining ? 'draining' : 'ready');
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
