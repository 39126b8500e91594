// The Stats API against a hand-written show: twelve viewers in room `show`, six minutes, posted as
// each viewer's page would post them, over loopback HTTP into the real server with its events file.
// Every expected figure below is worked out by hand from the table of events, with the arithmetic
// in a comment: none comes from the code under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeClock,
  fakeClock,
  type Harness,
  type Json,
  OPS_TOKEN,
  startServer,
  tempDir,
} from './helpers.js';

const T0 = Date.UTC(2026, 11, 1, 20, 0); // 20:00 UTC: minute 0 of the show
const MIN = 60_000;
const DAY = 86_400_000;
const at = (minute: number, second: number) => T0 + minute * MIN + second * 1000;
const W1 = T0 - 5 * MIN; // `lip` pinned at 19:55, before the range
const W2 = T0 + 4 * MIN; // `gloss` pinned at 20:04
const RANGE = `from=${T0}&to=${T0 + 6 * MIN}`; // minutes 0–5

interface Ev {
  type: string;
  ts: number;
  props?: Record<string, unknown>;
  sampleRate?: number;
  campaign?: string;
  widget?: { kind: string; id?: string };
}

const ev = (type: string, ts: number, props?: Record<string, unknown>, more: Partial<Ev> = {}): Ev => ({
  type,
  ts,
  ...(props ? { props } : {}),
  ...more,
});
const lip = (window: number | null = W1) => ({
  product: 'lip',
  position: 1,
  pinned: window !== null,
  window,
});
const gloss = (window: number | null = W2) => ({
  product: 'gloss',
  position: 1,
  pinned: window !== null,
  window,
});
const beat = (ts: number, dwell: number) => ev('session.heartbeat', ts, { dwell });
const coins = (ts: number, value: number, more: Partial<Ev> = {}) =>
  ev('gift.send', ts, { gift: 'rose', quantity: 1, value, currency: 'COIN' }, more);
const order = (ts: number, id: string) =>
  ev('order.placed', ts, { order: id, amount: 12_900, currency: 'CNY', products: ['lip'] });
const exposure = (ts: number, variation: string) =>
  ev('experiment.exposure', ts, { experiment: 'cart', variation });

