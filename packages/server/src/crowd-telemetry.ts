/**
 * The simulated crowd's telemetry: what each crowd viewer's page would send to the collector —
 * session start, region, an experiment exposure, heartbeats, product impressions, clicks, carts and
 * host-reported orders on the pinned products, survey starts, answers, drop-offs and submits on the
 * open surveys, chat messages, a player stall now and then, and the votes and gifts the crowd casts
 * through the live channel. Posted in batches to this server's own `POST /v1/events`, so the
 * collector validates, dedupes and stores them exactly as real pages' events; every section of the
 * Stats API, and every chart of the console's dashboard, fills within a minute.
 *
 * Follows the room as the crowd's first socket sees it (`follow()`): products only while pinned,
 * surveys only while open. Bounded: at most `MAX_STEPS_PER_SECOND` viewer steps a second, at most
 * `MAX_BATCH` events a post, one post in flight.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Change } from '@onair/core/protocol.js';

export const CROWD_TELEMETRY = { stepsPerSecond: 20, maxStepsPerSecond: 500, maxBatch: 1000 };
/** One simulated stall per this many ms of crowd time, at most. */
const STALL_EVERY_MS = 40_000;
const BEAT_MS = 15_000;
const REGIONS = ['CN-31', 'CN-11', 'CN-44', 'CN-33', 'CN-51', 'CN-32', 'HK', 'TW', 'SG', 'US-CA'];
// Phrases whose words Intl.Segmenter keeps whole, so the keyword chart reads as words.
const CHAT = [
  '这个颜色好看',
  '口红颜色 推荐',
  '价格 优惠 还有吗',
  '期待 口红',
  '精华 适合 什么 皮肤',
  '质地 好看',
  '想要 这个 颜色',
  'lipstick looks great',
  'how long does the serum last',
  'great deal',
  'scarf colour please',
  'love this colour',
];
const EXPERIMENT = 'demo-promo-label';

interface Viewer {
  id: string;
  session: string;
  seq: number;
  variation: 'control' | 'b';
  started: boolean;
  lastBeat: number;
  /** Product journey per presentation window: 1 impressed, 2 clicked, 3 carted, 4 ordered, -1 left. */
  journey: Map<string, number>;
  /** Survey progress: the next question's index; -1 when done or dropped. */
  surveys: Map<string, number>;
}

interface Envelope {
  v: 1;
  id: string;
  type: string;
  ts: number;
  seq: number;
  session: string;
  viewer: string;
  room: string;
  variant?: string;
  props?: Record<string, unknown>;
}

/** UUIDv7-shaped ids: the collector dedupes on them and wants a UUID. */
function uuid7(now: number): string {
  const hex = now.toString(16).padStart(12, '0').slice(-12);
  const rest = randomUUID().slice(14);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${rest.slice(1)}`;
}

export interface CrowdTelemetryDeps {
  room: string;
  /** `http://…/v1/events` of this server, or null before it listens. */
  endpoint(): string | null;
  now(): number;
  random?: () => number;
}

export class CrowdTelemetry {
  readonly stepsPerSecond: number;
  /** Events the collector accepted, and rejected (none should be: the test holds it). */
  sent = 0;
  rejected = 0;
  private readonly viewers: Viewer[] = [];
  private readonly deps: CrowdTelemetryDeps;
  private readonly random: () => number;
  private readonly queue: Envelope[] = [];
  private budget = 0;
  private posting = false;
  private lastStall: number;
  /** Pinned product → its window (pinnedAt). */
  private pinned = new Map<string, number>();
  private prices = new Map<string, { amount: number; currency: string }>();
  /** Open survey → its question ids in order. */
  private surveys = new Map<string, string[]>();

  constructor(deps: CrowdTelemetryDeps, stepsPerSecond = CROWD_TELEMETRY.stepsPerSecond) {
    this.deps = deps;
    this.random = deps.random ?? Math.random;
    this.stepsPerSecond = Math.min(stepsPerSecond, CROWD_TELEMETRY.maxStepsPerSecond);
    // The first stall comes soon, so a short run shows one too.
    this.lastStall = deps.now() - STALL_EVERY_MS + 5_000;
  }

