// Stats API over 1,000,000 stored events: a two-hour show (`stats-dataset.ts`) is written into a
// SQLite file through the collector's own store (the same inserts and rollups as ingest, without
// HTTP), then `GET /v1/stats/rooms/:room` over the whole show is asked `runs` times over loopback
// HTTP from the standalone collector. Budget: every answer ≤ 2,000 ms; exits 1 when over.
// Run: packages/server/node_modules/.bin/tsx packages/server/bench/stats.ts [events] [runs] [--json]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectorServer } from '../src/collector/standalone.js';
import { createEventStore } from '../src/collector/store.js';
import { closeDatabase, openSqlite } from '../src/db.js';
import { generateShow, ROOM, SHOW_MS, SHOW_START } from './stats-dataset.js';

const BUDGET_MS = 2_000;
const args = process.argv.slice(2).filter((a) => a !== '--json');
const total = Number(args[0] ?? 1_000_000);
const runs = Number(args[1] ?? 5);
const json = process.argv.includes('--json');
const log = (line: string) => process.stderr.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'onair-stats-'));
const file = join(dir, 'events.db');
try {
  const db = openSqlite(file);
  const store = createEventStore(db);
  const seedStarted = performance.now();
  const stored = generateShow(total, (batch) => store.insert(batch, 0, SHOW_START));
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  closeDatabase(db);
  log(`seeded ${stored.toLocaleString('en')} events in ${seedSeconds.toFixed(1)} s`);

  const server = await createCollectorServer({ file, corsOrigins: [], limits: null });
  const url = await server.listen();
  const rows = (server.db.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get() as { n: number }).n;
  const minutes = (
    server.db.prepare('SELECT COUNT(*) AS n FROM telemetry_viewer_minutes').get() as { n: number }
  ).n;
  const query = `from=${SHOW_START}&to=${SHOW_START + SHOW_MS}`;
  const times: number[] = [];
  let viewers = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const res = await fetch(`${url}/v1/stats/rooms/${ROOM}?${query}`);
    const body = (await res.json()) as { viewers: number };
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`stats answered ${res.status}: ${JSON.stringify(body)}`);
    viewers = body.viewers;
    times.push(ms);
    log(`run ${run + 1}: ${ms.toFixed(0)} ms (${res.headers.get('server-timing')})`);
  }
  await server.close();
  const sorted = [...times].sort((a, b) => a - b);
  const result = {
    events: rows,
    viewers,
    minuteRows: minutes,
    fileMB: Math.round(statSync(file).size / 2 ** 20),
    firstMs: Math.round(times[0]!),
    medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    maxMs: Math.round(sorted.at(-1)!),
    budgetMs: BUDGET_MS,
    withinBudget: sorted.at(-1)! <= BUDGET_MS,
  };
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else
    console.log(
      `stats over ${rows.toLocaleString('en')} events (${viewers.toLocaleString('en')} viewers): ` +
        `median ${result.medianMs} ms, max ${result.maxMs} ms, first ${result.firstMs} ms (budget ${BUDGET_MS} ms)`,
    );
  if (!result.withinBudget) {
    process.stderr.write(`over budget: an answer took ${result.maxMs} ms (budget ${BUDGET_MS} ms)\n`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
