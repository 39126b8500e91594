/**
 * The accounts' ops routes: `GET /v1/whoami` (any valid token: its name and scopes, what the
 * console shows after sign-in), `GET /v1/audit` (scope `audit:read`: the audit log, newest first,
 * a page at a time) and the named tokens (scope `tokens:admin`: list, create — the token is in that
 * one answer only — and revoke), as the CLI (`onair-server tokens`) does on the file.
 */
import type { FastifyInstance } from 'fastify';
import { clip } from '../errors.js';
import { opsGuard, principalOf } from '../ops-auth.js';
import { AUDIT_LIMITS, type AuditLog, type AuditQuery } from './audit.js';
import { parseScopes } from './scopes.js';
import type { TokenStore } from './tokens.js';

export interface AccountRoutesDeps {
  opsToken: string;
  corsOrigins: readonly string[];
  audit: AuditLog;
  tokens: TokenStore;
}

const AUDIT_PARAMS = ['room', 'from', 'to', 'before', 'limit'] as const;

/** The audit query, each problem naming its parameter. */
export function parseAuditQuery(
  raw: Record<string, unknown>,
): { ok: true; value: AuditQuery } | { ok: false; path: string; message: string } {
  const value: AuditQuery = {};
  for (const key of Object.keys(raw)) {
    if (!(AUDIT_PARAMS as readonly string[]).includes(key))
      return {
        ok: false,
        path: clip(key),
        message: `${clip(key)}: unknown field; expected ${AUDIT_PARAMS.join(', ')}`,
      };
    if (typeof raw[key] !== 'string')
      return { ok: false, path: key, message: `${key}: given more than once` };
  }
  const room = raw['room'] as string | undefined;
  if (room !== undefined) {
    if (room.length < 1 || room.length > 128)
      return { ok: false, path: 'room', message: 'room: expected 1–128 characters' };
    value.room = room;
  }
  for (const key of ['from', 'to', 'before', 'limit'] as const) {
    const text = raw[key] as string | undefined;
    if (text === undefined) continue;
    const number = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(number))
      return { ok: false, path: key, message: `${key}: expected a whole number, got "${clip(text)}"` };
    if (key === 'limit' && (number < 1 || number > AUDIT_LIMITS.maxPageSize))
      return {
        ok: false,
        path: key,
        message: `limit: expected 1 to ${AUDIT_LIMITS.maxPageSize}, got ${number}`,
      };
    value[key] = number;
  }
  if (value.from !== undefined && value.to !== undefined && value.to <= value.from)
    return { ok: false, path: 'to', message: 'to: expected a time after from' };
  return { ok: true, value };
}

export async function accountRoutes(app: FastifyInstance, deps: AccountRoutesDeps): Promise<void> {
  opsGuard(app, { ...deps, scope: 'audit' });
  for (const url of ['/v1/whoami', '/v1/audit', '/v1/tokens', '/v1/tokens/:name'])
    app.options(url, async (_req, reply) => reply.code(204).send());

  app.get('/v1/whoami', { config: { opsAccess: 'any' } }, async (req) => {
    const principal = principalOf(req)!;
    return { name: principal.name, scopes: principal.scopes, all: principal.all };
  });

  const admin = { config: { opsScope: 'tokens:admin' } };
  app.get('/v1/tokens', admin, async () => ({ tokens: deps.tokens.list() }));
  app.post('/v1/tokens', admin, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const bad = (path: string, message: string) =>
      reply.code(400).send({ error: { code: 'invalid_body', message: `${path}: ${message}`, path } });
    if (typeof body !== 'object' || Array.isArray(body)) return bad('body', 'expected {name, scopes}');
    for (const key of Object.keys(body))
      if (key !== 'name' && key !== 'scopes') return bad(clip(key), 'unknown field');
    if (typeof body['name'] !== 'string') return bad('name', 'expected a string');
    const scopes = body['scopes'];
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string'))
      return bad('scopes', 'expected a list of scopes');
    const parsed = parseScopes(scopes.join(','));
    if (!parsed.ok) return bad('scopes', parsed.message);
    const made = deps.tokens.create(body['name'], parsed.scopes);
    if (!made.ok) {
      const status = made.code === 'invalid_name' ? 400 : 409;
      return reply.code(status).send({
        error: {
          code: made.code,
          message: made.message,
          ...(made.code === 'invalid_name' ? { path: 'name' } : {}),
        },
      });
    }
    return reply.code(201).send({ token: made.token, ...made.record });
  });
  app.delete('/v1/tokens/:name', admin, async (req, reply) => {
    const name = (req.params as { name: string }).name;
    if (!deps.tokens.revoke(name))
      return reply
        .code(404)
        .send({ error: { code: 'unknown_token', message: `no active token named "${clip(name)}"` } });
    return { revoked: name };
  });

  app.get('/v1/audit', async (req, reply) => {
    const query = parseAuditQuery(req.query as Record<string, unknown>);
    if (!query.ok)
      return reply
        .code(400)
        .send({ error: { code: 'invalid_query', message: query.message, path: query.path } });
    return deps.audit.read(query.value);
  });
}
