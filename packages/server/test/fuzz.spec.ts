// Property-based fuzzing of the live channel and the ops routes with fast-check: whatever a client
// sends — any frame type with any fields, any JSON, any text — the server stays up, answers only
// with frames a client can decode (errors carry a code and a message), and input it refuses
// changes nothing. Every ops route gets any body and answers in the documented error shape.
import { decodeServerFrame } from '@onair/core/protocol.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { serverFeatures } from '../src/features.js';
import { credentialOf, type Harness, OPS_TOKEN, POLL, startServer } from './helpers.js';

const ROOM = 'fuzz';
const features = serverFeatures({ gifts: {} });
const ACTIONS = features.flatMap((f) => Object.keys(f.actions ?? {}));
const COMMANDS = features.flatMap((f) => Object.keys(f.ops ?? {}));
const QUERIES = features.flatMap((f) => Object.keys(f.queries ?? {}));

/** Names that reach an object's prototype, and strings that are nearly right. */
const nasty = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'p1',
  'red',
  ROOM,
  'x'.repeat(300),
  '\u0000',
  '\u202e',
  '💥',
);
const key = fc.oneof(fc.string({ maxLength: 12 }), nasty);
/** Any JSON value, with keys that reach a prototype among the others. */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 20 }),
    nasty,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;
/** A payload shaped like a real one (a vote, a gift, a product) with any values, or anything. */
const payload = fc.oneof(
  fc.record(
    {
      poll: fc.oneof(fc.constant('p1'), json),
      choice: fc.oneof(fc.constant(['red']), fc.array(fc.oneof(nasty, json), { maxLength: 3 }), json),
      gift: fc.oneof(fc.constant('rose'), json),
      count: fc.oneof(fc.integer({ min: -2, max: 100_000 }), json),
      product: fc.oneof(fc.constant('lip'), json),
      extra: json,
    },
    { requiredKeys: [] },
  ),
  json,
);

/** Every client frame type with any fields, plus whatever else a client might send. */
const clientFrame: fc.Arbitrary<string> = fc.oneof(
  fc
    .record(
      {
        t: fc.constant('hello'),
        v: fc.oneof(fc.constant(1), json),
        room: fc.oneof(fc.constant(ROOM), json),
        credential: fc.oneof(fc.constant(credentialOf('fuzz')), json),
        token: json,
      },
      { requiredKeys: ['t'] },
    )
    .map((f) => JSON.stringify(f)),
  fc
    .record(
      {
        t: fc.constant('action'),
        key: fc.oneof(fc.uuid(), json),
        name: fc.oneof(fc.constantFrom(...ACTIONS), nasty, json),
        payload,
      },
      { requiredKeys: ['t'] },
    )
    .map((f) => JSON.stringify(f)),
  fc
    .record({ t: fc.constantFrom('resync', 'ping'), seq: json }, { requiredKeys: ['t'] })
    .map((f) => JSON.stringify(f)),
  fc.record({ t: fc.oneof(nasty, json), key: json }).map((f) => JSON.stringify(f)),
  json.map((v) => JSON.stringify(v) ?? 'null'),
  // Prototype keys as raw JSON text, which JSON.stringify of an object cannot produce.
  fc.constantFrom(
    `{"t":"action","key":"k1","name":"poll.vote","payload":{"__proto__":{"poll":"p1"},"choice":["red"]}}`,
    `{"__proto__":{"t":"ping"}}`,
    `{"t":"action","key":"__proto__","name":"poll.vote","payload":{"poll":"p1","choice":["red"]}}`,
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ minLength: 16_000, maxLength: 17_000 }),
);

let h: Harness;

/** The room as ops see it and what the fuzzing viewer holds of their own. */
async function roomState(): Promise<unknown> {
  const room = await h.ops('GET', `/v1/rooms/${ROOM}`);
  const wallet = await h.ops('POST', `/v1/rooms/${ROOM}/queries/gift.wallet`, { viewer: 'v-fuzz' });
  return { state: room.body.state, wallet: wallet.body };
}

