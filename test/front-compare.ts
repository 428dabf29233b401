// Asking the front layer and Express the same request over a real socket, and comparing their answers
// (front-parity.test.ts for region pages, front-fixed.test.ts for the chooser, assets, robots, sitemaps, 404).
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Both paths of an app built by makeApp, each on its own loopback server for the file or block that calls this:
 * `front` (the front layer, then Express) and `express` (Express alone). Closed, with the app, after it.
 */
export function bothPaths(built: { app: http.RequestListener; express: http.RequestListener; close(): void }) {
  const servers = {} as { front: http.Server; express: http.Server };
  beforeAll(async () => {
    servers.front = await listen(built.app);
    servers.express = await listen(built.express);
  });
  afterAll(() => {
    servers.front.close();
    servers.express.close();
    built.close();
  });
  return servers;
}

export function ask(server: http.Server, method: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const { port } = server.address() as net.AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers that differ per request or per connection by nature. */
const PER_REQUEST = new Set(['x-request-id', 'date', 'connection', 'keep-alive']);

/** Status, headers (less the per-request ones) and bytes: what must be equal between front and Express. */
export function comparable(answer: Answer) {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !PER_REQUEST.has(name)));
  return { status: answer.status, headers, body: answer.body.toString('base64') };
}