  /** Follows pins, products and surveys from a snapshot's state (or part) or a delta's changes. */
  follow(state: Record<string, Record<string, unknown>> | null, changes: Change[] = []): void {
    if (state) {
      for (const [coll, records] of Object.entries(state))
        for (const [id, value] of Object.entries(records)) this.record(coll, id, value);
    }
    for (const change of changes) this.record(change.coll, change.id, change.value ?? null);
  }

  private record(coll: string, id: string, value: unknown): void {
    if (coll === 'pins' && value && typeof value === 'object') {
      const pins = value as { productIds?: string[]; since?: Record<string, number> };
      this.pinned = new Map((pins.productIds ?? []).map((p) => [p, pins.since?.[p] ?? this.deps.now()]));
    } else if (coll === 'products') {
      const price = (value as { price?: { amount: number; currency: string } } | null)?.price;
      if (price) this.prices.set(id, price);
      else this.prices.delete(id);
    } else if (coll === 'surveys') {
      const survey = value as { status?: string; pages?: { questions?: { id: string }[] }[] } | null;
      if (survey?.status === 'open')
        this.surveys.set(
          id,
          (survey.pages ?? []).flatMap((page) => (page.questions ?? []).map((q) => q.id)),
        );
      else this.surveys.delete(id);
    }
  }

  /** A viewer the crowd connected (its index is the crowd's socket index). */
  join(index: number, viewerId: string): void {
    this.viewers[index] = {
      id: viewerId,
      session: uuid7(this.deps.now()),
      seq: 0,
      variation: this.random() < 0.5 ? 'control' : 'b',
      started: false,
      lastBeat: this.deps.now(),
      journey: new Map(),
      surveys: new Map(),
    };
  }

  /** What the page of viewer `index` sends after a vote the crowd cast through the live channel. */
  voted(index: number, poll: string, choice: string[]): void {
    this.track(index, 'poll.vote', {
      poll,
      choice,
      count: 1,
      kind: choice.length > 1 ? 'multiple' : 'single',
      quiz: false,
    });
  }

  /** … and after a gift it sent (`value` = price × quantity, in the catalog's coins). */
  gave(index: number, gift: string, quantity: number, value: number, comboId: string): void {
    this.track(index, 'gift.send', { gift, quantity, value, currency: 'COIN', comboId, comboCount: 1 });
  }

  /** Advances this tick's viewer steps and posts what is queued. */
  tick(tickMs: number): void {
    this.budget = Math.min(this.budget + (this.stepsPerSecond * tickMs) / 1000, this.stepsPerSecond);
    const live = this.viewers.filter(Boolean);
    while (this.budget >= 1 && live.length > 0) {
      this.budget -= 1;
      this.step(this.viewers.indexOf(live[Math.floor(this.random() * live.length)]!));
    }
    void this.flush();
  }

  private step(index: number): void {
    const viewer = this.viewers[index]!;
    const now = this.deps.now();
    if (!viewer.started) {
      viewer.started = true;
      this.track(index, 'session.start', { path: '/' });
      this.track(index, 'viewer.region', { region: REGIONS[Math.floor(this.random() * REGIONS.length)]! });
      this.track(index, 'experiment.exposure', { experiment: EXPERIMENT, variation: viewer.variation });
      return;
    }
    if (now - viewer.lastBeat >= BEAT_MS) {
      this.track(index, 'session.heartbeat', { dwell: Math.min(now - viewer.lastBeat, 60_000) });
      viewer.lastBeat = now;
      return;
    }
    if (now - this.lastStall >= STALL_EVERY_MS) {
      this.lastStall = now;
      this.track(index, 'player.stall', { durationMs: 800 + Math.floor(this.random() * 4000) });
      return;
    }
    const r = this.random();
    if (r < 0.5 && this.pinned.size > 0) this.shop(index, viewer);
    else if (r < 0.75 && this.surveys.size > 0) this.answer(index, viewer);
    else if (r < 0.95)
      this.track(index, 'chat.message', { text: CHAT[Math.floor(this.random() * CHAT.length)]! });
  }

