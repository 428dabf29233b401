// Reads config, builds the app, listens (one process or a cluster), and drains on SIGTERM — nothing else.
import cluster from 'node:cluster';
import http from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { answerClusterScrapes, clusterMetricsText, type Metrics } from './http/metrics.js';
import { watchEventLoop } from './http/overload.js';
import { SERVER_OPTIONS } from './server-options.js';

/** How long a draining process waits for requests in flight before it gives up on them. */
const DRAIN_LIMIT_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

/** The app, or exit 2 with the message of a configuration it cannot work with (a DATA_DIR it cannot write, say). */
function startApp(config: Config): ReturnType<typeof createApp> {
  try {
    return createApp(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

/** `/metrics` alone on METRICS_PORT (loopback by default): this process's figures, or every worker's in a cluster. */
function serveMetrics(config: Config, read: () => Promise<{ contentType: string; text: string }>): http.Server {
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    read().then(
      ({ contentType, text }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable'),
    );
  });
  server.listen(config.metricsPort, config.metricsHost);
  server.unref();
  return server;
}

const ownMetrics = (metrics: Metrics) => () =>
  metrics.registry.metrics().then((text) => ({ contentType: metrics.registry.contentType, text }));

function serve(config: Config): void {
  const started = performance.now();
  const { handler, clientError, state, logger, close, metrics } = startApp(config);
  if (cluster.isWorker) answerClusterScrapes(metrics);
  else if (config.metricsPort) serveMetrics(config, ownMetrics(metrics));
  const server = http.createServer(SERVER_OPTIONS, handler);
  server.on('clientError', clientError);
  const stopWatching = config.overloadLagMs > 0 ? watchEventLoop(state, { maxLagMs: config.overloadLagMs }) : () => undefined;
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ url: `http://${config.host}:${port}/`, startMs: Math.round(performance.now() - started) }, 'listening');
  });

  const stopListening = () => {
    logger.info('draining: no new connections, finishing requests in flight');
    server.close(() => {
      close();
      logger.info('drained');
      logger.flush?.();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(1);
    }, DRAIN_LIMIT_MS).unref();
  };
  // First /readyz fails while we keep accepting (balancers stop sending), then the listener closes.
  const drain = () => {
    if (state.draining) return;
    state.draining = true;
    stopWatching();
    if (config.shutdownDelayMs === 0) return stopListening();
    logger.info({ delayMs: config.shutdownDelayMs }, 'shutting down: /readyz fails, still serving');
    setTimeout(stopListening, config.shutdownDelayMs);
  };
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);
}

function supervise(config: Config): void {
  let stopping = false;
  if (config.metricsPort) serveMetrics(config, clusterMetricsText);
  for (let i = 0; i < config.webConcurrency; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (!stopping && code !== 0) {
      console.error(JSON.stringify({ level: 50, msg: 'worker died, starting another', pid: worker.process.pid, code }));
      cluster.fork();
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const config = readConfig();
if (cluster.isPrimary && config.webConcurrency > 1) supervise(config);
else serve(config);