/** The show, viewer by viewer (minute, second). */
const SHOW: Record<string, Ev[]> = {
  v01: [
    ev('session.start', at(0, 0)),
    ev('viewer.region', at(0, 1), { region: 'CN-31' }),
    exposure(at(0, 2), 'control'),
    ev('product.impression', at(0, 10), lip()),
    ev('product.click', at(0, 20), lip()),
    ev('product.add_to_cart', at(0, 30), lip()),
    ev('poll.vote', at(0, 40), { poll: 'p1', choice: ['red'] }),
    beat(at(1, 0), 60_000),
    order(at(1, 10), 'o1'),
    beat(at(2, 0), 60_000),
    coins(at(3, 5), 100),
    beat(T0 - 3 * DAY, 15_000), // an earlier show
  ],
  v02: [
    ev('session.start', at(0, 3)),
    ev('viewer.region', at(0, 4), { region: 'CN-31' }),
    exposure(at(0, 5), 'control'),
    ev('product.impression', at(0, 12), lip()),
    ev('product.impression', at(0, 13), gloss(null)), // on the shelf, not pinned
    ev('product.click', at(0, 22), lip()),
    ev('product.add_to_cart', at(0, 32), lip()),
    beat(at(1, 0), 30_000),
    coins(at(3, 10), 100),
    ev('poll.vote', at(3, 40), { poll: 'p1', choice: ['blue'] }),
    ev('viewer.region', at(3, 50), { region: 'CN-11' }), // moved: the latest region counts
    beat(T0 - 20 * DAY, 15_000),
  ],
  v03: [
    ev('session.start', at(0, 6)),
    ev('viewer.region', at(0, 7), { region: 'SG' }),
    exposure(at(0, 8), 'big'),
    ev('product.impression', at(0, 14), lip()),
    ev('product.click', at(0, 24), lip()),
    ev('product.add_to_cart', at(0, 34), lip()),
    ev('poll.vote', at(0, 44), { poll: 'p1', choice: ['red', 'blue'] }),
    order(at(1, 20), 'o3'),
    beat(at(2, 0), 90_000),
    coins(at(3, 15), 5_000, { campaign: 'spring', widget: { kind: 'gift-panel', id: 'gift-panel-1' } }),
    beat(T0 - 40 * DAY, 15_000),
  ],
  v04: [
    ev('session.start', at(0, 9)),
    exposure(at(0, 10), 'big'),
    ev('product.impression', at(0, 16), lip()),
    ev('product.add_to_cart', at(0, 36), lip()), // never clicked: not "add to cart" in the funnel
    coins(at(0, 58), 10),
    beat(at(1, 0), 20_000),
    order(at(1, 30), 'o4'),
    beat(T0 - 7 * DAY, 15_000), // exactly 7 days before `from`: inside the 7-day look-back
  ],
  v05: [
    ev('session.start', at(0, 12)),
    ev('viewer.region', at(0, 13), { region: 'SG' }),
    exposure(at(0, 14), 'control'),
    beat(at(4, 0), 40_000),
    ev('product.impression', at(4, 10), gloss()),
    ev('product.click', at(4, 20), gloss()),
    ev('product.add_to_cart', at(4, 30), gloss()),
    coins(at(5, 0), 10),
    beat(T0 - 7 * DAY - 1000, 15_000), // a second too early for the 7-day look-back
  ],
  v06: [
    ev('product.click', at(0, 50), lip()), // before their session start
    order(at(0, 55), 'o6'), // before their exposure
    ev('session.start', at(1, 0)),
    exposure(at(1, 5), 'big'),
    ev('product.add_to_cart', at(1, 10), lip()),
    coins(at(1, 30), 20),
    beat(at(2, 0), 10_000),
  ],
  v07: [
    ev('session.start', at(0, 30)),
    ev('product.impression', at(0, 35), lip()),
    ev('survey.start', at(0, 40), { survey: 'sv', pages: 2, questions: 2 }),
    ev('survey.answer', at(0, 40), { survey: 'sv', question: 'q1', type: 'single' }),
    ev('survey.answer', at(0, 50), { survey: 'sv', question: 'q2', type: 'yesno' }),
    ev('survey.submit', at(0, 55), { survey: 'sv', answered: 2, durationMs: 15_000 }),
    ev('product.impression', at(4, 5), gloss()),
  ],
  v08: [
    ev('session.start', at(0, 35)),
    ev('survey.start', at(1, 0), { survey: 'sv', pages: 2, questions: 2 }),
    ev('survey.answer', at(1, 0), { survey: 'sv', question: 'q1', type: 'single' }),
  ],
  v09: [
    ev('session.start', at(0, 40)),
    ev('survey.start', at(1, 5), { survey: 'sv', pages: 2, questions: 2 }),
    ev('survey.answer', at(1, 5), { survey: 'sv', question: 'q1', type: 'single' }),
    ev('survey.answer', at(1, 15), { survey: 'sv', question: 'q2', type: 'yesno' }),
    ev('chat.message', at(2, 0), { text: '口红 颜色 好看 love this lipstick' }),
    coins(at(2, 40), 10),
  ],
  v10: [
    ev('session.start', at(0, 45)),
    beat(at(1, 0), 60_000),
    ev('player.stall', at(3, 0), { durationMs: 1_500 }),
    ev('player.stall', at(3, 20), { durationMs: 500 }),
  ],
  v11: [
    ev('session.start', T0 - 2 * MIN), // joined before the range
    beat(at(2, 0), 45_000),
    ev('chat.message', at(2, 20), { text: '口红多少钱' }, { sampleRate: 0.5 }),
    ev('game.answer', at(3, 20), { game: 'g1', question: 'q1', choice: 'a' }),
    ev('product.impression', at(3, 30), lip()),
  ],
  v12: [
    ev('session.start', at(0, 50)),
    ev('poll.vote', at(0, 55), { poll: 'p1', choice: ['red'] }, { sampleRate: 0.5 }),
    ev('chat.message', at(2, 30), { text: 'Love the lipstick, 2 colors!' }),
  ],
  v13: [
    ev('session.start', T0 + 6 * MIN), // at `to`: outside [from, to)
    beat(T0 + 7 * MIN, 60_000),
    beat(T0 - DAY, 15_000),
  ],
};

