// One path for errors: throw HttpError(status); the handler renders a page or JSON and logs the stack.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message = `HTTP ${status}`,
    /** Headers the answer must carry (e.g. Allow on 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The status an error maps to: its own when it is an HTTP error we or a library raised, else 500. */
export function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  const e = error as { status?: unknown; statusCode?: unknown; type?: unknown } | undefined;
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  return status >= 400 && status < 600 ? status : 500;
}

/** 405 naming GET and HEAD: the answer of a read-only path to every other method. */
export function readOnlyMethod(): HttpError {
  return new HttpError(405, 'method', { Allow: 'GET, HEAD' });
}
