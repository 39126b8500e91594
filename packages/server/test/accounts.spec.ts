// Named ops tokens and scopes, against the real server on loopback: every registered ops route
// refuses a missing token (401) and a token without its scope (403 naming the scope) and lets the
// token holding exactly that scope through; revocation holds at once; every action is in the audit
// log; the CLI makes, lists and revokes tokens in the file a running server reads.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SCOPES, type Scope } from '../src/accounts/scopes.js';
import { runTokensCli } from '../src/tokens-cli.js';
import { closeAll, fakeClock, type Json, OPS_TOKEN, POLL, startServer, tempDir } from './helpers.js';

afterEach(closeAll);

/** Routes anyone may call: health, the viewers' collector, the console's own (public) files. */
const PUBLIC = new Set([
  'GET /healthz',
  'HEAD /healthz',
  'POST /v1/events',
  'GET /console',
  'HEAD /console',
  'GET /console/*',
  'HEAD /console/*',
]);

const fill = (url: string) =>
  url
    .replace(/:room/g, 'scope-room')
    .replace(/:[A-Za-z]+/g, 'x')
    .replace(/\*$/, 'x.csv');

async function call(base: string, method: string, path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, body: json };
}

describe('scopes on every ops route', () => {
  it('401 without a token, 403 naming the scope without it, through with exactly it', async () => {
    const h = await startServer();
    const nobody = h.server.tokens.create('nobody', []);
    if (!nobody.ok) throw new Error(nobody.message);
    const holder = new Map<Scope, string>();
    for (const scope of SCOPES) {
      const made = h.server.tokens.create(`only-${scope.replace(':', '-')}`, [scope]);
      if (!made.ok) throw new Error(made.message);
      holder.set(scope, made.token);
    }
    const routes = h.server.routes.filter(
      (r) => r.method !== 'OPTIONS' && !PUBLIC.has(`${r.method} ${r.url}`),
    );
    // The ones this release has, at least: a route lost from the list would pass unnoticed.
    const names = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /v1/rooms/:room',
      'POST /v1/rooms/:room/crowd',
      'POST /v1/rooms/:room/commands/:name',
      'POST /v1/rooms/:room/queries/:name',
      'POST /v1/rooms/:room/polls',
      'GET /v1/stats/rooms/:room',
      'GET /v1/stats/rooms/:room/:file',
      'GET /v1/events/stats',
      'GET /v1/audit',
      'GET /v1/whoami',
      'GET /v1/tokens',
      'POST /v1/tokens',
      'DELETE /v1/tokens/:name',
    ])
      expect(names).toContain(expected);
    const seen = new Set<string>();
    for (const route of routes) {
      const path = fill(route.url);
      const what = `${route.method} ${route.url}`;
      const anonymous = await call(h.url, route.method, path, null);
      expect(anonymous.status, `${what} without a token`).toBe(401);
      const bare = await call(h.url, route.method, path, nobody.token);
      if (route.url === '/v1/whoami') {
        expect(bare.status).toBe(200);
        continue;
      }
      expect(bare.status, `${what} with a token without scopes`).toBe(403);
      if (route.method === 'HEAD') continue; // no body to read the scope from; GET's is checked
      const scope = bare.body.error.scope as Scope;
      expect(SCOPES, `${what} names a known scope`).toContain(scope);
      expect(bare.body.error.message).toContain(scope);
      expect(bare.body.error.message).toContain('"nobody"');
      // The convention: GET reads, the rest writes (feature queries read); the token routes name theirs.
      const expected = route.url.startsWith('/v1/tokens')
        ? 'tokens:admin'
        : route.method === 'GET' || route.url.includes('/queries/')
          ? ':read'
          : ':write';
      expect(scope.endsWith(expected), `${what} needs ${scope}`).toBe(true);
      seen.add(scope);
      const allowed = await call(
        h.url,
        route.method,
        path,
        holder.get(scope)!,
        route.method === 'GET' ? undefined : {},
      );
      expect([401, 403], `${what} with ${scope}`).not.toContain(allowed.status);
      // Every other single-scope token is refused.
      for (const [other, token] of holder)
        if (other !== scope) {
          const refused = await call(
            h.url,
            route.method,
            path,
            token,
            route.method === 'GET' ? undefined : {},
          );
          expect(refused.status, `${what} with ${other}`).toBe(403);
        }
    }
    for (const scope of [
      'rooms:read',
      'rooms:write',
      'stats:read',
      'events:read',
      'audit:read',
      'tokens:admin',
    ] as const)
      expect([...seen]).toContain(scope);
  }, 60_000);

  it('the --ops-token has every scope; a garbage or foreign-prefixed token is 401', async () => {
    const h = await startServer();
    expect((await call(h.url, 'GET', '/v1/whoami', OPS_TOKEN)).body).toEqual({
      name: 'ops-token',
      scopes: [...SCOPES],
      all: true,
    });
    expect((await call(h.url, 'GET', '/v1/audit', OPS_TOKEN)).status).toBe(200);
    expect((await call(h.url, 'GET', '/v1/whoami', 'onair_not-a-real-token')).status).toBe(401);
    expect((await call(h.url, 'GET', '/v1/whoami', `${OPS_TOKEN}x`)).status).toBe(401);
  });

  it('a stats reader reads the stats and nothing else', async () => {
    const h = await startServer();
    const ana = h.server.tokens.create('ana', ['stats:read']);
    if (!ana.ok) throw new Error(ana.message);
    const range = `from=${60_000 * 1000}&to=${60_000 * 1060}`;
    expect((await call(h.url, 'GET', `/v1/stats/rooms/show?${range}`, ana.token)).status).toBe(200);
    expect((await call(h.url, 'GET', `/v1/stats/rooms/show/funnel.csv?${range}`, ana.token)).status).toBe(
      200,
    );
    const events = await call(h.url, 'GET', '/v1/events/stats', ana.token);
    expect(events.status).toBe(403);
    expect(events.body.error).toMatchObject({ code: 'missing_scope', scope: 'events:read' });
    const poll = await call(h.url, 'POST', '/v1/rooms/show/polls', ana.token, POLL);
    expect(poll.status).toBe(403);
    expect(poll.body.error.message).toBe(
      'the token "ana" lacks the scope rooms:write, which POST /v1/rooms/:room/polls needs',
    );
  });
});