  /** One step along watch → impression → click → cart → order on a pinned product. */
  private shop(index: number, viewer: Viewer): void {
    const pinned = [...this.pinned];
    const [product, window] = pinned[Math.floor(this.random() * pinned.length)]!;
    const key = `${product}@${window}`;
    const stage = viewer.journey.get(key) ?? 0;
    const props = { product, position: 1, pinned: true, window };
    // Variation b (another promotion label) converts a little better: the comparison has a story.
    const lift = viewer.variation === 'b' ? 1.4 : 1;
    const price = this.prices.get(product) ?? { amount: 9900, currency: 'CNY' };
    // Each step is decided once: a viewer who does not click now never will in this window (-1).
    const next = (chance: number) => this.random() < Math.min(1, chance * lift);
    if (stage === 0) {
      this.track(index, 'product.impression', {
        ...props,
        surface: 'card',
        visibleRatio: 0.5,
        afterMs: 1000,
      });
      viewer.journey.set(key, 1);
    } else if (stage === 1) {
      if (!next(0.25)) return void viewer.journey.set(key, -1);
      this.track(index, 'product.click', { ...props, action: 'add_to_cart' });
      viewer.journey.set(key, 2);
    } else if (stage === 2) {
      if (!next(0.5)) return void viewer.journey.set(key, -1);
      this.track(index, 'product.add_to_cart', {
        ...props,
        variant: null,
        quantity: 1,
        price: price.amount,
        currency: price.currency,
      });
      viewer.journey.set(key, 3);
    } else if (stage === 3) {
      if (!next(0.5)) return void viewer.journey.set(key, -1);
      const order = `crowd-${randomBytes(6).toString('hex')}`;
      this.track(index, 'order.placed', {
        order,
        amount: price.amount,
        currency: price.currency,
        products: [product],
      });
      viewer.journey.set(key, 4);
    }
  }

  /** One step through an open survey: start and first answer, the next answer, a drop or the submit. */
  private answer(index: number, viewer: Viewer): void {
    const open = [...this.surveys];
    const [survey, questions] = open[Math.floor(this.random() * open.length)]!;
    const at = viewer.surveys.get(survey) ?? 0;
    if (at < 0 || questions.length === 0) return;
    if (at === 0) this.track(index, 'survey.start', { survey, pages: 1, questions: questions.length });
    else if (this.random() < 0.2) {
      // Leaves: the page reports the abandon with the last question answered.
      this.track(index, 'survey.abandon', { survey, question: questions[at - 1]!, page: 1 });
      viewer.surveys.set(survey, -1);
      return;
    }
    if (at < questions.length) {
      this.track(index, 'survey.answer', { survey, question: questions[at]!, type: 'single' });
      viewer.surveys.set(survey, at + 1);
    } else {
      this.track(index, 'survey.submit', { survey, answered: questions.length, durationMs: 20_000 });
      viewer.surveys.set(survey, -1);
    }
  }

  private track(index: number, type: string, props: Record<string, unknown>): void {
    const viewer = this.viewers[index];
    if (!viewer || this.queue.length >= CROWD_TELEMETRY.maxBatch * 4) return;
    const now = this.deps.now();
    this.queue.push({
      v: 1,
      id: uuid7(now),
      type,
      ts: now,
      seq: viewer.seq++,
      session: viewer.session,
      viewer: viewer.id,
      room: this.deps.room,
      variant: viewer.variation,
      props,
    });
  }

  private async flush(): Promise<void> {
    const endpoint = this.deps.endpoint();
    if (this.posting || this.queue.length === 0 || !endpoint) return;
    this.posting = true;
    const events = this.queue.splice(0, CROWD_TELEMETRY.maxBatch);
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ sentAt: this.deps.now(), events }),
      });
      if (res.ok) {
        const answer = (await res.json()) as { accepted?: number; rejected?: number };
        this.sent += answer.accepted ?? 0;
        this.rejected += answer.rejected ?? 0;
      }
      // Refused (rate limit, busy): these are dropped, as a page under pressure would after retries.
      else await res.body?.cancel();
    } catch {
      // The server is stopping.
    } finally {
      this.posting = false;
    }
  }
}
