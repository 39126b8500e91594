// Property-based fuzzing of the collector batch on the real server: random and hostile bodies
// (deep nesting, huge strings, prototype keys, wrong types, duplicate ids, bad gzip, random bytes)
// never crash it, every answer is typed — a 2xx with counts or the documented error shape — and
// what is stored changes only by the events a 200 accepted.
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openSqlite } from '../src/db.js';
import { closeAll, type Harness, startServer, tempDir } from './helpers.js';

const temp = tempDir();
let h: Harness;
let db: Database;

beforeAll(async () => {
  h = await startServer({ db: join(temp.dir, 'onair.db'), collectorLimits: null });
  db = openSqlite(join(temp.dir, 'events.db'));
});
afterAll(async () => {
  db.close();
  await closeAll();
  temp.remove();
});

/** A small pool, so ids repeat within batches and across runs. */
const ids = Array.from(
  { length: 40 },
  (_, i) => `0190a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
);
const RESERVED = ['__proto__', 'constructor', 'prototype'];

/** A valid envelope v1 (EVENTS.md)… */
const envelope = fc.record(
  {
    v: fc.constant(1),
    id: fc.constantFrom(...ids),
    type: fc.constantFrom('poll.vote', 'product.click', 'session.start'),
    ts: fc.nat(),
    seq: fc.nat({ max: 1000 }),
    session: fc.constantFrom('s-1', '0190a000-0000-7000-8000-000000000001'),
    viewer: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
    room: fc.constantFrom('r1', 'room-2'),
    widget: fc.record(
      { kind: fc.constantFrom('poll', 'product-card'), id: fc.constantFrom('w1') },
      { requiredKeys: ['kind'] },
    ),
    props: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
    sampleRate: fc.double({ min: 0.01, max: 1, noNaN: true }),
  },
  { requiredKeys: ['v', 'id', 'type', 'ts', 'seq', 'session', 'viewer'] },
);

/** …with up to two fields replaced by any JSON value, removed, or joined by an unknown one. */
const mutated = fc
  .tuple(
    envelope,
    fc.array(
      fc.tuple(
        fc.constantFrom(
          'v',
          'id',
          'type',
          'ts',
          'seq',
          'session',
          'viewer',
          'room',
          'widget',
          'props',
          'sampleRate',
          'extra',
        ),
        fc.option(fc.jsonValue({ maxDepth: 2 })),
      ),
      { maxLength: 2 },
    ),
  )
  .map(([e, changes]) => {
    const out: Record<string, unknown> = { ...e };
    for (const [key, value] of changes)
      if (value === null) delete out[key];
      else out[key] = value;
    return out;
  });

/** Text-level changes JSON.stringify cannot make: prototype keys, extreme nesting, huge strings. */
const hostility = fc.oneof(
  { weight: 4, arbitrary: fc.constant((text: string) => text) },
  fc.tuple(fc.constantFrom(...RESERVED), fc.boolean()).map(
    ([key, inProps]) =>
      (text: string) =>
        inProps && text.includes('"props":{')
          ? text.replace('"props":{', `"props":{"${key}":{"polluted":true},`)
          : text.replace('{', `{"${key}":{"polluted":true},`),
  ),
  fc
    .integer({ min: 10, max: 30_000 })
    .map(
      (depth) => (text: string) =>
        text.replace('{', `{"props":{"a":${'['.repeat(depth)}${']'.repeat(depth)}},`),
    ),
  fc
    .integer({ min: 1_000, max: 300_000 })
    .map((length) => (text: string) => text.replace('{', `{"viewer":"${'x'.repeat(length)}",`)),
  fc.jsonValue().map((value) => () => JSON.stringify(value) ?? 'null'),
);

const event = fc.tuple(mutated, hostility).map(([e, change]) => change(JSON.stringify(e)));

const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.oneof({ weight: 8, arbitrary: fc.nat() }, fc.constant('now')),
        fc.array(event, { minLength: 0, maxLength: 12 }),
      )
      .map(([sentAt, events]) => `{"sentAt":${JSON.stringify(sentAt)},"events":[${events.join(',')}]}`),
  },
  fc.json(),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.integer({ min: 1, max: 60_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.constant(`{"sentAt":1,"events":[${Array.from({ length: 1001 }, () => '{}').join(',')}]}`),
  fc.integer({ min: 1_048_577, max: 1_200_000 }).map((n) => `{"pad":"${'x'.repeat(n)}"}`),
);

const request = fc.record({ body, encoding: fc.constantFrom('plain', 'plain', 'gzip', 'broken-gzip') });

const ERROR_CODES = ['bad_json', 'bad_batch', 'too_deep', 'body_too_large', 'bad_encoding'];

type Row = Record<string, unknown>;
const snapshot = () =>
  new Map((db.prepare('SELECT * FROM telemetry_events').all() as Row[]).map((row) => [row['id'], row]));

it('every batch gets a typed answer and changes only what a 200 accepted', async () => {
  let runs = 0;
  let stored = 0;
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(request, async ({ body: text, encoding }) => {
      runs += 1;
      const before = snapshot();
      const payload =
        encoding === 'gzip'
          ? new Uint8Array(gzipSync(text))
          : encoding === 'broken-gzip'
            ? new Uint8Array(gzipSync(text).subarray(0, 12))
            : text;
      const res = await fetch(`${h.url}/v1/events${encoding === 'plain' ? '' : '?enc=gzip'}`, {
        method: 'POST',
        body: payload,
      });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const answer = (await res.json()) as Record<string, unknown>;
      const after = snapshot();
      // Rows stored before are never changed, by any answer.
      for (const [id, row] of before) expect(after.get(id)).toEqual(row);
      if (res.status === 200) {
        const { accepted, duplicate, rejected, errors } = answer as {
          accepted: number;
          duplicate: number;
          rejected: number;
          errors: { index: number; path: string; message: string }[];
        };
        const sent = (JSON.parse(text) as { events: unknown[] }).events;
        expect(accepted + duplicate + rejected).toBe(sent.length);
        expect(after.size - before.size).toBe(accepted);
        stored += accepted;
        expect(errors.length).toBeLessThanOrEqual(100);
        for (const e of errors) {
          expect(e.index).toBeLessThan(sent.length);
          expect(typeof e.path === 'string' && typeof e.message === 'string').toBe(true);
        }
        // Every new row is an event of this batch, its props stored exactly as sent.
        const sentProps = new Map<unknown, string[]>();
        for (const e of sent as { id?: unknown; props?: unknown }[])
          if (e && typeof e === 'object')
            sentProps.set(e.id, [...(sentProps.get(e.id) ?? []), JSON.stringify(e.props ?? null)]);
        for (const [id, row] of after)
          if (!before.has(id)) expect(sentProps.get(id)).toContain(String(row['props'] ?? 'null'));
      } else {
        expect([400, 413]).toContain(res.status);
        const { error } = answer as { error: { code: string; message: string; path?: string } };
        expect(ERROR_CODES).toContain(error.code);
        expect(typeof error.message).toBe('string');
        if (error.path !== undefined) expect(typeof error.path).toBe('string');
        expect(after.size).toBe(before.size);
      }
    }),
    { numRuns: 150 },
  );
  console.log(
    `collector fuzz: ${runs} bodies, answers by status ${JSON.stringify(statuses)}, ${stored} events stored`,
  );
  // The runs reached every kind of answer, and the server still serves.
  expect(Object.keys(statuses).sort()).toEqual(['200', '400', '413']);
  expect(stored).toBeGreaterThan(0);
  expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
}, 120_000);
