// The HTTP server's limits, shared by the entry point and the tests that run a real server.
import type http from 'node:http';

/** Limits that make a slow or oversized client go away promptly instead of holding a socket. */
export const SERVER_OPTIONS: http.ServerOptions = {
  requestTimeout: 10_000,
  headersTimeout: 5_000,
  keepAliveTimeout: 5_000,
  maxHeaderSize: 16 * 1024,
  connectionsCheckingInterval: 1_000,
  noDelay: true,
  // An HTTP/1.1 request without Host gets its 400 from the site (requireHost in http/error-page.ts), with the page and
  // the headers every answer carries, instead of Node's bare status line.
  requireHostHeader: false,
};
