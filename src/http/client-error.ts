// Node's own answers to requests it cannot parse — a malformed request line or header, headers over
// maxHeaderSize, a request that did not arrive within requestTimeout — go out as a short page with the
// security headers, as every other answer does, instead of a bare status line. Nothing from the request is
// written back, and since the request could not be read, neither could its language: the page is English.
import type { Duplex } from 'node:stream';

interface Answer {
  status: number;
  reason: string;
  explanation: string;
}

const BAD_REQUEST: Answer = {
  status: 400,
  reason: 'Bad Request',
  explanation: 'Your browser sent a request this site could not read. Check the address and try again.',
};

/** Node's error codes with an answer of their own (the statuses of Node's default answers); every other parse error is a 400. */
const ANSWERS: Readonly<Record<string, Answer>> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    explanation:
      'The request’s headers are larger than this site accepts. This usually means too many cookies: delete the cookies for this site and try again.',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    reason: 'Content Too Large',
    explanation: 'The request was larger than this site accepts.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    explanation: 'The request did not arrive in time. Try again.',
  },
};

function page({ status, reason, explanation }: Answer): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${status} ${reason} – Lenovo</title></head>
<body>
<h1>${reason}</h1>
<p>${explanation}</p>
<p><a href="/">Lenovo: choose your country or region</a></p>
</body>
</html>
`;
}

/** The complete answer (status line, headers, page) for each code, built once. */
function responses(securityHeaders: ReadonlyArray<[string, string]>): (code: string | undefined) => Buffer {
  const build = (answer: Answer) => {
    const body = Buffer.from(page(answer));
    const headers: Array<[string, string]> = [
      ...securityHeaders,
      ['content-type', 'text/html; charset=utf-8'],
      ['content-language', 'en'],
      ['cache-control', 'no-store'],
      ['connection', 'close'],
      ['content-length', String(body.length)],
    ];
    const head = `HTTP/1.1 ${answer.status} ${answer.reason}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    return Buffer.concat([Buffer.from(head, 'latin1'), body]);
  };
  const byCode = new Map(Object.entries(ANSWERS).map(([code, answer]) => [code, build(answer)]));
  const badRequest = build(BAD_REQUEST);
  return (code) => (code && byCode.get(code)) || badRequest;
}

/** A `clientError` listener for the HTTP server, answering with the headers every page carries. */
export function answerClientErrors(securityHeaders: ReadonlyArray<[string, string]>) {
  const answerFor = responses(securityHeaders);
  return (error: Error & { code?: string }, socket: Duplex): void => {
    // As Node's default: a reset peer needs no answer, nor does a socket with a response already started.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    // Closed once written, as Node's default does: a slow client still sending headers is not waited for.
    socket.end(answerFor(error.code), () => socket.destroy());
  };
}
