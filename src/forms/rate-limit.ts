// Rate limiting of form posts per client address: a fixed window per address, counted in the form
// store (FormStore.hitRateLimit) so that every worker and every restart share it.
import net from 'node:net';
import type { IncomingMessage } from 'node:http';

export interface RateLimit {
  /** Posts allowed per address and window. */
  max: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 20, windowMs: 10 * 60_000 };

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
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => h.toLowerCase().replace(/^0+(?=.)/, ''));
}
