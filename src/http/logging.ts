// One structured log line per request (pino-http), with a request id echoed in X-Request-Id.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Log bytes held while stdout does not keep up; past this, lines are dropped and counted on stderr. */
export const LOG_BUFFER_LIMIT = 16 * 1024 * 1024;

/**
 * Request logs are written in 8 KB batches rather than one write per line: at tens of thousands of
 * requests a second, a write per line costs more than serving the page. The buffer is flushed on
 * exit and every second, so a line is at most a second late. When whatever reads stdout stalls,
 * the buffer stops at LOG_BUFFER_LIMIT: the site drops log lines rather than grow until it is killed.
 */
export function createLogger(level: string, to?: { write(line: string): unknown }): Logger {
  if (level === 'silent') return pino({ level });
  if (to) return pino({ level, base: { pid: process.pid } }, to);
  const destination = pino.destination({ dest: 1, sync: false, minLength: 8 * 1024, maxLength: LOG_BUFFER_LIMIT });
  let dropped = 0;
  destination.on('drop', () => dropped++);
  const flusher = setInterval(() => {
    destination.flush();
    if (dropped > 0) {
      process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, dropped, msg: 'log lines dropped: stdout is not keeping up' })}\n`);
      dropped = 0;
    }
  }, 1000);
  flusher.unref();
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // stdout already closed: nothing left to do.
    }
  });
  return pino({ level, base: { pid: process.pid } }, destination);
}

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The caller's id when it is a plain token (a proxy's), or a new one; never echoes arbitrary input. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : crypto.randomUUID();
}

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestId(req);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // No query strings, cookies or bodies in the logs: they may hold personal data.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : 'info',
  });
}

export type FrontLog = (id: string, method: string, path: string, statusCode: number, responseTime: number) => void;

/**
 * The front layer's "request completed" line, written straight to the logger's stream: the same
 * JSON that `logger.info({ req, res, responseTime, front: true }, 'request completed')` writes,
 * without pino's generic serializer, which was a quarter of the front layer's own CPU time per
 * cached page. `id` is a UUID or a checked token and `method` is GET or HEAD; `path` is escaped.
 */
export function frontLog(logger: Logger): FrontLog {
  const stream = (logger as unknown as Record<symbol, { write(line: string): unknown }>)[pino.symbols.streamSym]!;
  const pid = process.pid;
  return (id, method, path, statusCode, responseTime) => {
    if (!logger.isLevelEnabled('info')) return;
    stream.write(
      `{"level":30,"time":${Date.now()},"pid":${pid},"req":{"id":"${id}","method":"${method}","path":${JSON.stringify(path)}},` +
        `"res":{"statusCode":${statusCode}},"responseTime":${responseTime},"front":true,"msg":"request completed"}\n`,
    );
  };
}
