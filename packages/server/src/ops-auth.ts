/**
 * What every ops-only Fastify plugin shares: the Bearer check, CORS for the ops pages and JSON
 * bodies. Each plugin calls `opsGuard()` first. Errors are answered by the app (`errors.ts`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tooDeep } from './nesting.js';

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
  /** The routes' scope (`campaigns`: `campaigns:read` for GET and HEAD, `campaigns:write` otherwise). */
  scope?: string;
}

/** Deepest nesting an ops body may have: configs nest a few levels; 32 leaves room and no stack at risk. */
export const MAX_OPS_BODY_DEPTH = 32;

const badBody = (code: string, message: string, path?: string) =>
  Object.assign(new Error(message), { statusCode: 400, code, ...(path === undefined ? {} : { path }) });

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
 * nothing), answers CORS for the configured origins and parses JSON bodies (an empty body is "no
 * options"; one nesting deeper than `MAX_OPS_BODY_DEPTH` is refused before anything recurses into it).
 */
export function opsGuard(app: FastifyInstance, options: OpsGuardOptions): void {
  const authorized = bearerCheck(options.opsToken);

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: options.bodyLimit ?? 64 * 1024 },
    (_req, body, done) => {
      if (body === '') return done(null, undefined);
      let value: unknown;
      try {
        value = JSON.parse(body as string);
      } catch {
        return done(badBody('bad_json', 'request body is not valid JSON'));
      }
      const deep = tooDeep(value, MAX_OPS_BODY_DEPTH);
      if (deep !== null)
        return done(
          badBody('too_deep', `${deep || 'body'}: nests deeper than ${MAX_OPS_BODY_DEPTH} levels`, deep),
        );
      done(null, value);
    },
  );

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
