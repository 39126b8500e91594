/**
 * Ops HTTP routes derived from the features' command and query tables, behind one wrapper — the
 * ops token and its scope (`rooms:write` for commands, `rooms:read` for queries; checked before the
 * body is read), the room id, the JSON body, and domain errors turned
 * into HTTP answers `{error: {code, message, path?}}`:
 * - every command and query by name: `POST /v1/rooms/:room/commands/<name>` and
 *   `POST /v1/rooms/:room/queries/<name>`, the body being its input (what campaigns and scripts use);
 * - each entry with an `http` route also at its documented REST path (`POST /v1/rooms/:room/polls`),
 *   with error paths relative to that body again.
 */
import type { HttpRoute } from '@onair/core/feature.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { noteCommand, opsGuard } from './ops-auth.js';
import { withOpsRoom } from './ops-room.js';
import type { RoomHost } from './room-host.js';
import type { CommandResult } from './rooms.js';

export interface FeatureRoutesDeps {
  opsToken: string;
  corsOrigins: readonly string[];
  rooms: RoomHost;
}

/** Domain codes map to statuses by their form: a bad input, a missing thing, or a conflict. */
export function statusOf(code: string): number {
  if (code === 'internal_error') return 500;
  if (code === 'too_many_rooms') return 503;
  if (code.startsWith('invalid_') || code.startsWith('bad_') || code === 'reserved_key') return 400;
  if (code.startsWith('unknown_')) return 404;
  return 409;
}

export async function featureRoutes(app: FastifyInstance, deps: FeatureRoutesDeps): Promise<void> {
  opsGuard(app, { ...deps, scope: 'rooms' });
  // By name: the room answers an unknown name with `unknown_command`, as the in-page room does.
  const byName: HttpRoute = { method: 'POST', path: '', input: ({ body }) => body ?? {} };
  route(app, deps, 'command', (params) => params['name'] ?? '', { ...byName, path: '/commands/:name' });
  route(app, deps, 'query', (params) => params['name'] ?? '', { ...byName, path: '/queries/:name' });
  const preflight = new Set<string>(['/commands/:name', '/queries/:name']);
  for (const feature of deps.rooms.features)
    for (const [kind, table] of [
      ['command', feature.ops],
      ['query', feature.queries],
    ] as const)
      for (const [name, entry] of Object.entries(table ?? {}))
        if (entry.http) {
          route(app, deps, kind, () => name, entry.http);
          preflight.add(entry.http.path);
        }
  // Browsers ask before PUT, PATCH, DELETE and JSON POSTs from another origin.
  for (const path of preflight)
    app.options(`/v1/rooms/:room${path}`, async (_req, reply) => reply.code(204).send());
}

function route(
  app: FastifyInstance,
  deps: FeatureRoutesDeps,
  kind: 'command' | 'query',
  nameOf: (params: Record<string, string>) => string,
  http: HttpRoute,
): void {
  app.route({
    method: http.method,
    url: `/v1/rooms/:room${http.path}`,
    // Commands need `rooms:write`; queries only read, even when sent by POST.
    config: { opsAccess: kind === 'query' ? 'read' : 'write' },
    handler: (req: FastifyRequest, reply: FastifyReply) => {
      const { room: rawRoom, ...params } = req.params as Record<string, string>;
      const name = nameOf(params);
      noteCommand(req, name);
      const input = http.input({ params, query: req.query as Record<string, string>, body: req.body });
      return withOpsRoom(deps.rooms, rawRoom, reply, async (room) => {
        const result: CommandResult = await (kind === 'command'
          ? room.command(name, input)
          : room.query(name, input));
        if (result.ok) {
          const sent = http.send?.(result.result);
          if (!sent) return reply.code(http.status ?? 200).send(result.result);
          if (sent.filename)
            reply.header(
              'content-disposition',
              `attachment; filename="${sent.filename.replace(/[^\w.-]/g, '_')}"`,
            );
          return reply
            .code(http.status ?? 200)
            .type(sent.type)
            .send(sent.body);
        }
        // By name, the URL names the command, not a field of its input.
        const error = relative(result.error, http, http.path.endsWith('/:name') ? {} : params);
        return reply.code(statusOf(error.code)).send({ error });
      });
    },
  });
}

/** Errors about the body read relative to the body, as the request was written. */
function relative(
  error: { code: string; message: string; path?: string },
  http: HttpRoute,
  params: Record<string, string>,
): { code: string; message: string; path?: string } {
  // A bad URL parameter (`/products/bad%20id`) is named after the parameter; a bad query string
  // (a GET) is `invalid_query`; a bad body `invalid_body`.
  const inUrl =
    error.code === 'invalid_body' && error.path !== undefined && Object.hasOwn(params, error.path);
  const code = inUrl
    ? `invalid_${error.path}`
    : http.method === 'GET' && error.code === 'invalid_body'
      ? 'invalid_query'
      : error.code;
  const prefix = http.bodyAt;
  const path = error.path;
  if (
    !prefix ||
    path === undefined ||
    !(path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`))
  )
    return { ...error, code };
  const inner = path.slice(prefix.length).replace(/^\./, '');
  const message = error.message.startsWith(`${path}: `)
    ? `${inner ? `${inner}: ` : ''}${error.message.slice(path.length + 2)}`
    : error.message;
  return inner ? { code, message, path: inner } : { code, message };
}
