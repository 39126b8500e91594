// The collector plugin on a bare Fastify app with its own SQLite file (written by the collector's
// thread, read here through a second connection), over real loopback HTTP.
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/app.js';
import { collectorPlugin, type IngestResult } from '../src/collector/index.js';
import { type Database, openSqlite } from '../src/db.js';
import { errorAnswerOptions, installErrorAnswers } from '../src/errors.js';
import { closeAll, OPS_TOKEN, startServer, tempDir } from './helpers.js';

const ORIGIN = 'https://shop.example';
let base: string;
let db: Database;
let clock = 1_000_000;
const app = Fastify(errorAnswerOptions);
const ingests: IngestResult[] = [];
const temp = tempDir();

beforeAll(async () => {
  installErrorAnswers(app);
  const file = `${temp.dir}/events.db`;
  await app.register(collectorPlugin, {
    file,
    corsOrigins: [ORIGIN],
    maxBodyBytes: 64 * 1024,
    limits: null,
    now: () => clock,
    onIngest: (r) => ingests.push(r),
  });
  db = openSqlite(file);
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app.close();
  db.close();
  temp.remove();
});
beforeEach(() => {
  db.exec('DELETE FROM telemetry_events');
  ingests.length = 0;
});

let counter = 0;
const uuid = () => `0190a000-0000-7000-8000-${(counter++).toString(16).padStart(12, '0')}`;
const event = (over: Record<string, unknown> = {}) => ({
  v: 1,
  id: uuid(),
  type: 'poll.vote',
  ts: 900_000,
  seq: 0,
  session: '0190a000-0000-7000-8000-ffffffffffff',
  viewer: 'viewer-1',
  room: 'room-1',
  widget: { kind: 'poll', id: 'p1' },
  props: { option: 1 },
  ...over,
});

const post = (body: unknown, init: RequestInit = {}, query = '') =>
  fetch(`${base}/v1/events${query}`, {
    method: 'POST',
    body: (typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)) as BodyInit,
    ...init,
  });

