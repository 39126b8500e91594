/**
 * What every ops-only Fastify plugin shares: the Bearer check (the `--ops-token` or a named token,
 * and the scope the route needs), the audit log, CORS for the ops pages and JSON bodies. Each plugin
 * calls `opsGuard()` first. Errors are answered by the app (`errors.ts`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditLog } from './accounts/audit.js';
import { holds, type Principal, SCOPES } from './accounts/scopes.js';
import type { TokenStore } from './accounts/tokens.js';
import { clip } from './errors.js';
import { tooDeep } from './nesting.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's accounts, decorated on the root app so every ops plugin finds them. */
    onairAccounts?: OpsAccounts;
  }
  interface FastifyContextConfig {
    /**
     * What a route does, when its method does not say it: a query sent by POST only reads; `any`
     * needs a valid token and no scope (who-am-I). Default: GET and HEAD read, the rest write.
     */
    opsAccess?: 'read' | 'write' | 'any';
    /** A scope the route needs whatever its method (`tokens:admin`), instead of its area's. */
    opsScope?: string;
  }
}

/** A constant-time check of `Authorization: Bearer <token>`, shared by every ops-only route. */
export function bearerCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  return (authorization) => {
    const given = Buffer.from(authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

/** Who may do what: the `--ops-token` (every scope) and the named tokens, and where actions are logged. */
export interface OpsAccounts {
  authenticate(authorization: string | undefined): Principal | null;
  audit: AuditLog | null;
  now(): number;
}

/** The name the `--ops-token` has in the audit log. */
export const OPS_TOKEN_NAME = 'ops-token';

export function createAccounts(options: {
  opsToken: string;
  tokens: TokenStore | null;
  audit: AuditLog | null;
  now: () => number;
}): OpsAccounts {
  const isOpsToken = bearerCheck(options.opsToken);
  const root: Principal = { name: OPS_TOKEN_NAME, scopes: SCOPES, all: true };
  return {
    authenticate(authorization) {
      if (isOpsToken(authorization)) return root;
      if (!options.tokens || !authorization?.startsWith('Bearer ')) return null;
      return options.tokens.resolve(authorization.slice('Bearer '.length));
    },
    audit: options.audit,
    now: options.now,
  };
}

/** A route's required scope, or null when any valid token may call it. */
export function scopeFor(area: string, req: FastifyRequest): string | null {
  const config = req.routeOptions.config;
  if (config?.opsScope) return config.opsScope;
  const access = config?.opsAccess;
  if (access === 'any') return null;
  const reads =
    access === 'read' || (access === undefined && (req.method === 'GET' || req.method === 'HEAD'));
  return `${area}:${reads ? 'read' : 'write'}`;
}

/** 401 for no or an unknown token, 403 naming the missing scope; null when the principal may. */
export function refusal(
  principal: Principal | null,
  scope: string | null,
  what: string,
): { status: 401 | 403; error: { code: string; message: string; scope?: string } } | null {
  if (!principal)
    return {
      status: 401,
      error: {
        code: 'unauthorized',
        message: 'a valid ops token is required: Authorization: Bearer <token>',
      },
    };
  if (scope === null || holds(principal, scope)) return null;
  return {
    status: 403,
    error: {
      code: 'missing_scope',
      message: `the token "${principal.name}" lacks the scope ${scope}, which ${what} needs`,
      scope,
    },
  };
}

const principals = new WeakMap<FastifyRequest, Principal>();
const commands = new WeakMap<FastifyRequest, string>();

/** Who made this ops request (after the guard let it through). */
export const principalOf = (req: FastifyRequest): Principal | null => principals.get(req) ?? null;

/** Names the command an ops request runs, for the audit log (the feature routes call it). */
export function noteCommand(req: FastifyRequest, name: string): void {
  commands.set(req, clip(name));
}

export interface OpsGuardOptions {
  opsToken: string;
  corsOrigins: readonly string[];
  /**
   * The plugin's area: its routes need `<scope>:read` for GET and HEAD and `<scope>:write` for the
   * rest (`rooms`, `stats`, `campaigns`, `audit`, …). Required: a plugin without one is refused to
   * every named token (only the `--ops-token` passes), and the server's scope test fails.
   */
  scope: string;
  /** Largest JSON body, bytes. Default 64 KiB. */
  bodyLimit?: number;
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
  const accounts =
    app.onairAccounts ??
    createAccounts({ opsToken: options.opsToken, tokens: null, audit: null, now: Date.now });

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
    const principal = accounts.authenticate(req.headers.authorization);
    // No scope declared: only the token that holds every scope passes (fail closed).
    const scope = options.scope ? scopeFor(options.scope, req) : 'undeclared:scope';
    const refused = refusal(principal, scope, `${req.method} ${req.routeOptions.url ?? 'this route'}`);
    if (principal) principals.set(req, principal);
    if (refused) {
      if (refused.status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(refused.status).send({ error: refused.error });
    }
  });

  // Every action (anything but a read), and every refused token, goes to the audit log once answered.
  app.addHook('onResponse', async (req, reply) => {
    const audit = accounts.audit;
    if (!audit || req.method === 'OPTIONS') return;
    const read =
      req.method === 'GET' || req.method === 'HEAD' || req.routeOptions.config?.opsAccess === 'read';
    const denied = reply.statusCode === 401 || reply.statusCode === 403;
    if (read && !denied) return;
    const params = (req.params ?? {}) as Record<string, unknown>;
    const room =
      Object.hasOwn(params, 'room') && typeof params['room'] === 'string' ? clip(params['room']) : null;
    try {
      audit.write({
        at: accounts.now(),
        who: principalOf(req)?.name ?? '(no valid token)',
        method: req.method,
        route: req.routeOptions.url ?? clip(req.url.split('?')[0] ?? ''),
        command: commands.get(req) ?? null,
        room,
        status: reply.statusCode,
      });
    } catch (err) {
      req.log.error({ err }, 'writing the audit log failed');
    }
  });
}
