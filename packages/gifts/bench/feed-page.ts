// Runs in Chromium (bundled by feed.ts): <onair-gift-feed> and the <onair-gift-effects> layer over
// the stage, on an in-page room running the gifts feature, driven at `rate` sends per second by 200
// simulated viewers, one task per send. 2 % of sends are rockets: big gifts play their effect.
import 'onair/onair-gift-effects.js';
import 'onair/onair-gift-feed.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { giftsFeature } from '@onair/gifts/model.js';

const catalog = {
  categories: [
    {
      id: 'hot',
      name: 'Hot',
      gifts: [
        { id: 'rose', name: 'Rose', price: 1, icon: 'rose' },
        { id: 'heart', name: 'Heart', price: 10, icon: 'heart' },
        { id: 'cake', name: 'Cake', price: 99, icon: 'cake' },
        { id: 'rocket', name: 'Rocket', price: 5000, icon: 'rocket' },
      ],
    },
  ],
} as const;

export interface FeedRun {
  sent: number;
  elapsedMs: number;
  frames: number;
  frameP50: number;
  frameP95: number;
  frameMax: number;
  longTasks: number;
  longTaskMaxMs: number;
  peakNodes: number;
  renders: number;
  eventsSeen: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(rate: number, durationMs: number, flushMs: number): Promise<FeedRun> {
  const local = createLocalRoom({
    room: `bench-${flushMs}`,
    features: [giftsFeature({ startingBalance: 1e12 })],
    flushMs,
  });
  local.command('gift.catalog', { catalog });
  const viewers = Array.from({ length: 200 }, (_, i) => local.connect(`v${i}`));
  const feed = document.createElement('onair-gift-feed');
  const room = createRoom({ room: local.room, channel: local.connect() });
  feed.room = room;
  feed.stats = true;
  const stage = document.createElement('div');
  stage.className = 'stage';
  const effects = document.createElement('onair-gift-effects');
  effects.room = room;
  stage.append(effects);
  document.body.append(stage, feed);
  await new Promise((resolve) => setTimeout(resolve, 300));

  let renders = 0;
  const update = feed['update'].bind(feed);
  feed['update'] = (changed: Parameters<typeof update>[0]) => {
    renders++;
    update(changed);
  };
  let longTasks = 0;
  let longTaskMaxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks++;
      longTaskMaxMs = Math.max(longTaskMaxMs, entry.duration);
    }
  });
  observer.observe({ type: 'longtask' });

  const deltas: number[] = [];
  let peakNodes = 0;
  let last = 0;
  let running = true;
  const frame = (t: number) => {
    if (!running) return;
    if (last) deltas.push(t - last);
    last = t;
    peakNodes = Math.max(peakNodes, feed.shadowRoot?.querySelectorAll('*').length ?? 0);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  // 200 viewers; each send continues that viewer's combo 70 % of the time; 2 % are rockets.
  const combos = new Map<number, { id: string; gift: string }>();
  let serial = 0;
  const sendOne = () => {
    const viewer = Math.floor(Math.random() * 200);
    let combo = combos.get(viewer);
    if (!combo || Math.random() > 0.7) {
      const r = Math.random();
      combo = { id: `c${serial}`, gift: r < 0.02 ? 'rocket' : r < 0.3 ? 'cake' : r < 0.6 ? 'heart' : 'rose' };
      combos.set(viewer, combo);
    }
    serial++;
    const payload = { gift: combo.gift, quantity: 1, comboId: combo.id, name: `Viewer ${viewer}` };
    viewers[viewer]!.act('gift.send', payload).catch(() => {});
  };

  const max = Math.ceil((rate * durationMs) / 1000);
  let sent = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const pump = () => {
      const elapsed = performance.now() - start;
      if (elapsed >= durationMs || sent >= max) return resolve();
      if (sent < Math.floor((elapsed * rate) / 1000)) {
        sendOne();
        sent++;
        channel.port2.postMessage(0);
      } else setTimeout(pump, 1);
    };
    channel.port1.onmessage = pump;
    pump();
  });
  const elapsedMs = performance.now() - start;
  local.flush();
  await new Promise((resolve) => setTimeout(resolve, 200));
  running = false;
  observer.disconnect();
  const store = (feed as unknown as { view: { value: { events: number } | null } }).view.value;
  feed.remove();
  stage.remove();
  local.dispose();
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    sent,
    elapsedMs,
    frames: deltas.length,
    frameP50: percentile(sorted, 50),
    frameP95: percentile(sorted, 95),
    frameMax: sorted.at(-1) ?? 0,
    longTasks,
    longTaskMaxMs,
    peakNodes,
    renders,
    eventsSeen: store?.events ?? 0,
  };
}

declare global {
  interface Window {
    feedBench: typeof run;
  }
}
window.feedBench = run;
