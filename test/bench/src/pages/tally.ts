// <onair-poll> under a stream of tally deltas: each delta is its own task (as WebSocket messages
// are), paced to `rate` per second for `durationMs`. Counts renders, frames and long tasks.
import 'onair/onair-poll.js';
import { livePoll, nextFrame, QUESTION, shows } from './harness.js';

interface LongTaskTotals {
  count: number;
  ms: number;
}

async function tally(rate: number, durationMs: number) {
  const live = livePoll();
  const poll = document.createElement('onair-poll');
  poll.room = live.context;
  document.body.append(poll);
  await shows(poll, QUESTION);

  let renders = 0;
  const update = poll['update'].bind(poll);
  poll['update'] = (changed: Parameters<typeof update>[0]) => {
    renders++;
    update(changed);
  };
  const long: LongTaskTotals = { count: 0, ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      long.count++;
      long.ms += entry.duration;
    }
  });
  observer.observe({ type: 'longtask' });

  let frames = 0;
  let running = true;
  const countFrames = () => {
    if (!running) return;
    frames++;
    requestAnimationFrame(countFrames);
  };
  requestAnimationFrame(countFrames);

  const max = Math.ceil((rate * durationMs) / 1000);
  let sent = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const pump = () => {
      const elapsed = performance.now() - start;
      if (elapsed >= durationMs || sent >= max) return resolve();
      if (sent < Math.floor((elapsed * rate) / 1000)) {
        live.delta(1);
        sent++;
        channel.port2.postMessage(0);
      } else setTimeout(pump, 1);
    };
    channel.port1.onmessage = pump;
    pump();
  });
  const elapsed = performance.now() - start;
  await nextFrame();
  running = false;
  observer.disconnect();
  const expected = String(live.voters());
  return {
    deltas: sent,
    deltasPerSec: (sent / elapsed) * 1000,
    renders,
    frames,
    rendersPerFrame: renders / Math.max(frames, 1),
    fps: (frames / elapsed) * 1000,
    longTasks: long.count,
    longTaskMs: long.ms,
    elapsedMs: elapsed,
    /** The last delta's voter count is on screen: nothing was dropped on the way. */
    upToDate: poll.shadowRoot?.textContent?.includes(expected) ?? false,
  };
}

window.bench = { tally };
