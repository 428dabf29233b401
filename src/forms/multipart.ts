// Small multipart/form-data bodies (RFC 7578) of text fields, read into the record the urlencoded parser
// gives: RFC 8058 §3.1 says a mail receiver SHOULD send its one-click unsubscribe POST this way.
import type { RequestHandler } from 'express';
import express from 'express';
import { HttpError } from '../http/errors.js';

/** RFC 2046 §5.1.1: 1 to 70 of these characters, the last not a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
/** As many fields as the urlencoded parser takes (`parameterLimit` in form-post.ts). */
const MAX_FIELDS = 20;

/** The boundary parameter of a Content-Type, or undefined when it is missing or not a valid one. */
function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;"]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  return boundary !== undefined && BOUNDARY.test(boundary) ? boundary : undefined;
}

/** The field name of a part's headers; null for a file (not read), undefined when there is none. */
function fieldName(headers: string[]): string | null | undefined {
  const disposition = headers.find((h) => /^content-disposition\s*:\s*form-data\s*(;|$)/i.test(h));
  if (disposition === undefined) return undefined;
  if (/;\s*filename\*?\s*=/i.test(disposition)) return null;
  const m = /;\s*name\s*=\s*(?:"([^"]*)"|([^\s;"]+))/i.exec(disposition);
  return m?.[1] ?? m?.[2];
}

/**
 * The text fields of a multipart body, or undefined when it is not well formed. A field sent twice is
 * kept as an array, as the urlencoded parser does, so readFields treats it as absent.
 */
function readParts(body: string, boundary: string): Record<string, string | string[]> | undefined {
  // A delimiter is a line break then `--boundary`; the first one may open the body, with no line break before it.
  const parts = `\r\n${body}`.split(`\r\n--${boundary}`);
  if (parts.length < 2 || !parts.at(-1)!.startsWith('--')) return undefined;
  const fields = new Map<string, string[]>();
  for (const part of parts.slice(1, -1)) {
    const head = /^[ \t]*\r\n([\s\S]*?)\r\n\r\n/.exec(part);
    const name = head ? fieldName(head[1]!.split('\r\n')) : undefined;
    if (!head || name === undefined) return undefined;
    if (name !== null) fields.set(name, [...(fields.get(name) ?? []), part.slice(head[0].length)]);
  }
  return Object.fromEntries([...fields].map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}

/**
 * Reads a multipart/form-data body of at most 8 KB (the urlencoded parser's limit; 413 above it) into
 * `req.body`; a body that is not well formed is refused with 400. Other bodies pass untouched.
 */
export function multipartFields(): RequestHandler[] {
  return [
    express.raw({ type: 'multipart/form-data', limit: '8kb' }),
    (req, _res, next) => {
      if (!req.is('multipart/form-data')) return next();
      const boundary = boundaryOf(req.get('content-type') ?? '');
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const fields = boundary === undefined ? undefined : readParts(body, boundary);
      if (!fields) return next(new HttpError(400, 'malformed multipart body'));
      if (Object.keys(fields).length > MAX_FIELDS) return next(new HttpError(413, 'too many multipart fields'));
      req.body = fields;
      next();
    },
  ];
}