let h: Harness;
let clock: FakeClock;
let counter = 0;
const temp = tempDir();

/** One viewer's page posts its events; `skewMs` is how far the viewer's clock is off. */
async function postViewer(viewer: string, events: Ev[], skewMs = 0, ids?: string[]) {
  const envelopes = events.map((e, seq) => ({
    v: 1,
    id: ids?.[seq] ?? `0190a000-0000-7000-8000-${(counter++).toString(16).padStart(12, '0')}`,
    seq,
    session: `0190b000-0000-7000-8000-${viewer.slice(1).padStart(12, '0')}`,
    viewer,
    room: 'show',
    ...e,
    ts: e.ts + skewMs,
  }));
  const res = await fetch(`${h.url}/v1/events`, {
    method: 'POST',
    body: JSON.stringify({ sentAt: clock.now() + skewMs, events: envelopes }),
  });
  expect(res.status).toBe(200);
  return { body: (await res.json()) as Json, ids: envelopes.map((e) => e.id) };
}

const stats = async (query: string, room = 'show', token: string | null = OPS_TOKEN) => {
  const res = await fetch(`${h.url}/v1/stats/rooms/${room}?${query}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as Json };
};

const sent: Record<string, string[]> = {};

beforeAll(async () => {
  clock = fakeClock(T0 + DAY);
  h = await startServer({ db: `${temp.dir}/onair.db`, clock, collectorLimits: null });
  for (const [viewer, events] of Object.entries(SHOW)) {
    // v09's clock runs an hour behind: their stamps are off, `sentAt` corrects them.
    const { body, ids } = await postViewer(viewer, events, viewer === 'v09' ? -3_600_000 : 0);
    expect(body).toMatchObject({ accepted: events.length, duplicate: 0, rejected: 0 });
    sent[viewer] = ids;
  }
});
afterAll(async () => {
  await h.close();
  temp.remove();
});

describe('GET /v1/stats/rooms/:room on the hand-made show', () => {
  let d: Json;
  beforeAll(async () => {
    // Every page sends everything again (a retry after a lost answer): nothing may count twice.
    for (const [viewer, events] of Object.entries(SHOW)) {
      const { body } = await postViewer(viewer, events, viewer === 'v09' ? -3_600_000 : 0, sent[viewer]);
      expect(body).toMatchObject({ accepted: 0, duplicate: events.length });
    }
    const res = await stats(RANGE);
    expect(res.status).toBe(200);
    d = res.body;
  });

  it('counts viewers and participants', () => {
    // v01–v12 have events in [20:00, 20:06); v13's come at 20:06 and later.
    expect(d.viewers).toBe(12);
    // Interactions: v01–v06 (clicks, carts, gifts, votes), v07–v09 (survey answers, a gift),
    // v11 (a quiz answer, a chat message), v12 (a vote at rate 0.5 and a chat message at rate 1:
    // the highest rate, 1, weighs them once). v10 only watched and stalled. 11 ÷ 12 = 0.91666…
    expect(d.participants).toBe(11);
    expect(d.participationRate).toBe(0.9167);
    expect(d.participantsEstimated).toBe(false);
  });

  it('tallies polls, re-weighting sampled votes', () => {
    // p1: v01 red, v02 blue, v03 red+blue, v12 red at rate 0.5 (counts 2).
    // votes 1 + 1 + 1 + 2 = 5; voters 3 + 2 = 5; red 1 + 1 + 2 = 4; blue 1 + 1 = 2.
    expect(d.polls).toEqual({
      polls: [
        {
          poll: 'p1',
          votes: 5,
          voters: 5,
          options: [
            { option: 'red', votes: 4 },
            { option: 'blue', votes: 2 },
          ],
          optionsLeftOut: 0,
          estimated: true,
        },
      ],
      pollsLeftOut: 0,
    });
  });

  it('gives survey completion and drop-off per question', () => {
    // Starters v07, v08, v09; submitter v07: 1 ÷ 3 = 0.3333. q1 answered by v07, v08, v09; q2 by
    // v07, v09. Last answers: v07 q2 (submitted, not a drop-off), v08 q1, v09 q2.
    expect(d.surveys).toEqual({
      surveys: [
        {
          survey: 'sv',
          starters: 3,
          submitters: 1,
          completion: 0.3333,
          questions: [
            { question: 'q1', answered: 3, dropOff: 1 },
            { question: 'q2', answered: 2, dropOff: 1 },
          ],
          questionsLeftOut: 0,
          estimated: false,
        },
      ],
      surveysLeftOut: 0,
    });
  });

  it('gives CTR per product and per presentation window', () => {
    // lip: impressions v01, v02, v03, v04, v07, v11 (6); clicks v01, v02, v03, v06 (4): 4 ÷ 6.
    // All in window W1; its last event is v11's impression at 20:03:30.
    // gloss: impressions v02 (unpinned), v05, v07 (3); click v05: 1 ÷ 3. In W2: v05, v07: 1 ÷ 2.
    expect(d.products).toEqual({
      products: [
        {
          product: 'lip',
          impressed: 6,
          clickers: 4,
          ctr: 0.6667,
          windows: [{ pinnedAt: W1, lastSeenAt: at(3, 30), impressed: 6, clickers: 4, ctr: 0.6667 }],
          windowsLeftOut: 0,
          estimated: false,
        },
        {
          product: 'gloss',
          impressed: 3,
          clickers: 1,
          ctr: 0.3333,
          windows: [{ pinnedAt: W2, lastSeenAt: at(4, 20), impressed: 2, clickers: 1, ctr: 0.5 }],
          windowsLeftOut: 0,
          estimated: false,
        },
      ],
      productsLeftOut: 0,
    });
  });

  it('counts the ordered funnel', () => {
    // watch: session.start in range: v01–v10, v12 (v11 started before): 11.
    // click after start: v01, v02, v03, v05 (v06 clicked before starting): 4 → 4 ÷ 11 = 0.3636.
    // cart after click: v01, v02, v03, v05 (v04 carted without a click): 4 → 1.
    // order after cart: v01, v03 (v04's order follows no click): 2 → 0.5.
    expect(d.funnel).toEqual({
      steps: [
        { step: 'watch', viewers: 11, conversion: null, leak: null },
        { step: 'click', viewers: 4, conversion: 0.3636, leak: 0.6364 },
        { step: 'add_to_cart', viewers: 4, conversion: 1, leak: 0 },
        { step: 'order', viewers: 2, conversion: 0.5, leak: 0.5 },
      ],
      estimated: false,
    });
  });

  it('finds gift peaks and says what was live', () => {
    const m = (minute: number) => Math.floor(at(minute, 0) / MIN);
    // Minute values 0–5: 10 (v04), 20 (v06), 10 (v09), 100 + 100 + 5000 = 5200, 0, 10 (v05).
    // Sorted 0, 10, 10, 10, 20, 5200: median 10. Deviations 0, 10, 0, 5190, 10, 0 → sorted
    // 0, 0, 0, 10, 10, 5190: MAD 5. Threshold 10 + 3 × max(5, 1) = 25: only minute 3.
    // At 20:03: lip's window W1 runs to 20:03:30, p1 got v02's vote, g1 v11's answer, and v03's
    // gift came from the `spring` campaign's gift-panel-1.
    expect(d.gifts).toEqual({
      series: [
        {
          currency: 'COIN',
          count: 7,
          value: 5250,
          minutes: [
            { minute: m(0), count: 1, value: 10 },
            { minute: m(1), count: 1, value: 20 },
            { minute: m(2), count: 1, value: 10 },
            { minute: m(3), count: 3, value: 5200 },
            { minute: m(5), count: 1, value: 10 },
          ],
          threshold: 25,
          peaks: [
            {
              minute: m(3),
              count: 3,
              value: 5200,
              live: {
                pinnedProducts: ['lip'],
                polls: ['p1'],
                surveys: [],
                games: ['g1'],
                campaignItems: ['spring/gift-panel-1'],
              },
            },
          ],
          estimated: false,
        },
      ],
      seriesLeftOut: 0,
    });
  });

  it('gives dwell, returning viewers and regions', () => {
    // Dwell per viewer: v01 60000 + 60000, v02 30000, v03 90000, v04 20000, v05 40000, v06 10000,
    // v10 60000, v11 45000 — 8 viewers, sum 415000, mean 51875; sorted, the middle two are 40000
    // and 45000: median 42500. (Heartbeats before the range do not count.)
    expect(d.dwell).toEqual({ viewers: 8, meanMs: 51_875, medianMs: 42_500, estimated: false });
    // Seen in the 7 days before 20:00: v01 (3 days), v04 (exactly 7 days), v11 (their session began
    // at 19:58) — 3 ÷ 12. In the 30 days: also v02 (20 days) and v05 (7 days and a second); not v03
    // (40 days) — 5 ÷ 12 = 0.41666….
    expect(d.returning).toEqual({
      days7: { viewers: 3, share: 0.25 },
      days30: { viewers: 5, share: 0.4167 },
    });
    // Latest region: v01 CN-31, v02 CN-11 (moved from CN-31), v03 SG, v05 SG; 8 without one.
    expect(d.regions).toEqual({
      regions: [
        { region: 'SG', viewers: 2, share: 0.1667 },
        { region: 'CN-11', viewers: 1, share: 0.0833 },
        { region: 'CN-31', viewers: 1, share: 0.0833 },
      ],
      regionsLeftOut: 0,
      unknown: 8,
    });
  });

  it('counts chat per minute and its keywords', () => {
    // Messages at 20:02: v09, v11 (rate 0.5: 2), v12 — 4.
    // Words: v09 口红 颜色 好看 love lipstick ("this" is a stop word); v11 口红 多少钱, twice each;
    // v12 love lipstick colors ("the" a stop word, "2" digits). 口红 1 + 2; lipstick 2; love 2;
    // 多少钱 2; colors, 好看, 颜色 1. Ties in code-unit order.
    expect(d.chat).toEqual({
      messages: 4,
      minutes: [{ minute: Math.floor(at(2, 0) / MIN), messages: 4 }],
      keywords: [
        { word: '口红', count: 3 },
        { word: 'lipstick', count: 2 },
        { word: 'love', count: 2 },
        { word: '多少钱', count: 2 },
        { word: 'colors', count: 1 },
        { word: '好看', count: 1 },
        { word: '颜色', count: 1 },
      ],
      wordsCapped: false,
      estimated: true,
    });
  });

  it('sets stalls against the change in concurrent viewers', () => {
    // Minute 3: v01, v02, v03, v10, v11 (5); minute 2: v01, v03, v06, v09, v11, v12 (6).
    expect(d.incidents).toEqual({
      minutes: [
        {
          minute: Math.floor(at(3, 0) / MIN),
          stalls: 2,
          stalledMs: 2000,
          viewers: 5,
          viewersBefore: 6,
          change: -1,
        },
      ],
      stalls: 2,
      estimated: false,
    });
  });

  it('compares experiment variations with Wilson intervals and checks the sample ratio', () => {
    // control: v01, v02, v05 exposed; v01 ordered after: 1 ÷ 3. big: v03, v04, v06; v03 and v04
    // ordered after exposure, v06 before it: 2 ÷ 3. Wilson 95 % (z = 1.95996): for 1/3, center
    // (1/3 + z²/6) / (1 + z²/3) = 0.42692, half 0.36543 → [0.0615, 0.7923]; for 2/3 → [0.2077, 0.9385].
    // Newcombe: 1/3 − √((2/3 − 0.2077)² + (0.7923 − 1/3)²) = −0.3158; 1/3 + √((0.9385 − 2/3)² +
    // (1/3 − 0.0615)²) = 0.7178. Exposed 3 and 3 at equal weights: χ² = 0, p = 1.
    expect(d.experiments).toEqual({
      goal: 'order.placed',
      experiments: [
        {
          experiment: 'cart',
          control: 'control',
          variations: [
            {
              variation: 'big',
              exposed: 3,
              converted: 2,
              rate: 0.6667,
              interval: { low: 0.2077, high: 0.9385 },
              difference: { value: 0.3333, interval: { low: -0.3158, high: 0.7178 } },
            },
            {
              variation: 'control',
              exposed: 3,
              converted: 1,
              rate: 0.3333,
              interval: { low: 0.0615, high: 0.7923 },
              difference: null,
            },
          ],
          variationsLeftOut: 0,
          srm: { weights: { big: 1, control: 1 }, chiSquare: 0, p: 1 },
          estimated: false,
        },
      ],
      experimentsLeftOut: 0,
    });
  });

  it('tests the sample ratio against given weights', async () => {
    // Expected 6 × 2/3 = 4 big and 2 control: χ² = (3 − 4)²/4 + (3 − 2)²/2 = 0.75; with 1 degree of
    // freedom p = erfc(√(0.75 / 2)) = 0.38648.
    const { body } = await stats(`${RANGE}&weights=control:1,big:2`);
    expect(body.experiments.experiments[0].srm).toEqual({
      weights: { big: 2, control: 1 },
      chiSquare: 0.75,
      p: 0.3865,
    });
  });

  it('keeps to one campaign when asked', async () => {
    // Only v03's gift carries campaign `spring`.
    const { body } = await stats(`${RANGE}&campaign=spring`);
    expect(body).toMatchObject({ viewers: 1, participants: 1, participationRate: 1, campaign: 'spring' });
    expect(body.gifts.series[0]).toMatchObject({ count: 1, value: 5000 });
    expect(body.funnel.steps[0]).toMatchObject({ step: 'watch', viewers: 0 });
  });

  it('answers an empty range with zeros and nulls', async () => {
    const { status, body } = await stats(`from=${T0 + 60 * MIN}&to=${T0 + 70 * MIN}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      viewers: 0,
      participants: 0,
      participationRate: null,
      polls: { polls: [] },
      surveys: { surveys: [] },
      products: { products: [] },
      gifts: { series: [] },
      dwell: { viewers: 0, meanMs: null, medianMs: null },
      returning: { days7: { viewers: 0, share: null }, days30: { viewers: 0, share: null } },
      regions: { regions: [], unknown: 0 },
      chat: { messages: 0, minutes: [], keywords: [] },
      incidents: { minutes: [], stalls: 0 },
      experiments: { experiments: [] },
    });
    expect(body.funnel.steps.map((s: Json) => s.viewers)).toEqual([0, 0, 0, 0]);
  });
});

