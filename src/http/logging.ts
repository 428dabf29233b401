// One structured log line per request (pino-http), with a request id echoed in X-Request-Id.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Log bytes held while stdout does not keep up; past this, lines are dropped and counted on stderr. */
export const LOG_BUFFER_LIMIT = 16 * 1024 * 1024;

/**
 * Log lines batched in memory and written to a file descriptor (stdout) in chunks of at least
 * `minLength` bytes, one write in flight at a time. Replaces pino.destination (sonic-boom): its write()
 * measures the byte length of the whole pending chunk (up to 16 KB, a cons string flattened each time)
 * on every line, which was ~9 µs of CPU per request under wrk — a quarter of the privacy page's cost.
 * Here a line costs an array push. When whatever reads the descriptor stalls, pending lines stop at
 * `maxLength` (counted in UTF-16 units, an upper bound for these ASCII-escaped JSON lines) and the
 * rest are dropped and counted.
 */
export class LogSink {
  private parts: string[] = [];
  private pending = 0;
  private writing = false;
  /** Lines dropped since the last report. */
  dropped = 0;

  constructor(
    private readonly fd: number,
    private readonly minLength = 32 * 1024,
    private readonly maxLength = LOG_BUFFER_LIMIT,
  ) {}

  write(line: string): boolean {
    if (this.pending + line.length > this.maxLength) {
      this.dropped++;
      return false;
    }
    this.parts.push(line);
    this.pending += line.length;
    if (!this.writing && this.pending >= this.minLength) this.flush();
    return true;
  }

  /** Starts writing what is pending (asynchronously); a no-op while a write is in flight. */
  flush(): void {
    if (this.writing || this.pending === 0) return;
    this.writeChunk(Buffer.from(this.take(), 'utf8'));
  }

  /** True while a chunk is being written. */
  get busy(): boolean {
    return this.writing;
  }

  /** Writes everything pending now (at exit). A chunk already in flight (at most one) is being written by libuv's thread pool and can be cut short if the process exits first. */
  flushSync(): void {
    if (this.pending === 0) return;
    const chunk = Buffer.from(this.take(), 'utf8');
    for (let offset = 0; offset < chunk.length;) {
      try {
        offset += fs.writeSync(this.fd, chunk, offset);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      }
    }
  }

  private take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    return text;
  }

  private writeChunk(chunk: Buffer): void {
    this.writing = true;
    fs.write(this.fd, chunk, 0, chunk.length, null, (error, written) => {
      if (error && error.code !== 'EAGAIN') {
        // stdout is gone: nothing can be logged any more; drop what was pending rather than grow.
        this.writing = false;
        return;
      }
      const rest = chunk.subarray(error ? 0 : written);
      if (rest.length > 0) {
        // A full pipe (EAGAIN) or a partial write: try the rest again shortly, keep collecting meanwhile.
        setTimeout(() => this.writeChunk(rest), error ? 10 : 0).unref();
        return;
      }
      this.writing = false;
      if (this.pending >= this.minLength) this.flush();
    });
  }
}

/**
 * Request logs are batched (LogSink above) rather than written one line at a time: at tens of
 * thousands of requests a second, a write per line costs more than serving the page. The batch is
 * flushed on exit and every second, so a line is at most a second late. When whatever reads stdout
 * stalls, at most LOG_BUFFER_LIMIT is held: the site drops log lines rather than grow until it is killed.
 */
export function createLogger(level: string, to?: { write(line: string): unknown }): Logger {
  if (level === 'silent') return pino({ level });
  if (to) return pino({ level, base: { pid: process.pid } }, to);
  const sink = new LogSink(1);
  const flusher = setInterval(() => {
    sink.flush();
    if (sink.dropped > 0) {
      process.stderr.write(
        `${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, dropped: sink.dropped, msg: 'log lines dropped: stdout is not keeping up' })}\n`,
      );
      sink.dropped = 0;
    }
  }, 1000);
  flusher.unref();
  process.once('exit', () => {
    try {
      sink.flushSync();
    } catch {
      // stdout already closed: nothing left to do.
    }
  });
  return pino({ level, base: { pid: process.pid } }, sink);
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
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
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
