// Cost of `track()` per event: Node 20, memory store, sending stubbed out (fetch never answers),
// so this is the client's own CPU: envelope, UUIDv7, sampling, serialization for the size check,
// queue bookkeeping. Browser storage writes are batched per microtask and not on this path.
// Run: packages/server/node_modules/.bin/tsx packages/telemetry/bench/track.ts
import { createTelemetry } from '../src/index.js';

globalThis.fetch = () => new Promise<Response>(() => {});
const t = createTelemetry({
  endpoint: 'http://127.0.0.1:9/v1/events',
  storage: 'memory',
  heartbeat: 0,
  flushInterval: 3_600_000,
  maxItems: 1e9,
  maxBytes: 1e12,
  batchSize: 1e9,
});
const props = { option: 2, poll: 'p1', answer: 'yes' };
const context = { room: 'room-1', widget: { kind: 'poll', id: 'p1' } };

for (let i = 0; i < 2_000; i++) t.track('poll.vote', props, context); // warm-up
const N = Number(process.argv[2] ?? 10_000);
const start = performance.now();
for (let i = 0; i < N; i++) t.track('poll.vote', props, context);
const ms = performance.now() - start;
console.log(
  `track(): ${((ms * 1000) / N).toFixed(2)} µs per event, ${Math.round(N / (ms / 1000)).toLocaleString('en')} events/s (${N} events, Node ${process.version}, memory store)`,
);
process.exit(0);