describe('GET /v1/stats/rooms/:room: access, checks, CSV', () => {
  it('needs the ops token', async () => {
    expect(await stats(RANGE, 'show', null)).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized' } },
    });
    expect(await stats(RANGE, 'show', 'wrong-token-0123456789')).toMatchObject({ status: 401 });
  });

  it('names the field that is wrong', async () => {
    const cases: [string, string, string][] = [
      ['to=1', 'from', 'from: is required'],
      [`from=${T0}`, 'to', 'to: is required'],
      [`from=${T0}&to=${T0}`, 'to', 'to: expected a time after from'],
      [`from=${T0}&to=${T0 + 32 * DAY}`, 'to', 'to: expected a range of at most 31 days'],
      [`from=${T0 + 1}&to=${T0 + MIN}`, 'from', 'from: expected a whole minute'],
      [`from=abc&to=${T0}`, 'from', 'from: expected a whole number'],
      [`${RANGE}&campaign=`, 'campaign', 'campaign: expected a string of 1–128 characters'],
      [`${RANGE}&goal=Not%20A%20Type`, 'goal', 'goal: expected an event type'],
      [`${RANGE}&weights=control:0`, 'weights', 'weights: expected weights above 0'],
      [`${RANGE}&weights=control`, 'weights', 'weights: expected <variation>:<weight>'],
      [`${RANGE}&from=${T0}`, 'from', 'from: expected one value'],
      [`${RANGE}&colour=red`, 'colour', 'colour: unknown field'],
    ];
    for (const [query, path, message] of cases) {
      const { status, body } = await stats(query);
      expect({ query, status, code: body.error.code, path: body.error.path }).toEqual({
        query,
        status: 400,
        code: 'invalid_query',
        path,
      });
      expect(body.error.message).toContain(message);
    }
  });

  it('exports a section as CSV, formulas defused', async () => {
    // A host that writes what a viewer typed into `region`, and a poll option id that looks like a formula.
    await postViewer('x1', [
      ev('viewer.region', at(0, 0), { region: '=HYPERLINK("http://evil.example","click")' }),
      ev('poll.vote', at(0, 1), { poll: 'p9', choice: ['@SUM(A1)'] }),
    ]);
    const res = await fetch(`${h.url}/v1/stats/rooms/show/regions.csv?${RANGE}`, {
      headers: { authorization: `Bearer ${OPS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="show-regions-${T0}-${T0 + 6 * MIN}.csv"`,
    );
    // 13 viewers now: SG 2 ÷ 13 = 0.1538; the others 1 ÷ 13 = 0.0769; v04, v06–v12 without one: 8.
    expect(await res.text()).toBe(
      [
        'region,viewers,share',
        'SG,2,0.1538',
        `"'=HYPERLINK(""http://evil.example"",""click"")",1,0.0769`,
        'CN-11,1,0.0769',
        'CN-31,1,0.0769',
        'unknown,8,',
        '',
      ].join('\r\n'),
    );
    const polls = await fetch(`${h.url}/v1/stats/rooms/show/polls.csv?${RANGE}`, {
      headers: { authorization: `Bearer ${OPS_TOKEN}` },
    });
    expect(await polls.text()).toContain("p9,'@SUM(A1),1,1,1,false");
  });

  it('answers a preflight from an allowed ops page, and refuses other pages', async () => {
    const ops = await startServer({ corsOrigins: ['https://ops.example'] });
    const preflight = (origin: string) =>
      fetch(`${ops.url}/v1/stats/rooms/show/funnel.csv`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight('https://ops.example');
    expect(allowed.status).toBe(204);
    expect(Object.fromEntries(allowed.headers)).toMatchObject({
      'access-control-allow-origin': 'https://ops.example',
      'access-control-allow-methods': 'GET',
      'access-control-allow-headers': 'authorization',
    });
    expect((await preflight('https://evil.example')).status).toBe(403);
    await ops.close();
  });

  it('refuses an unknown section', async () => {
    const res = await fetch(`${h.url}/v1/stats/rooms/show/secrets.csv?${RANGE}`, {
      headers: { authorization: `Bearer ${OPS_TOKEN}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found', path: 'section' } });
  });
});
