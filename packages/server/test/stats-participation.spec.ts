// Participation over time (`participationMinutes`, STATS.md): four viewers over three minutes,
// posted into the real server; every figure worked out by hand below.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type FakeClock,
  fakeClock,
  type Harness,
  type Json,
  OPS_TOKEN,
  startServer,
  tempDir,
} from './helpers.js';

const T0 = Date.UTC(2026, 11, 2, 20, 0);
const M0 = T0 / 60_000;
const at = (minute: number, second: number) => T0 + minute * 60_000 + second * 1000;

let h: Harness;
let clock: FakeClock;
let counter = 0;
const temp = tempDir();

async function post(
  viewer: string,
  events: { type: string; ts: number; props?: object; sampleRate?: number }[],
) {
  const envelopes = events.map((e, seq) => ({
    v: 1,
    id: `0190c000-0000-7000-8000-${(counter++).toString(16).padStart(12, '0')}`,
    seq,
    session: `0190d000-0000-7000-8000-${viewer.charCodeAt(0).toString(16).padStart(12, '0')}`,
    viewer,
    room: 'pm',
    ...e,
  }));
  const res = await fetch(`${h.url}/v1/events`, {
    method: 'POST',
    body: JSON.stringify({ sentAt: clock.now(), events: envelopes }),
  });
  expect(((await res.json()) as Json).accepted).toBe(events.length);
}

beforeAll(async () => {
  clock = fakeClock(T0 + 3_600_000);
  h = await startServer({ db: `${temp.dir}/onair.db`, clock, collectorLimits: null });
  await post('a', [
    { type: 'session.start', ts: at(0, 0), props: { path: '/' } },
    { type: 'poll.vote', ts: at(0, 30), props: { poll: 'p1', choice: ['x'] } },
    { type: 'chat.message', ts: at(2, 10), props: { text: 'hello' } },
  ]);
  await post('b', [
    { type: 'session.start', ts: at(0, 5), props: { path: '/' } },
    { type: 'session.heartbeat', ts: at(1, 0), props: { dwell: 55_000 } },
    {
      type: 'gift.send',
      ts: at(1, 20),
      props: { gift: 'rose', quantity: 1, value: 100, currency: 'COIN' },
      sampleRate: 0.5,
    },
  ]);
  await post('c', [
    { type: 'session.start', ts: at(1, 0), props: { path: '/' } },
    {
      type: 'product.impression',
      ts: at(1, 5),
      props: { product: 'lip', position: 1, pinned: true, window: T0 },
    },
    {
      type: 'product.click',
      ts: at(1, 10),
      props: { product: 'lip', position: 1, pinned: true, window: T0 },
    },
    {
      type: 'product.add_to_cart',
      ts: at(1, 15),
      props: { product: 'lip', position: 1, pinned: true, window: T0 },
    },
  ]);
  await post('d', [
    { type: 'session.start', ts: at(2, 0), props: { path: '/' } },
    { type: 'chat.message', ts: at(2, 30), props: { text: 'hi' } },
    { type: 'chat.message', ts: at(2, 40), props: { text: 'hi again' } },
  ]);
});
afterAll(async () => {
  await h.close();
  temp.remove();
});

const get = (path: string) => fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } });

it('counts viewers and participants per minute', async () => {
  const res = await get(`/v1/stats/rooms/pm?from=${T0}&to=${T0 + 5 * 60_000}`);
  const d = (await res.json()) as Json;
  // Minute 0: a and b are there (session starts); a voted → 1 participant.
  // Minute 1: b (heartbeat, gift sampled at 0.5, so b weighs 2) and c (impression, click, cart):
  //           2 viewers, 2 + 1 = 3 participants (an estimate, as the total says).
  // Minute 2: a and d chat: 2 viewers, 2 participants. Minutes 3 and 4 have no interaction.
  expect(d.participationMinutes).toEqual([
    { minute: M0, viewers: 2, participants: 1 },
    { minute: M0 + 1, viewers: 2, participants: 3 },
    { minute: M0 + 2, viewers: 2, participants: 2 },
  ]);
  // The total: a, b (×2), c, d = 5 of 4 viewers; estimated because of b's gift.
  expect(d.participants).toBe(5);
  expect(d.participantsEstimated).toBe(true);
});

it('exports them as CSV', async () => {
  const res = await get(`/v1/stats/rooms/pm/participation-minutes.csv?from=${T0}&to=${T0 + 5 * 60_000}`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(
    'minute,viewers,participants\r\n' +
      '2026-12-02T20:00:00.000Z,2,1\r\n' +
      '2026-12-02T20:01:00.000Z,2,3\r\n' +
      '2026-12-02T20:02:00.000Z,2,2\r\n',
  );
});

it('is empty for an empty range', async () => {
  const d = (await (
    await get(`/v1/stats/rooms/pm?from=${T0 + 3_600_000}&to=${T0 + 3_660_000}`)
  ).json()) as Json;
  expect(d.participationMinutes).toEqual([]);
});
