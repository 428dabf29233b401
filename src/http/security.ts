// Security headers: helmet with a strict CSP and no per-request values, so a cached page's headers never change.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaders {
  middleware: RequestHandler;
  /** The same headers as a fixed list, for responses written outside Express. */
  headers: ReadonlyArray<[string, string]>;
}

export function securityHeaders(siteOrigin: string): SecurityHeaders {
  const https = siteOrigin.startsWith('https:');
  const directives: Record<string, string[] | null> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'manifest-src': ["'self'"],
    'form-action': ["'self'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'upgrade-insecure-requests': https ? [] : null,
  };
  const helmetMiddleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { maxAge: 63072000, includeSubDomains: true, preload: false } : false,
    xFrameOptions: { action: 'deny' },
    xPoweredBy: false,
  });
  const permissions = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

  // Run helmet once against a recorder: the fixed list is exactly what the middleware sets.
  const recorded: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string) => void recorded.push([name.toLowerCase(), String(value)]),
    removeHeader: () => undefined,
  };
  helmetMiddleware({} as never, recorder as never, () => undefined);
  recorded.push(['permissions-policy', permissions]);

  return {
    headers: recorded,
    middleware: (req, res, next) => {
      res.setHeader('Permissions-Policy', permissions);
      helmetMiddleware(req, res, next);
    },
  };
}
