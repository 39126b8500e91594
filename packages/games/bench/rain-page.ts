// Runs in Chromium (bundled by rain.ts): <onair-red-packet-rain> on an in-page room running the
// rain feature, a phone-sized box, packets falling for `durationMs` while a viewer taps one every
// 400 ms (each tap a real grab: the packet opens on its amount). Frame times are rAF deltas.
import 'onair/onair-red-packet-rain.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { rainFeature } from '@onair/games/model.js';

export interface RainRun {
  frames: number;
  elapsedMs: number;
  frameP50: number;
  frameP95: number;
  frameMax: number;
  longTasks: number;
  longTaskMaxMs: number;
  taps: number;
  opened: number;
  /** Backing-store pixels per CSS px at the end (2, or 1 once the canvas found frames slow). */
  scale: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Sprite {
  x: number;
  y: number;
  state: string;
}

async function run(durationMs: number, withRain = true): Promise<RainRun> {
  if (!withRain)
    return measure(
      durationMs,
      () => 0,
      () => 0,
    );
  const local = createLocalRoom({ room: 'rain-bench', features: [rainFeature()], flushMs: 100 });
  local.command('rain.create', {
    rain: { id: 'r1', unit: 'points', budget: 100_000, count: 2_000, maxPerViewer: 100, durationMs: 60_000 },
  });
  const el = document.createElement('onair-red-packet-rain');
  el.room = createRoom({ room: local.room, channel: local.connect('bench') });
  el.lang = 'en';
  el.style.cssText = 'inline-size:390px;block-size:640px';
  document.body.append(el);
  let opened = 0;
  el.addEventListener('onair-packet-open', () => opened++);
  await new Promise<void>((resolve) => {
    const check = () => (el.shadowRoot?.querySelector('canvas') ? resolve() : requestAnimationFrame(check));
    check();
  });
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const drawing = (el as unknown as { canvas: { sprites: Sprite[] } }).canvas;

  let taps = 0;
  const tapper = setInterval(
    () => {
      const s = drawing.sprites.find((p) => p.state === 'falling' && p.y > 40);
      if (!s) return;
      const box = canvas.getBoundingClientRect();
      canvas.dispatchEvent(
        new PointerEvent('pointerdown', { clientX: box.left + s.x, clientY: box.top + s.y, bubbles: true }),
      );
      taps++;
    },
    (window as unknown as { tapEveryMs?: number }).tapEveryMs ?? 400,
  );
  try {
    const run = await measure(
      durationMs,
      () => taps,
      () => opened,
    );
    return { ...run, scale: canvas.width / canvas.getBoundingClientRect().width };
  } finally {
    clearInterval(tapper);
    el.remove();
  }
}

/** Frame times and long tasks over `durationMs` of whatever the page does. */
async function measure(durationMs: number, taps: () => number, opened: () => number): Promise<RainRun> {
  const long: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) long.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });

  const deltas: number[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let last = start;
    const frame = (now: number) => {
      deltas.push(now - last);
      last = now;
      if (now - start < durationMs) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  observer.disconnect();
  const sorted = deltas.slice(1).sort((a, b) => a - b);
  return {
    frames: sorted.length,
    elapsedMs: performance.now() - start,
    frameP50: percentile(sorted, 50),
    frameP95: percentile(sorted, 95),
    frameMax: sorted.at(-1) ?? 0,
    longTasks: long.length,
    longTaskMaxMs: Math.max(0, ...long),
    taps: taps(),
    opened: opened(),
    scale: 0,
  };
}

declare global {
  interface Window {
    rainBench(durationMs: number, withRain?: boolean): Promise<RainRun>;
  }
}
window.rainBench = run;