describe('the token routes (tokens:admin)', () => {
  it('list, create and revoke named tokens over HTTP', async () => {
    const h = await startServer();
    const admin = h.server.tokens.create('admin', ['tokens:admin']);
    if (!admin.ok) throw new Error(admin.message);
    const made = await call(h.url, 'POST', '/v1/tokens', admin.token, {
      name: 'dee',
      scopes: ['stats:read'],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'dee', scopes: ['stats:read'], revokedAt: null });
    expect((await call(h.url, 'GET', '/v1/whoami', made.body.token)).body.name).toBe('dee');
    const list = await call(h.url, 'GET', '/v1/tokens', admin.token);
    expect(list.body.tokens.map((t: Json) => t.name)).toEqual(['dee', 'admin']);
    expect(JSON.stringify(list.body)).not.toContain(made.body.token);
    for (const [body, path] of [
      [{ name: 'x y', scopes: ['stats:read'] }, 'name'],
      [{ name: 'x', scopes: ['stats'] }, 'scopes'],
      [{ name: 'x', scopes: 'stats:read' }, 'scopes'],
      [{ name: 'x', scopes: ['stats:read'], admin: true }, 'admin'],
    ] as const)
      expect((await call(h.url, 'POST', '/v1/tokens', admin.token, body)).body.error.path).toBe(path);
    const again = await call(h.url, 'POST', '/v1/tokens', admin.token, {
      name: 'dee',
      scopes: ['stats:read'],
    });
    expect(again.status).toBe(409);
    expect((await call(h.url, 'DELETE', '/v1/tokens/dee', admin.token)).body).toEqual({ revoked: 'dee' });
    expect((await call(h.url, 'GET', '/v1/whoami', made.body.token)).status).toBe(401);
    expect((await call(h.url, 'DELETE', '/v1/tokens/dee', admin.token)).status).toBe(404);
    // A token manager reads no stats with its own token.
    expect((await call(h.url, 'GET', '/v1/events/stats', admin.token)).status).toBe(403);
  });
});

