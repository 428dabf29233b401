// Rate limiting of form posts per client address: a fixed window per address in a bounded map.
import net from 'node:net';
import type { IncomingMessage } from 'node:http';

export interface RateLimit {
  /** Posts allowed per address and window. */
  max: number;
  windowMs: number;
  /** Addresses tracked at once; the oldest are forgotten first when full. */
  maxClients?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 20, windowMs: 10 * 60_000, maxClients: 10_000 };

export interface RateLimiter {
  /** Counts one post from `client`; `retryAfterS` is set when it is over the limit. */
  hit(client: string): { allowed: boolean; retryAfterS: number };
}

export function createRateLimiter(limit: RateLimit, now: () => number): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const maxClients = limit.maxClients ?? DEFAULT_RATE_LIMIT.maxClients!;
  const makeRoom = (at: number) => {
    for (const [client, w] of windows) if (w.resetAt <= at) windows.delete(client);
    while (windows.size >= maxClients) windows.delete(windows.keys().next().value as string);
  };
  return {
    hit(client) {
      const at = now();
      let w = windows.get(client);
      if (!w || w.resetAt <= at) {
        if (w) windows.delete(client);
        else if (windows.size >= maxClients) makeRoom(at);
        w = { count: 0, resetAt: at + limit.windowMs };
        windows.set(client, w);
      }
      w.count += 1;
      const allowed = w.count <= limit.max;
      return { allowed, retryAfterS: allowed ? 0 : Math.max(1, Math.ceil((w.resetAt - at) / 1000)) };
    },
  };
}

/**
 * The address a limit applies to: the socket's, or — only when `trustedHops` proxies are configured —
 * the one those proxies recorded in X-Forwarded-For. IPv6 clients are counted by their /64.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops > 0) {
    const header = req.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((a) => a.trim());
    const chain = [...forwarded.filter((a) => a !== ''), address];
    const candidate = chain[Math.max(0, chain.length - 1 - trustedHops)]!;
    if (net.isIP(candidate)) address = candidate;
  }
  return addressKey(address);
}

export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (net.isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return address;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => h.toLowerCase().replace(/^0+(?=.)/, ''));
}
