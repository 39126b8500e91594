/**
 * What every ops-only Fastify plugin shares: the Bearer check, CORS for the ops pages, JSON bodies
 * and `{ error: { code, message } }` answers. Each plugin calls `opsGuard()` first.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A constant-time check of `Authorization: Bearer <token>`, shared by every ops-only route. */
export function bearerCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  return (authorization) => {
    const given = Buffer.from(authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

export interface OpsGuardOptions {
  opsToken: string;
  corsOrigins: readonly string[];
  /** Largest JSON body, bytes. Default 64 KiB. */
  bodyLimit?: number;
}

const ERROR_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_body',
};

/** Bearer-token API, no cookies: CORS only decides which pages may call it from a browser. */
export function cors(req: FastifyRequest, reply: FastifyReply, origins: readonly string[]): void {
  const origin = req.headers.origin;
  if (!origin || !(origins.includes('*') || origins.includes(origin))) return;
  reply.header('access-control-allow-origin', origin);
  reply.header('vary', 'Origin');
  if (req.method === 'OPTIONS') {
    reply.header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
    reply.header('access-control-allow-headers', 'authorization, content-type');
    reply.header('access-control-max-age', '600');
  }
}

/**
 * Puts the plugin's routes behind the ops token (checked before the body is read, so a 401 changes
 * nothing), answers CORS for the configured origins, parses JSON bodies (an empty body is "no
 * options") and answers errors as `{ error: { code, message } }`.
 */
export function opsGuard(app: FastifyInstance, options: OpsGuardOptions): void {
  const authorized = bearerCheck(options.opsToken);

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: options.bodyLimit ?? 64 * 1024 },
    (_req, body, done) => {
      if (body === '') return done(null, undefined);
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(
          Object.assign(new Error('request body is not valid JSON'), { statusCode: 400, code: 'bad_json' }),
        );
      }
    },
  );

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ err }, 'ops request failed');
    const code = ERROR_CODES[err.code] ?? (status === 500 ? 'internal_error' : err.code || 'bad_request');
    return reply
      .code(status)
      .send({ error: { code, message: status === 500 ? 'internal server error' : err.message } });
  });

  app.addHook('onRequest', async (req, reply) => {
    cors(req, reply, options.corsOrigins);
    if (req.method === 'OPTIONS') return;
    if (!authorized(req.headers.authorization)) {
      reply.header('www-authenticate', 'Bearer');
      return reply.code(401).send({
        error: {
          code: 'unauthorized',
          message: 'a valid ops token is required: Authorization: Bearer <token>',
        },
      });
    }
  });
}
