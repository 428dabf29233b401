// Entity tags: a strong tag for each content coding of a body, and the one If-None-Match test, for the front layer
// and Express alike. RFC 9110 §8.8.3: a strong tag differs wherever the bytes do, content coding included, so the
// brotli, gzip and identity forms of a page each have their own.

/** The strong ETag of each form a body goes out in, by content coding. */
export interface CodingEtags {
  readonly identity: string;
  readonly br: string;
  readonly gzip: string;
}

/**
 * The tags of a body whose identity bytes hash to `hash` (base64url): `"hash"` as it is, `"hash-br"` and
 * `"hash-gzip"` compressed. A body that goes out as it is whatever the client accepts (an image, a page
 * too short to compress) has one tag for all.
 */
export function codingEtags(hash: string, compressed = true): CodingEtags {
  const identity = `"${hash}"`;
  return compressed ? { identity, br: `"${hash}-br"`, gzip: `"${hash}-gzip"` } : { identity, br: identity, gzip: identity };
}

/**
 * The only If-None-Match test (RFC 9110 §13.1.2, weak comparison): `*` matches any current body, and a listed tag
 * matches when it is the tag of the form this request gets (`tag`: its negotiated coding's). A tag of another coding
 * names other bytes, so it gets them in full: a 304 would tell a cache holding the gzip copy that it may serve it
 * under the br tag.
 */
export function etagMatches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  // The usual revalidation: one tag, as it was sent.
  if (header === tag) return true;
  if (header.trim() === '*') return true;
  return header.split(',').some((v) => v.trim().replace(/^W\//, '') === tag);
}
