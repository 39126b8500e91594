/**
 * One shape for every error answer of the server, Fastify's own included:
 * `{ error: { code, message, path? } }`. Installed once on the app: the error handler (body parsers,
 * thrown errors), the not-found handler, Fastify's framework errors (a URL that does not decode, a
 * parameter over the length limit) and HTTP requests Node cannot parse, answered on the raw socket.
 * Plugins add their own codes; they never set their own error handler.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';

export interface ErrorBody {
  error: { code: string; message: string; path?: string };
}

export function errorBody(code: string, message: string, path?: string): ErrorBody {
  return { error: { code, message, ...(path ? { path } : {}) } };
}

/** Fastify's error codes as this server names them; unknown ones fall back to the status's code. */
const FASTIFY_CODES: Record<string, readonly [status: number, code: string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_body'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad_json'],
  FST_ERR_BAD_URL: [400, 'bad_url'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long'],
};

const STATUS_NAMES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  411: 'length_required',
  413: 'body_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

/** Our own codes (`bad_json`, `too_deep`) are lowercase words; Fastify's (`FST_ERR_…`) are not. */
const OWN_CODE = /^[a-z][a-z0-9_]*$/;

/** Messages echo the URL or a key at most this long, so an error answer stays small. */
const MAX_ECHO = 200;

export function clip(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
}

/** A thrown or framework error → status and body. 4xx keep their message; anything else is a 500. */
export function answerFor(err: FastifyError & { path?: unknown }): { status: number; body: ErrorBody } {
  const known = FASTIFY_CODES[err.code];
  const status =
    known?.[0] ?? (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500);
  if (status === 500) return { status, body: errorBody('internal_error', 'internal server error') };
  const code =
    known?.[1] ?? (OWN_CODE.test(err.code ?? '') ? err.code : (STATUS_NAMES[status] ?? 'bad_request'));
  return {
    status,
    body: errorBody(code, clip(err.message), typeof err.path === 'string' ? err.path : undefined),
  };
}

function sendError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = answerFor(err);
  if (status === 500) req.log.error({ err }, 'request failed');
  return reply.code(status).send(body);
}

const notFound = (req: FastifyRequest) =>
  errorBody('not_found', `no route ${req.method} ${clip(req.url.split('?')[0] ?? '')}`);

/** Node could not parse the request as HTTP: no Fastify request exists, so answer on the socket. */
function clientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, errorBody('request_timeout', 'the request did not arrive in time')]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, errorBody('headers_too_large', 'the request headers are too large')]
        : [400, errorBody('bad_request', 'the request is not valid HTTP/1.1')];
  const text = JSON.stringify(body);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  socket.destroy();
}

/** The options `Fastify()` needs for errors raised before a route runs. */
export const errorAnswerOptions = {
  frameworkErrors: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) =>
    sendError(err, req, reply),
  clientErrorHandler: clientError,
} satisfies Partial<FastifyServerOptions>;

/** Error handler and not-found handler on the root app, inherited by every plugin. */
export function installErrorAnswers(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((req, reply) => reply.code(404).send(notFound(req)));
  // An unknown URL is a 404 whatever its body: answered before a body parser can object to it.
  app.addHook('onRequest', async (req, reply) => {
    if (req.is404) return reply.code(404).send(notFound(req));
  });
}
