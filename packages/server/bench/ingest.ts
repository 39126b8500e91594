// Collector ingest rate: 4 senders (`flood-sender.js`) post batches of 50 new envelopes back to back
// over loopback HTTP into a SQLite file (WAL) on the collector's own thread, for a bounded time.
// Every event is new, so each one is a real insert. Rate limits are off: this measures what the
// collector can store, not what it lets one sender store.
// Run: packages/server/node_modules/.bin/tsx packages/server/bench/ingest.ts [seconds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectorServer } from '../src/collector/standalone.js';
import { startFlood } from './flood.js';

const seconds = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'onair-ingest-'));
const server = await createCollectorServer({ file: join(dir, 'events.db'), corsOrigins: [], limits: null });
const url = await server.listen();

// The senders at the server's own priority: here they are the load, not an attacker.
const flood = await startFlood(url, { senders: 4, batch: 50, pad: 0, nice: 0 });
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const result = await flood.stop();
const rows = (server.db.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get() as { n: number }).n;
console.log(
  `collector ingest: ${Math.round(result.eventsAccepted / result.seconds).toLocaleString('en')} events/s ` +
    `(${result.eventsAccepted} events in ${result.seconds.toFixed(1)} s, batches of 50, 4 senders, SQLite WAL file, ${rows} rows)`,
);
await server.close();
rmSync(dir, { recursive: true, force: true });