describe('POST /v1/events', () => {
  it('stores a text/plain batch, corrects clock skew with sentAt, and counts', async () => {
    // The viewer's clock runs 100 s behind: sentAt 900_050 arrives at server time 1_000_050.
    clock = 1_000_050;
    const events = [event(), event({ type: 'product.click', seq: 1, ts: 900_010, props: undefined })];
    const res = await post({ sentAt: 900_050, events });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual({ accepted: 2, duplicate: 0, rejected: 0, errors: [] });
    const rows = db.prepare('SELECT * FROM telemetry_events ORDER BY seq').all() as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      id: events[0]?.id,
      type: 'poll.vote',
      ts: 900_000,
      ts_corrected: 1_000_000,
      received_at: 1_000_050,
      room: 'room-1',
      widget_kind: 'poll',
      widget_id: 'p1',
      viewer: 'viewer-1',
      seq: 0,
      sample_rate: 1,
      props: '{"option":1}',
    });
    expect(rows[1]).toMatchObject({ ts_corrected: 1_000_010, props: null, widget_kind: 'poll' });
  });

  it('dedupes by id, across batches and inside one', async () => {
    const a = event();
    const b = event();
    expect(await (await post({ sentAt: clock, events: [a, b] })).json()).toMatchObject({
      accepted: 2,
      duplicate: 0,
    });
    expect(await (await post({ sentAt: clock, events: [a, b, a] })).json()).toMatchObject({
      accepted: 0,
      duplicate: 3,
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get()).toEqual({ n: 2 });
    expect(ingests).toEqual([
      { accepted: 2, duplicate: 0, rejected: 0 },
      { accepted: 0, duplicate: 3, rejected: 0 },
    ]);
  });

  it('keeps the valid events of a mixed batch and explains each rejection', async () => {
    const good = event();
    const res = await post({
      sentAt: clock,
      events: [
        event({ v: 2 }),
        good,
        event({ type: 'Poll Vote' }),
        { ...event(), extra: 1 },
        event({ id: 'not-a-uuid' }),
        event({ widget: { id: 'w' } }),
        event({ sampleRate: 0 }),
        'nope',
      ],
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      accepted: number;
      rejected: number;
      errors: Record<string, unknown>[];
    };
    expect(json.accepted).toBe(1);
    expect(json.rejected).toBe(7);
    expect(json.errors.map((e) => [e.index, e.path])).toEqual([
      [0, 'v'],
      [2, 'type'],
      [3, 'extra'],
      [4, 'id'],
      [5, 'widget.kind'],
      [6, 'sampleRate'],
      [7, ''],
    ]);
    expect(json.errors[2]).toMatchObject({ message: 'extra: unknown field' });
    expect(json.errors[3]).toMatchObject({ id: 'not-a-uuid', message: 'id: expected a UUID' });
    expect(json.errors[4]).toMatchObject({ message: 'widget.kind: is required' });
    expect(db.prepare('SELECT id FROM telemetry_events').all()).toEqual([{ id: good.id }]);
  });

  it('answers 400 with reasons for a body that is not a batch', async () => {
    const bad = await post('{oops');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_json' }, accepted: 0 });
    const empty = await post({ sentAt: clock, events: [] });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('events');
    const noSentAt = await post({ events: [event()] });
    expect(((await noSentAt.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'sentAt: is required',
    );
  });

  it('accepts gzip by ?enc=gzip (CORS-simple) and by Content-Encoding, and bodies of any type', async () => {
    const zipped = (events: unknown[]) => new Uint8Array(gzipSync(JSON.stringify({ sentAt: clock, events })));
    const a = await post(zipped([event()]), { headers: { 'content-type': 'text/plain' } }, '?enc=gzip');
    expect(await a.json()).toMatchObject({ accepted: 1 });
    const b = await post(zipped([event()]), {
      headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' },
    });
    expect(await b.json()).toMatchObject({ accepted: 1 });
    const c = await post(JSON.stringify({ sentAt: clock, events: [event()] }), {
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(await c.json()).toMatchObject({ accepted: 1 });
    const broken = await post('not gzip', {}, '?enc=gzip');
    expect(broken.status).toBe(400);
  });

  it('caps the body at maxBodyBytes, before and after gunzip, with CORS headers on the 413', async () => {
    const pad = 'x'.repeat(7000);
    const big = { sentAt: clock, events: Array.from({ length: 12 }, () => event({ props: { pad } })) };
    const raw = await post(big, { headers: { origin: ORIGIN } });
    expect(raw.status).toBe(413);
    expect(raw.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // ~84 KB of JSON gzips to ~1 KB: the inflated size is what counts.
    const bomb = await post(new Uint8Array(gzipSync(JSON.stringify(big))), {}, '?enc=gzip');
    expect(bomb.status).toBe(413);
    expect(db.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get()).toEqual({ n: 0 });
  });
});

describe('CORS', () => {
  it('echoes an allowed origin on a simple request and exposes Retry-After', async () => {
    const res = await post({ sentAt: clock, events: [event()] }, { headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('refuses other origins and stores nothing', async () => {
    const res = await post(
      { sentAt: clock, events: [event()] },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get()).toEqual({ n: 0 });
  });

  it('answers a preflight for non-simple senders', async () => {
    const res = await fetch(`${base}/v1/events`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, content-encoding');
  });
});

describe('GET /v1/events/stats', () => {
  it('counts by type, per room or overall', async () => {
    await post({
      sentAt: clock,
      events: [event(), event(), event({ type: 'product.click' }), event({ room: 'room-2' })],
    });
    expect(await (await fetch(`${base}/v1/events/stats?room=room-1`)).json()).toEqual({
      room: 'room-1',
      total: 3,
      byType: { 'poll.vote': 2, 'product.click': 1 },
    });
    expect(await (await fetch(`${base}/v1/events/stats`)).json()).toMatchObject({ room: null, total: 4 });
  });
});

describe('hostile bodies', () => {
  const rows = () => (db.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get() as { n: number }).n;
  /** A batch whose events' props are raw JSON text (what JSON.stringify could not write). */
  const withRawProps = (...props: string[]) =>
    props.reduce(
      (body, raw, i) => body.replace(`"§${i}"`, raw),
      JSON.stringify({ sentAt: clock, events: props.map((_, i) => event({ props: `§${i}` })) }),
    );

  it('props nesting 20,000 levels: 400 too_deep naming where, fast, nothing stored', async () => {
    const body = withRawProps('{"ok":1}', `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    const started = performance.now();
    const res = await post(body);
    const ms = performance.now() - started;
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; path: string; message: string } };
    expect(json.error.code).toBe('too_deep');
    expect(json.error.path).toMatch(/^events\[1\]\.props\.a(\[0\]){15}$/);
    expect(json.error.message).toContain('props may nest 16 levels');
    expect(ms).toBeLessThan(2_000);
    expect(rows()).toBe(0);
    // Anywhere in the body, not only in props: a bare array nesting 30,000 levels.
    const bare = await post(`${'['.repeat(30_000)}${']'.repeat(30_000)}`);
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({
      error: { code: 'too_deep', path: expect.stringMatching(/^(\[0\]){19}$/) },
    });
  });

  it('props as deep as allowed are stored', async () => {
    let props: Record<string, unknown> = { leaf: 1 };
    for (let i = 1; i < 16; i++) props = { a: props };
    expect(await (await post({ sentAt: clock, events: [event({ props })] })).json()).toMatchObject({
      accepted: 1,
    });
  });

  it('refuses __proto__, constructor and prototype keys in props with a named error, and keeps the rest', async () => {
    const body = withRawProps(
      '{"option":1}',
      '{"__proto__":{"x":1}}',
      '{"a":{"constructor":1}}',
      '{"list":[{"prototype":2}]}',
    );
    const json = (await (await post(body)).json()) as {
      accepted: number;
      rejected: number;
      errors: { index: number; path: string; message: string }[];
    };
    expect(json).toMatchObject({ accepted: 1, rejected: 3 });
    expect(json.errors.map((e) => [e.index, e.path])).toEqual([
      [1, 'props.__proto__'],
      [2, 'props.a.constructor'],
      [3, 'props.list[0].prototype'],
    ]);
    expect(json.errors[0]!.message).toBe('props.__proto__: a reserved name cannot be a key');
    expect(db.prepare('SELECT props FROM telemetry_events').all()).toEqual([{ props: '{"option":1}' }]);
  });

  it('refuses props that are not a plain object (an array was stored as {"0": …})', async () => {
    const json = (await (
      await post({ sentAt: clock, events: [event({ props: [1, 2] }), event({ props: 'x' })] })
    ).json()) as { accepted: number; errors: { path: string; message: string }[] };
    expect(json.accepted).toBe(0);
    expect(json.errors.map((e) => e.message)).toEqual([
      'props: expected an object',
      'props: expected an object',
    ]);
  });

  it('counts every rejected event, even past the 100 error entries it explains', async () => {
    const json = (await (
      await post({ sentAt: clock, events: [event(), ...Array.from({ length: 150 }, () => event({ v: 2 }))] })
    ).json()) as { accepted: number; rejected: number; errors: unknown[] };
    expect(json).toMatchObject({ accepted: 1, rejected: 150 });
    expect(json.errors).toHaveLength(100);
  });
});

describe('in the server: a file and a thread of its own', () => {
  afterEach(closeAll);

  it('stores events in events.db next to the live file, never in the live file', async () => {
    const dir = join(temp.dir, 'server');
    const h = await startServer({ db: join(dir, 'onair.db') });
    const res = await fetch(`${h.url}/v1/events`, {
      method: 'POST',
      body: JSON.stringify({ sentAt: Date.now(), events: [event(), event({ type: 'product.click' })] }),
    });
    expect(await res.json()).toMatchObject({ accepted: 2 });
    const events = openSqlite(join(dir, 'events.db'));
    expect(events.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get()).toEqual({ n: 2 });
    events.close();
    const live = h.server.db.prepare("SELECT name FROM sqlite_master WHERE name = 'telemetry_events'");
    expect(live.get()).toBeUndefined();
    expect(await h.ops('GET', '/v1/events/stats')).toMatchObject({
      status: 200,
      body: { total: 2, byType: { 'poll.vote': 1, 'product.click': 1 } },
    });
  });

  it('refuses the live file as its own', () => {
    const file = join(temp.dir, 'same.db');
    expect(() => createServer({ opsToken: OPS_TOKEN, db: file, collectorDb: file })).toThrow(
      "the collector's file must not be the live database",
    );
  });
});
