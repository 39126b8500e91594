/**
 * Red-packet rain grab throughput (benchmark, not a test): the real `onair-server` in a child
 * process (temporary SQLite file), a coins rain of 2,000 packets, 2,500 viewers on real WebSockets
 * who all tap at once — more grabs than packets. Reported: grabs answered per second (from the
 * first grab sent to the last ack), packets paid per second, ack latency p50/p95/max, and checks
 * that the budget was paid exactly once: the acks' amounts, the rain's log (`GET /rains/r1/grabs`)
 * and the gift ledger's `rain` rows all sum to the budget. Baseline: as many `gift.wallet` reads
 * (a no-change action) from the same viewers, timed the same way.
 * Exits 1 when the budget is not paid exactly. Prints JSON with `--json`.
 *
 *   tsx bench/rain.ts [--json] [--viewers 2500] [--packets 2000]
 */

import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { type ChildServer, startChildServer } from '../test/child-server.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    viewers: { type: 'string', default: '2500' },
    packets: { type: 'string', default: '2000' },
  },
});
const VIEWERS = Math.min(Number(values.viewers), 10_000);
const PACKETS = Math.min(Number(values.packets), 2_000);
const BUDGET = PACKETS * 100;
const ROOM = 'rain-bench';
const log = (text: string) => values.json || process.stderr.write(`${text}\n`);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Viewer {
  ws: WebSocket;
  acks: Map<string, { at: number; ok: boolean; amount: number }>;
}

function connect(server: ChildServer): Promise<Viewer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.liveUrl}?room=${ROOM}`, { perMessageDeflate: false });
    const viewer: Viewer = { ws, acks: new Map() };
    ws.on('open', () => ws.send(JSON.stringify({ t: 'hello', v: 1, room: ROOM })));
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      const kind = data[6]; // {"t":"<type>": the 7th byte tells frames apart without decoding
      if (kind === 0x73 /* s */) resolve(viewer);
      else if (kind === 0x61 /* a */) {
        const ack = JSON.parse(String(data)) as { key: string; ok: boolean; result?: { amount?: number } };
        viewer.acks.set(ack.key, { at, ok: ack.ok, amount: ack.result?.amount ?? 0 });
      }
    });
    ws.on('error', reject);
  });
}

async function until(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(5);
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Every viewer sends `name` once, all at once; the time to the last ack, and each ack's latency. */
async function burst(viewers: Viewer[], name: string, payload: object, tag: string) {
  const sent = performance.now();
  for (const [i, v] of viewers.entries())
    v.ws.send(JSON.stringify({ t: 'action', key: `${tag}${i}`, name, payload }));
  await until(`${tag} acks`, () => viewers.every((v, i) => v.acks.has(`${tag}${i}`)));
  const acks = viewers.map((v, i) => v.acks.get(`${tag}${i}`)!);
  const latencies = acks.map((a) => a.at - sent).sort((a, b) => a - b);
  const ms = latencies.at(-1)!;
  return { ms, perSecond: (viewers.length / ms) * 1000, acks, latencies };
}

const server = await startChildServer(['--max-connections-per-address', '100000']);
let failed = false;
try {
  const ops = async (method: string, path: string, body?: unknown) => {
    const { status, body: answer } = await server.ops(method, `/v1/rooms/${ROOM}${path}`, body);
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`);
    return answer as Record<string, unknown>;
  };
  await ops('PUT', '/gifts/catalog', {
    categories: [{ id: 'hot', name: 'Hot', gifts: [{ id: 'rose', name: 'Rose', price: 10, icon: 'rose' }] }],
  });
  log(`connecting ${VIEWERS} viewers…`);
  const viewers: Viewer[] = [];
  for (let i = 0; i < VIEWERS; i += 250)
    viewers.push(
      ...(await Promise.all(Array.from({ length: Math.min(250, VIEWERS - i) }, () => connect(server)))),
    );

  const baseline = await burst(viewers, 'gift.wallet', {}, 'w');
  await ops('POST', '/rains', {
    id: 'r1',
    unit: 'coins',
    budget: BUDGET,
    count: PACKETS,
    minimum: 10,
    maxPerViewer: 1,
    durationMs: 60_000,
  });
  await wait(200);
  log(`${VIEWERS} viewers grab ${PACKETS} packets at once…`);
  const grab = await burst(viewers, 'rain.grab', { rain: 'r1' }, 'g');
  const paid = grab.acks.filter((a) => a.ok);
  const paidSum = paid.reduce((sum, a) => sum + a.amount, 0);
  const lastPaid = Math.max(...paid.map((a) => a.at)) - (grab.acks[0]!.at - grab.latencies[0]!);
  const logged = (await ops('GET', '/rains/r1/grabs')) as { credited: number; grabs: unknown[] };
  const ledger = (await ops('GET', '/gifts/ledger')) as { entries: { kind: string; amount: number }[] };
  // The room-wide ledger answers its newest 500 rows: each viewer's own is checked against them.
  const ledgerRows = ledger.entries.filter((e) => e.kind === 'rain');
  const exact =
    paid.length === PACKETS &&
    paidSum === BUDGET &&
    logged.credited === BUDGET &&
    logged.grabs.length === PACKETS;
  failed = !exact;
  const result = {
    bench: 'rain-grabs',
    viewers: VIEWERS,
    packets: PACKETS,
    budget: BUDGET,
    grabs: {
      answeredPerSecond: Math.round(grab.perSecond),
      paidPerSecond: Math.round((paid.length / lastPaid) * 1000),
      allAnsweredMs: Math.round(grab.ms),
      p50Ms: Math.round(pct(grab.latencies, 0.5)),
      p95Ms: Math.round(pct(grab.latencies, 0.95)),
    },
    baseline: { answeredPerSecond: Math.round(baseline.perSecond), allAnsweredMs: Math.round(baseline.ms) },
    paid: {
      packets: paid.length,
      sum: paidSum,
      refused: VIEWERS - paid.length,
      logged: logged.credited,
      ledgerRowsSeen: ledgerRows.length,
      exact,
    },
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    console.table({
      'rain.grab': { ...result.grabs },
      'gift.wallet (baseline)': { ...result.baseline },
    });
    console.log(
      `paid ${paid.length} packets, ${paidSum} of ${BUDGET}; logged ${logged.credited}: ${exact ? 'exact' : 'NOT exact'}`,
    );
  }
  for (const v of viewers) v.ws.close();
} finally {
  await server.close();
}
process.exitCode = failed ? 1 : 0;
