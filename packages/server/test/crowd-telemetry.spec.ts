// The simulated crowd with its pages' telemetry (what `pnpm dev` runs) fills every section of the
// Stats API — so every chart of the console's dashboard — within a minute: real server, real
// sockets through the live channel, real posts to the collector, a room set up through the ops API
// as ops (or the demo's first start) would.
import { afterEach, expect, it } from 'vitest';
import { closeAll, POLL, startServer } from './helpers.js';
import { emptySections } from './stats-sections.js';

afterEach(closeAll);

const SURVEY = {
  id: 'feedback',
  title: 'How was the show?',
  questions: [
    { id: 'q1', type: 'yesno', title: 'Did you like it?' },
    { id: 'q2', type: 'rating', title: 'Rate the host' },
    { id: 'q3', type: 'text', title: 'Anything else?' },
  ],
};
const product = (id: string, amount: number) => ({
  product: id,
  config: {
    id,
    title: id,
    image: 'https://shop.example.com/p.png',
    price: { amount, currency: 'CNY' },
    stock: 1000,
  },
});

it('fills every Stats API section within a minute', async () => {
  const h = await startServer({ collectorLimits: null, gifts: { startingBalance: 1_000_000 } });
  const started = Date.now();
  for (const [method, path, body] of [
    ['POST', '/v1/rooms/show/polls?open=true', POLL],
    ['POST', '/v1/rooms/show/commands/product.put', product('lipstick', 12_900)],
    ['POST', '/v1/rooms/show/commands/product.put', product('serum', 25_900)],
    ['POST', '/v1/rooms/show/commands/product.pin', { product: 'lipstick' }],
    ['POST', '/v1/rooms/show/commands/product.pin', { product: 'serum' }],
    [
      'POST',
      '/v1/rooms/show/commands/gift.catalog',
      {
        catalog: {
          categories: [
            {
              id: 'hot',
              name: 'Hot',
              gifts: [
                { id: 'rose', name: 'Rose', price: 1, icon: 'rose' },
                { id: 'cake', name: 'Cake', price: 99, icon: 'cake' },
              ],
            },
          ],
        },
      },
    ],
    ['POST', '/v1/rooms/show/surveys?open=true', SURVEY],
  ] as const) {
    const res = await h.ops(method, path, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  }
  const crowd = await h.ops('POST', '/v1/rooms/show/crowd', {
    viewers: 120,
    votesPerSecond: 20,
    telemetry: true,
    telemetryStepsPerSecond: 300,
  });
  expect(crowd.status).toBe(202);
  expect(crowd.body.crowd.telemetry).toEqual({ stepsPerSecond: 300, accepted: 0, rejected: 0 });

  const from = Math.floor(started / 60_000) * 60_000;
  const to = from + 5 * 60_000;
  let left: string[] = ['(not asked yet)'];
  while (left.length > 0 && Date.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const res = await h.ops('GET', `/v1/stats/rooms/show?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    left = emptySections(res.body);
  }
  expect(left, 'sections still empty after a minute').toEqual([]);
  const info = await h.ops('GET', '/v1/rooms/show');
  expect(info.body.crowd.telemetry.accepted).toBeGreaterThan(100);
  expect(info.body.crowd.telemetry.rejected).toBe(0); // every event as EVENTS.md defines it
}, 90_000);