describe('revocation', () => {
  it('holds from the next request', async () => {
    const h = await startServer();
    const made = h.server.tokens.create('bo', ['rooms:read', 'rooms:write']);
    if (!made.ok) throw new Error(made.message);
    expect((await call(h.url, 'POST', '/v1/rooms/r1/polls', made.token, POLL)).status).toBe(201);
    expect(h.server.tokens.revoke('bo')).toBe(true);
    expect((await call(h.url, 'GET', '/v1/rooms/r1', made.token)).status).toBe(401);
    expect(h.server.tokens.revoke('bo')).toBe(false);
    // The name is free again; the old token stays dead.
    const again = h.server.tokens.create('bo', ['rooms:read']);
    expect(again.ok).toBe(true);
    expect((await call(h.url, 'GET', '/v1/rooms/r1', made.token)).status).toBe(401);
  });

  it('refuses a second active token of one name and bad names', async () => {
    const h = await startServer();
    expect(h.server.tokens.create('cy', ['stats:read']).ok).toBe(true);
    expect(h.server.tokens.create('cy', ['stats:read'])).toMatchObject({ ok: false, code: 'name_taken' });
    expect(h.server.tokens.create('a b', ['stats:read'])).toMatchObject({ ok: false, code: 'invalid_name' });
    expect(h.server.tokens.create('<img>', ['stats:read'])).toMatchObject({
      ok: false,
      code: 'invalid_name',
    });
  });
});

describe('the audit log', () => {
  it('records who did what, when, in which room and how it went; reads filter and page', async () => {
    const clock = fakeClock(Date.UTC(2026, 11, 1, 20, 0));
    const h = await startServer({ clock });
    const ed = h.server.tokens.create('ed', ['rooms:write', 'rooms:read']);
    const auditor = h.server.tokens.create('auditor', ['audit:read']);
    if (!ed.ok || !auditor.ok) throw new Error('tokens');
    const t0 = clock.now();
    expect((await call(h.url, 'POST', '/v1/rooms/r1/polls', ed.token, POLL)).status).toBe(201);
    clock.advance(1000);
    expect(
      (await call(h.url, 'POST', '/v1/rooms/r1/commands/poll.close', ed.token, { poll: 'p1' })).status,
    ).toBe(200);
    clock.advance(1000);
    expect(
      (await call(h.url, 'POST', '/v1/rooms/r2/polls', ed.token, { ...POLL, question: '' })).status,
    ).toBe(400);
    clock.advance(1000);
    expect((await call(h.url, 'POST', '/v1/rooms/r2/polls', auditor.token, POLL)).status).toBe(403);
    expect((await call(h.url, 'GET', '/v1/rooms/r1', ed.token)).status).toBe(200); // a read: not logged

    const all = await call(h.url, 'GET', '/v1/audit', auditor.token);
    expect(all.status).toBe(200);
    const rows = all.body.entries.map((e: Json) => [
      e.at - t0,
      e.who,
      e.method,
      e.route,
      e.command,
      e.room,
      e.status,
      e.outcome,
    ]);
    expect(rows).toEqual([
      [3000, 'auditor', 'POST', '/v1/rooms/:room/polls', null, 'r2', 403, 'denied'],
      [2000, 'ed', 'POST', '/v1/rooms/:room/polls', 'poll.create', 'r2', 400, 'refused'],
      [1000, 'ed', 'POST', '/v1/rooms/:room/commands/:name', 'poll.close', 'r1', 200, 'ok'],
      [0, 'ed', 'POST', '/v1/rooms/:room/polls', 'poll.create', 'r1', 201, 'ok'],
    ]);
    expect(all.body.next).toBeNull();

    const r1 = await call(h.url, 'GET', '/v1/audit?room=r1', auditor.token);
    expect(r1.body.entries.map((e: Json) => e.command)).toEqual(['poll.close', 'poll.create']);
    const window = await call(h.url, 'GET', `/v1/audit?from=${t0 + 1000}&to=${t0 + 3000}`, auditor.token);
    expect(window.body.entries.map((e: Json) => e.at - t0)).toEqual([2000, 1000]);
    const page1 = await call(h.url, 'GET', '/v1/audit?limit=3', auditor.token);
    expect(page1.body.entries).toHaveLength(3);
    const page2 = await call(h.url, 'GET', `/v1/audit?limit=3&before=${page1.body.next}`, auditor.token);
    expect(page2.body.entries.map((e: Json) => e.at - t0)).toEqual([0]);
    expect(page2.body.next).toBeNull();

    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['from=abc', 'from'],
      ['from=10&to=5', 'to'],
      ['colour=red', 'colour'],
    ])
      expect((await call(h.url, 'GET', `/v1/audit?${query}`, auditor.token)).body.error, query).toMatchObject(
        {
          code: 'invalid_query',
          path,
        },
      );
  });
});

