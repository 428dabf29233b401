// Reads config, builds the app, listens, and shuts down gracefully on SIGTERM — nothing else.
import http from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** Limits that make a slow or oversized client go away promptly instead of holding a socket. */
export const SERVER_OPTIONS: http.ServerOptions = {
  requestTimeout: 10_000,
  headersTimeout: 5_000,
  keepAliveTimeout: 5_000,
  maxHeaderSize: 16 * 1024,
  connectionsCheckingInterval: 1_000,
};

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const started = performance.now();
  const { app, state } = createApp(config);
  const server = http.createServer(SERVER_OPTIONS, app);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(
      JSON.stringify({ level: 30, msg: 'listening', url: `http://${config.host}:${port}/`, startMs: Math.round(performance.now() - started) }),
    );
  });

  const shutdown = () => {
    if (state.draining) return;
    state.draining = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still running after 10 s are cut off: the process must go.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main();
