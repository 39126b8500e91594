// `track()` through @onair/telemetry with its defaults (IndexedDB persistence, batches of 50, gzip).
import { createTelemetry } from '@onair/telemetry';

let telemetry: ReturnType<typeof createTelemetry>;

function setup(sink: string) {
  telemetry = createTelemetry({ endpoint: `${sink}/onair`, heartbeat: 0 });
}

async function run(n: number) {
  const start = performance.now();
  for (let i = 0; i < n; i++) telemetry.track('bench.event', { i, widget: 'poll', option: 'a' });
  const sync = performance.now() - start;
  await telemetry.flush();
  return { syncMs: sync, settledMs: performance.now() - start };
}

window.bench = { setup, run };
