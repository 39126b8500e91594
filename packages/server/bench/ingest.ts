// Collector ingest rate: batches of 50 envelopes over loopback HTTP into a SQLite file (WAL),
// 4 concurrent senders, for a bounded time. Every event is new, so each one is a real insert.
// Rate limits are off: this measures what the collector can store, not what it lets one sender store.
// Run: packages/server/node_modules/.bin/tsx packages/server/bench/ingest.ts [seconds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectorServer } from '../src/collector/standalone.js';

const seconds = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'onair-ingest-'));
const server = await createCollectorServer({ file: join(dir, 'events.db'), corsOrigins: [], limits: null });
const url = `${await server.listen()}/v1/events`;

let n = 0;
const uuid = () => {
  const hex = (n++).toString(16).padStart(20, '0');
  return `0190a000-0000-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(8, 20)}`;
};
const batch = () =>
  JSON.stringify({
    sentAt: Date.now(),
    events: Array.from({ length: 50 }, (_, seq) => ({
      v: 1,
      id: uuid(),
      type: 'product.click',
      ts: Date.now(),
      seq,
      session: '0190a000-0000-7000-8000-000000000001',
      viewer: 'viewer-1',
      room: 'room-1',
      widget: { kind: 'product-card', id: 'sku-1' },
      props: { product: 'sku-1', position: 2 },
    })),
  });

let accepted = 0;
const end = Date.now() + seconds * 1000;
const start = performance.now();
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (Date.now() < end) {
      const res = await fetch(url, { method: 'POST', body: batch() });
      accepted += ((await res.json()) as { accepted: number }).accepted;
    }
  }),
);
const elapsed = (performance.now() - start) / 1000;
const rows = (server.db.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get() as { n: number }).n;
console.log(
  `collector ingest: ${Math.round(accepted / elapsed).toLocaleString('en')} events/s ` +
    `(${accepted} events in ${elapsed.toFixed(1)} s, batches of 50, 4 senders, SQLite WAL file, ${rows} rows)`,
);
await server.close();
rmSync(dir, { recursive: true, force: true });
