// A synthetic two-hour live show for the stats benchmark: `total` events from about total ÷ 200
// viewers in one room,
// each staying 30–60 min and sending what a page sends (session start, a heartbeat every 15 s,
// impressions, clicks, carts, votes, survey answers, gifts, chat) plus host events (orders,
// stalls, region, exposures). Heartbeats dominate, as in a real room: after each one a viewer
// does something else with a chance of 11.7 % (impression 4 %, chat 3 %, click 1.5 %, gift 1 %,
// vote 0.8 %, cart 0.5 %, survey answer 0.5 %, order 0.2 %, stall 0.2 %). Deterministic (seeded).
import type { CollectedEvent } from '../src/collector/schema.js';

export const SHOW_START = Date.UTC(2026, 11, 1, 12, 0, 0);
export const SHOW_MS = 2 * 3_600_000;
export const ROOM = 'bench-room';

/** Mulberry32: small, seeded, good enough to spread a benchmark's events. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CHAT = [
  '这个口红颜色太好看了',
  '主播今天好漂亮',
  'love this lipstick',
  '多少钱？',
  'the shipping is fast',
  '想要这个色号',
  '已下单',
  'how long does it last',
];

/** Calls `emit` with batches of up to 1,000 events until about `total` events were made. */
export function generateShow(total: number, emit: (events: CollectedEvent[]) => void): number {
  const random = seeded(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let batch: CollectedEvent[] = [];
  let made = 0;
  let counter = 0;
  const push = (event: Omit<CollectedEvent, 'v' | 'id' | 'room'>) => {
    const n = counter++;
    batch.push({
      v: 1,
      id: `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`,
      room: ROOM,
      ...event,
    } as CollectedEvent);
    made++;
    if (batch.length === 1000) {
      emit(batch);
      batch = [];
    }
  };
  const products = ['lip', 'gloss', 'mascara', 'serum', 'toner'];
  const regions = ['CN-31', 'CN-11', 'CN-44', 'SG', 'US-CA'];
  for (let v = 0; made < total; v++) {
    const viewer = `viewer-${v}`;
    const session = `0190b000-0000-7000-8000-${v.toString(16).padStart(12, '0')}`;
    const variant = v % 2 === 0 ? 'control' : 'big-button';
    const start = SHOW_START + Math.floor(random() * (SHOW_MS - 3_600_000));
    const stay = 1_800_000 + Math.floor(random() * 1_800_000);
    let seq = 0;
    const at = (offset: number) => ({ ts: start + offset, seq: seq++, session, viewer });
    push({ type: 'session.start', ...at(0), props: { path: '/live' } });
    push({ type: 'viewer.region', ...at(1), props: { region: pick(regions) } });
    push({
      type: 'experiment.exposure',
      ...at(2),
      variant,
      props: { experiment: 'cart-button', variation: variant },
    });
    for (let t = 15_000; t <= stay && made < total; t += 15_000) {
      push({ type: 'session.heartbeat', ...at(t), props: { dwell: 15_000 } });
      const roll = random();
      const product = pick(products);
      const window = SHOW_START + products.indexOf(product) * 1_200_000;
      const card = { product, position: 1, pinned: true, window };
      if (roll < 0.04)
        push({
          type: 'product.impression',
          ...at(t + 1),
          widget: { kind: 'product-card' },
          props: { ...card, surface: 'card' },
        });
      else if (roll < 0.055)
        push({
          type: 'product.click',
          ...at(t + 2),
          widget: { kind: 'product-card' },
          props: { ...card, action: 'title' },
        });
      else if (roll < 0.06)
        push({
          type: 'product.add_to_cart',
          ...at(t + 3),
          widget: { kind: 'product-card' },
          props: { ...card, variant: 'std', quantity: 1, price: 12_900, currency: 'CNY' },
        });
      else if (roll < 0.062)
        push({
          type: 'order.placed',
          ...at(t + 4),
          props: { order: `o-${v}-${t}`, amount: 12_900, currency: 'CNY', products: [product] },
        });
      // One phrase or two: 72 distinct texts, repeated as bullet comments are.
      else if (roll < 0.092)
        push({
          type: 'chat.message',
          ...at(t + 5),
          props: { text: random() < 0.5 ? pick(CHAT) : `${pick(CHAT)} ${pick(CHAT)}` },
        });
      else if (roll < 0.102)
        push({
          type: 'gift.send',
          ...at(t + 6),
          widget: { kind: 'gift-panel' },
          props: {
            gift: 'rose',
            quantity: 1,
            value: 10,
            currency: 'COIN',
            comboId: `c-${v}-${t}`,
            comboCount: 1,
          },
        });
      else if (roll < 0.11)
        push({
          type: 'poll.vote',
          ...at(t + 7),
          widget: { kind: 'poll', id: 'p1' },
          props: { poll: 'p1', choice: [pick(['t', 'c'])], count: 1, kind: 'single', quiz: false },
        });
      else if (roll < 0.115)
        push({
          type: 'survey.answer',
          ...at(t + 8),
          widget: { kind: 'survey' },
          props: { survey: 'sv', question: pick(['drink', 'again']), type: 'single' },
        });
      else if (roll < 0.117) push({ type: 'player.stall', ...at(t + 9), props: { durationMs: 1_200 } });
    }
  }
  if (batch.length > 0) emit(batch);
  return made;
}