describe('onair-server tokens', () => {
  it('creates, lists and revokes tokens in the file a running server reads', async () => {
    const tmp = tempDir();
    try {
      const db = join(tmp.dir, 'onair.db');
      // The real entry point, as an operator runs it.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, '../src/cli.ts'),
          'tokens',
          'create',
          '--name',
          'ana',
          '--scopes',
          'stats:read,rooms:read',
          '--db',
          db,
          '--json',
        ],
        { cwd: join(import.meta.dirname, '..') },
      );
      const created = JSON.parse(stdout) as { token: string; name: string; scopes: string[] };
      expect(created).toMatchObject({ name: 'ana', scopes: ['stats:read', 'rooms:read'] });
      expect(created.token).toMatch(/^onair_[A-Za-z0-9_-]{43}$/);

      const h = await startServer({ db });
      const me = await call(h.url, 'GET', '/v1/whoami', created.token);
      expect(me.body).toEqual({ name: 'ana', scopes: ['stats:read', 'rooms:read'], all: false });

      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
      expect(runTokensCli(['list', '--db', db], {}, io)).toBe(0);
      expect(out.join('')).toMatch(/^ana\tstats:read,rooms:read\tcreated \d{4}-/);
      expect(out.join('')).not.toContain(created.token);
      // Only the hash is in the file.
      const stored = h.server.db.prepare('SELECT hash FROM ops_tokens').all() as { hash: string }[];
      expect(stored).toHaveLength(1);
      expect(stored[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0]!.hash).not.toContain(created.token);

      expect(runTokensCli(['revoke', '--name', 'ana', '--db', db], {}, io)).toBe(0);
      expect((await call(h.url, 'GET', '/v1/whoami', created.token)).status).toBe(401);
      expect(runTokensCli(['revoke', '--name', 'ana', '--db', db], {}, io)).toBe(1);
      expect(err.pop()).toContain('no active token named "ana"');
      expect(runTokensCli(['create', '--name', 'x', '--scopes', 'stats', '--db', db], {}, io)).toBe(2);
      expect(err.pop()).toContain('unknown scope "stats"');
      expect(runTokensCli(['create', '--scopes', 'stats:read', '--db', db], {}, io)).toBe(2);
      expect(err.pop()).toContain('--name is required');
      await h.close();
    } finally {
      tmp.remove();
    }
  }, 30_000);
});