/** Opens a connection that says hello, sends `frames`, and collects every answer as raw text. */
async function converse(frames: string[]): Promise<{ raw: string[]; closed: boolean }> {
  const ws = new WebSocket(`${h.liveUrl}?room=${ROOM}`);
  const raw: string[] = [];
  let closed = false;
  ws.on('message', (data) => raw.push(String(data)));
  ws.on('close', () => {
    closed = true;
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ t: 'hello', v: 1, room: ROOM, credential: credentialOf('fuzz') }));
  for (const frame of frames) ws.send(frame);
  ws.send('{"t":"ping"}');
  const deadline = Date.now() + 3_000;
  while (!closed && !raw.some((r) => r.startsWith('{"t":"pong"')) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  ws.terminate();
  return { raw, closed };
}

beforeAll(async () => {
  h = await startServer({
    limits: {
      connectionFrames: { rate: 10_000, burst: 10_000 },
      viewerActions: { rate: 10_000, burst: 10_000 },
    },
  });
  await h.ops('POST', `/v1/rooms/${ROOM}/polls?open=true`, POLL);
  await h.ops('PUT', `/v1/rooms/${ROOM}/products/lip`, {
    title: 'Lipstick',
    price: { amount: 12_900, currency: 'CNY' },
    stock: 5,
  });
});
afterAll(() => h.close());

describe('fuzzing the live channel', () => {
  it('answers any client frames with decodable frames, stays up, and refused input changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(clientFrame, { minLength: 1, maxLength: 8 }), async (frames) => {
        const before = await roomState();
        const { raw } = await converse(frames);
        const decoded = raw.map((text) => decodeServerFrame(text));
        for (const [i, result] of decoded.entries()) {
          expect(result.ok, raw[i]).toBe(true);
          if (!result.ok) continue;
          const frame = result.frame;
          if (frame.t === 'error' || (frame.t === 'ack' && !frame.ok)) {
            const error = frame.t === 'error' ? frame : frame.error;
            expect(error.code).toMatch(/^[a-z_]+$/);
            expect(error.code).not.toBe('internal_error');
            expect(error.message.length).toBeGreaterThan(0);
          }
        }
        const accepted = decoded.some((d) => d.ok && d.frame.t === 'ack' && d.frame.ok);
        if (!accepted) expect(await roomState()).toEqual(before);
        expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});

/** Every ops route with its method and a concrete path, params filled by the fuzzer. */
const routes = features.flatMap((f) =>
  [...Object.values(f.ops ?? {}), ...Object.values(f.queries ?? {})]
    .map((entry) => entry.http)
    .filter((http) => http !== undefined),
);

describe('fuzzing the ops routes', () => {
  it('answers any body on every route with a result or {error: {code, message}}, never a 500', async () => {
    const route = fc.oneof(
      fc.constantFrom(...COMMANDS).map((name) => ({ method: 'POST', path: `/commands/${name}` })),
      fc.constantFrom(...QUERIES).map((name) => ({ method: 'POST', path: `/queries/${name}` })),
      fc.constantFrom(...routes).map(({ method, path }) => ({ method, path })),
      nasty.map((name) => ({ method: 'POST', path: `/commands/${encodeURIComponent(name)}` })),
    );
    const param = fc.oneof(fc.constantFrom('p1', 'lip', 'red'), nasty, fc.string({ maxLength: 10 }));
    const body = fc.oneof(
      json.map((v) => JSON.stringify(v) ?? 'null'),
      fc.constantFrom('{"__proto__":{"id":"p9"}}', '{"constructor":{"prototype":{}}}', '{', '[]', ''),
    );
    await fc.assert(
      fc.asyncProperty(route, param, body, async ({ method, path }, value, text) => {
        const url = `${h.url}/v1/rooms/${ROOM}${path.replace(/:\w+/g, encodeURIComponent(value) || 'x')}`;
        const before = await roomState();
        const res = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${OPS_TOKEN}`, 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : text,
        });
        const answer = await res.json();
        expect(res.status, `${method} ${url} ${text}`).not.toBe(500);
        if (res.status >= 400) {
          expect(answer, `${method} ${url} ${text}`).toMatchObject({
            error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) },
          });
          expect(await roomState()).toEqual(before);
        }
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});
