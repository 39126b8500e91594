/**
 * Abuse benchmark (not a test): what hostile clients can make the server hold, each figure next to
 * its baseline from the same run, and the budgets of "The live server under attack":
 * - 200 sockets that never read, quiet and then storming resyncs, against a 400-product room: the
 *   server's RSS added (≤ 150 MB) next to 200 viewers that read doing the same, and the deltas
 *   another viewer keeps getting (≥ 8/s, no gap over 500 ms) next to the same viewer without them;
 * - room ids named and released: heap retained per room after GC (≤ 64 B).
 * Exits 1 when a budget is missed. Prints JSON with `--json`.
 *
 *   tsx bench/abuse.ts [--json] [--sockets 200] [--rooms 10000]
 */

import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { createServer } from '../src/app.js';
import {
  type ChildServer,
  catalogProduct,
  resyncStorm,
  stalledSocket,
  startChildServer,
} from '../test/child-server.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    sockets: { type: 'string', default: '200' },
    rooms: { type: 'string', default: '10000' },
  },
});
const SOCKETS = Math.min(Number(values.sockets), 1_000);
const ROOMS = Math.min(Number(values.rooms), 100_000);
const MB = 1024 * 1024;
const log = (text: string) => values.json || process.stderr.write(`${text}\n`);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A room with a 400-product catalog and an open poll: a snapshot of about 130 KB. */
async function bigRoom(server: ChildServer): Promise<void> {
  for (let n = 0; n < 400; n += 50)
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        server.ops('PUT', `/v1/rooms/big/products/sku-${n + i}`, catalogProduct(n + i)),
      ),
    );
}

/** A viewer that reads: the times its deltas arrived. */
async function watcher(server: ChildServer): Promise<{ ws: WebSocket; deltas: number[] }> {
  const ws = new WebSocket(`${server.liveUrl}?room=big`);
  const deltas: number[] = [];
  ws.on('message', (data) => {
    if (String(data).startsWith('{"t":"delta"')) deltas.push(Date.now());
  });
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ t: 'hello', v: 1, room: 'big' }));
  await wait(300);
  return { ws, deltas };
}

/**
 * `sockets` connections that read (`stall: false`) or never read, 3 s quiet, then 30 resyncs each
 * 100 ms apart, while a product changes every 50 ms: RSS added, and the watcher's deltas.
 */
async function crowd(stall: boolean): Promise<{ rssMB: number; deltasPerSecond: number; maxGapMs: number }> {
  const server = await startChildServer();
  try {
    await bigRoom(server);
    const watch = await watcher(server);
    const before = server.rss();
    const sockets: WebSocket[] = [];
    for (let i = 0; i < SOCKETS; i++) {
      const ws = await stalledSocket(server.liveUrl, 'big');
      if (!stall) (ws as unknown as { _socket: { resume(): void } })._socket.resume();
      sockets.push(ws);
    }
    let n = 0;
    const busy = setInterval(
      () => void server.ops('PATCH', `/v1/rooms/big/products/sku-${n++ % 400}`, { stock: n }),
      50,
    );
    const from = Date.now();
    await wait(3_000);
    await resyncStorm(sockets, 30, 100);
    let peak = server.rss();
    await wait(1_000);
    peak = Math.max(peak, server.rss());
    clearInterval(busy);
    const seen = watch.deltas.filter((t) => t >= from);
    const gaps = seen.slice(1).map((t, i) => t - seen[i]!);
    const seconds = (Date.now() - from) / 1000;
    for (const ws of sockets) ws.terminate();
    watch.ws.close();
    return {
      rssMB: (peak - before) / MB,
      deltasPerSecond: seen.length / seconds,
      maxGapMs: Math.max(0, ...gaps),
    };
  } finally {
    await server.close();
  }
}

/** Heap retained per room id named over the live channel and the ops API, then released. */
async function roomsRetained(): Promise<{ bytesPerRoom: number; baselineBytesPerRoom: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const server = createServer({ opsToken: 'bench-ops-token-0123456789', db: ':memory:', port: 0 });
  const { url } = await server.listen();
  const live = `${url.replace('http', 'ws')}/v1/live`;
  const name = async (room: string) => {
    const ws = new WebSocket(`${live}?room=${room}`);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ t: 'hello', v: 1, room }));
    await new Promise((resolve) => ws.once('message', resolve));
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
    await fetch(`${url}/v1/rooms/${room}`, {
      headers: { authorization: 'Bearer bench-ops-token-0123456789' },
    });
  };
  const heap = async () => {
    await wait(200); // released rooms leave after their last write is stored
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  const run = async (prefix: string, count: number) => {
    for (let i = 0; i < count; i += 50)
      await Promise.all(Array.from({ length: 50 }, (_, j) => name(`${prefix}-${i + j}`)));
  };
  // The same room named as often: what the machinery itself leaves (JIT, pools), the baseline.
  await run('warm', 500);
  const start = await heap();
  for (let i = 0; i < ROOMS; i += 50) await Promise.all(Array.from({ length: 50 }, () => name('same')));
  const same = await heap();
  await run('room', ROOMS);
  const after = await heap();
  await server.close();
  return { bytesPerRoom: (after - same) / ROOMS, baselineBytesPerRoom: (same - start) / ROOMS };
}

log(`${SOCKETS} reading viewers…`);
const reading = await crowd(false);
log(`${SOCKETS} sockets that never read…`);
const stalled = await crowd(true);
log(`${ROOMS} room ids…`);
const rooms = await roomsRetained();

const budgets = {
  stalledRssMB: stalled.rssMB <= 150,
  stalledDeltasPerSecond: stalled.deltasPerSecond >= 8,
  stalledMaxGapMs: stalled.maxGapMs <= 500,
  bytesPerRoom: rooms.bytesPerRoom <= 64,
};
const result = { sockets: SOCKETS, rooms: ROOMS, reading, stalled, retained: rooms, budgets };
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else
  log(
    [
      `RSS added: ${reading.rssMB.toFixed(1)} MB reading, ${stalled.rssMB.toFixed(1)} MB never reading (budget 150)`,
      `watcher deltas/s: ${reading.deltasPerSecond.toFixed(1)} beside readers, ${stalled.deltasPerSecond.toFixed(1)} beside stalled (budget ≥ 8)`,
      `watcher longest gap: ${reading.maxGapMs} ms, ${stalled.maxGapMs} ms (budget ≤ 500)`,
      `retained per room id: ${rooms.bytesPerRoom.toFixed(1)} B (same room named as often: ${rooms.baselineBytesPerRoom.toFixed(1)} B; budget 64)`,
    ].join('\n'),
  );
const missed = Object.entries(budgets).filter(([, ok]) => !ok);
if (missed.length) {
  process.stderr.write(`over budget: ${missed.map(([k]) => k).join(', ')}\n`);
  process.exit(1);
}
