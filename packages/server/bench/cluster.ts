/**
 * Cluster-mode benchmark (not a test), side by side with a single node on SQLite. Starts a real
 * `redis-server` (AOF, `appendfsync always`: the durability cluster mode documents) on a free
 * loopback port and three `onair-server --redis` child processes; holds N viewers in one room spread
 * over the nodes; has them vote at a target rate; then kills the room's owner with SIGKILL while
 * votes keep coming and times the first ack of the new owner. The same load then runs against one
 * `onair-server` on SQLite. Self-stopping; deletes its temp folders.
 *
 * Reported per setup: ack latency p50/p99 (send → ack at the voter); fan-out lag p99 from the ack
 * at a voter on node A to the first delta at a watcher on node C that carries the vote (by the
 * poll's total; deltas are coalesced every 100 ms, so the lag includes up to one interval); Redis
 * round trips and commands per vote (the nodes' own count, and Redis's `INFO commandstats`); CPU
 * per process.
 *
 *   tsx packages/server/bench/cluster.ts [--viewers 2000] [--rate 2000] [--seconds 10] [--json]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    viewers: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
    /** Redis's `appendfsync`: `always` is what acks rely on; `everysec` shows what fsync costs. */
    fsync: { type: 'string', default: 'always' },
  },
});
const FSYNC = values.fsync === 'everysec' ? 'everysec' : 'always';
const VIEWERS = Math.min(Number(values.viewers), 10_000);
const RATE = Math.min(Number(values.rate), 20_000);
const SECONDS = Math.min(Number(values.seconds), 60);
const LEASE_MS = 2_000;
const TOKEN = 'bench-ops-token-0123456789';
const ROOM = 'bench';
const OPTIONS = ['a', 'b', 'c', 'd'];
const log = (text: string) => values.json || process.stderr.write(`${text}\n`);
const bin = join(import.meta.dirname, '../bin/onair-server.js');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onair-cluster-bench-'));
  dirs.push(dir);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const match = pattern.exec(out);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out.slice(-300)}`)));
  });
}

async function startRedis(): Promise<{ child: ChildProcess; url: string; port: number }> {
  const port = await freePort();
  const dir = tempDir();
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
      ...['--appendonly', 'yes', '--appendfsync', FSYNC],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  await waitFor(child, /Ready to accept connections/);
  return { child, url: `redis://127.0.0.1:${port}/0`, port };
}

async function startNode(redis: string | null): Promise<Node> {
  const args = [
    bin,
    '--port',
    '0',
    '--db',
    join(tempDir(), 'bench.db'),
    '--max-connections-per-address',
    '100000',
  ];
  if (redis) args.push('--redis', redis);
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ONAIR_OPS_TOKEN: TOKEN,
      ONAIR_LOG_LEVEL: 'error',
      ONAIR_REDIS_LEASE_MS: String(LEASE_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const url = (await waitFor(child, /listening on (http:\/\/\S+)/))[1]!;
  return { child, url, live: `${url.replace('http', 'ws')}/v1/live?room=${ROOM}` };
}

interface Node {
  child: ChildProcess;
  url: string;
  live: string;
}

/** utime + stime of a process in seconds (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the bench reads response bodies by paths it knows.
type Json = any;

const ops = (node: Node, method: string, path: string, body?: unknown): Promise<Json> =>
  fetch(node.url + path, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((res) => res.json());

/** A Redis command over a plain socket (the bench needs INFO and nothing else). */
async function redisInfo(port: number, section: string): Promise<string> {
  const { createConnection } = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => {
      data += String(chunk);
      const header = /^\$(\d+)\r\n/.exec(data);
      if (header && Buffer.byteLength(data) >= header[0].length + Number(header[1]) + 2) {
        socket.end();
        resolve(data.slice(header[0].length));
      }
    });
    socket.on('error', reject);
    socket.write(`INFO ${section}\r\n`);
  });
}

const usedMemory = (info: string) => Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);

const commandCalls = (info: string) =>
  [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);

interface Viewer {
  ws: WebSocket;
  node: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const round = (n: number) => +n.toFixed(2);

/**
 * One vote storm: viewers spread round-robin over `nodes`, voters on every node, one watcher on
 * the last node. Fan-out lag is measured for votes acked on the first node.
 */
async function storm(nodes: Node[], redisPort: number | null) {
  const sentAt = new Map<string, { at: number; node: number }>();
  const latencies: number[] = [];
  /** [ack time, poll total after the vote] for votes acked at node 0. */
  const acksOnA: [number, number][] = [];
  /** [arrival, poll total] of every delta at the watcher on the last node. */
  const seenOnC: [number, number][] = [];
  let accepted = 0;
  let refused = 0;
  let lastAckAt = 0;
  const viewers: Viewer[] = [];
  const total = (value: Json) =>
    Object.values((value?.tally ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
  const join = (i: number, watcher: boolean) =>
    new Promise<void>((resolve) => {
      const node = watcher ? nodes.length - 1 : i % nodes.length;
      const ws = new WebSocket(nodes[node]!.live, { perMessageDeflate: false });
      ws.on('open', () => ws.send(JSON.stringify({ t: 'hello', v: 1, room: ROOM, viewer: `bench-${i}` })));
      ws.on('message', (data: Buffer) => {
        const kind = data[6];
        if (kind === 0x73 /* s */) {
          if (!watcher) viewers.push({ ws, node });
          resolve();
        } else if (kind === 0x64 /* d */ && watcher) {
          const frame = JSON.parse(String(data)) as Json;
          const poll = frame.changes.find((c: Json) => c.id === 'storm');
          if (poll) seenOnC.push([performance.now(), total(poll.value)]);
        } else if (kind === 0x61 /* a */) {
          const now = performance.now();
          const ack = JSON.parse(String(data)) as Json;
          const sent = sentAt.get(ack.key);
          if (!sent) return;
          sentAt.delete(ack.key);
          lastAckAt = now;
          latencies.push(now - sent.at);
          if (!ack.ok) {
            refused += 1;
            return;
          }
          accepted += 1;
          const poll = ack.changes?.find((c: Json) => c.id === 'storm');
          if (sent.node === 0 && poll) acksOnA.push([now, total(poll.value)]);
        }
      });
      ws.on('error', () => resolve());
      ws.on('close', () => resolve());
    });
  for (let batch = 0; batch < VIEWERS; batch += 200) {
    const joins: Promise<void>[] = [];
    for (let i = batch; i < Math.min(VIEWERS, batch + 200); i++) joins.push(join(i, false));
    await Promise.all(joins);
  }
  await join(VIEWERS, true);
  log(`  ${viewers.length} voters and a watcher connected`);

  const roundTrips = async () => {
    let sum = 0;
    for (const node of nodes) {
      if (node.child.exitCode !== null) continue;
      const health = await fetch(`${node.url}/healthz`).then((r) => r.json() as Promise<Json>);
      sum += health.cluster?.redisRoundTrips ?? 0;
    }
    return sum;
  };
  const cpuBefore = nodes.map((node) => cpuSeconds(node.child.pid!));
  const redisPid =
    redisPort === null ? null : children.find((c) => c.spawnargs.includes(String(redisPort)))!.pid!;
  const redisCpuBefore = redisPid === null ? 0 : cpuSeconds(redisPid);
  const tripsBefore = await roundTrips();
  const callsBefore = redisPort === null ? 0 : commandCalls(await redisInfo(redisPort, 'commandstats'));
  const memoryBefore = redisPort === null ? 0 : usedMemory(await redisInfo(redisPort, 'memory'));
  let sent = 0;
  let serial = 0;
  const vote = () => {
    const viewer = viewers[serial % viewers.length]!;
    const key = `v${serial++}`;
    sentAt.set(key, { at: performance.now(), node: viewer.node });
    viewer.ws.send(
      JSON.stringify({
        t: 'action',
        key,
        name: 'poll.vote',
        payload: { poll: 'storm', choice: [OPTIONS[serial % 4]] },
      }),
    );
    sent += 1;
  };
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed >= SECONDS) {
        clearInterval(tick);
        resolve();
        return;
      }
      for (let due = Math.floor(elapsed * RATE) - sent; due > 0; due--) vote();
    }, 5);
  });
  const stormSeconds = (performance.now() - start) / 1000;
  for (let i = 0; i < 100 && sentAt.size > 0; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = nodes.map((node, i) =>
    Math.round(((cpuSeconds(node.child.pid!) - cpuBefore[i]!) / elapsed) * 100),
  );
  const redisCpu =
    redisPid === null ? null : Math.round(((cpuSeconds(redisPid) - redisCpuBefore) / elapsed) * 100);
  const trips = (await roundTrips()) - tripsBefore;
  const calls =
    redisPort === null ? 0 : commandCalls(await redisInfo(redisPort, 'commandstats')) - callsBefore - 2;
  const memory = redisPort === null ? 0 : usedMemory(await redisInfo(redisPort, 'memory')) - memoryBefore;

  latencies.sort((a, b) => a - b);
  // For each vote acked at A: the first delta at C whose total includes it.
  const lags: number[] = [];
  let j = 0;
  for (const [ackAt, after] of acksOnA) {
    while (j < seenOnC.length && seenOnC[j]![1] < after) j++;
    if (j === seenOnC.length) break;
    lags.push(Math.max(0, seenOnC[j]![0] - ackAt));
  }
  lags.sort((a, b) => a - b);
  const room = await ops(nodes[0]!, 'GET', `/v1/rooms/${ROOM}`);
  const tally = total(room.state.polls.storm);
  return {
    result: {
      votesSent: sent,
      votesAccepted: accepted,
      votesRefused: refused,
      unanswered: sentAt.size,
      acceptedPerSecond: Math.round(accepted / stormSeconds),
      ackLatencyMs: {
        p50: round(pct(latencies, 50)),
        p99: round(pct(latencies, 99)),
        max: round(pct(latencies, 100)),
      },
      fanoutLagMs: { p50: round(pct(lags, 50)), p99: round(pct(lags, 99)), samples: lags.length },
      ...(redisPort === null
        ? {}
        : {
            redisRoundTripsPerVote: round(trips / accepted),
            redisCommandsPerVote: round(calls / accepted),
            // What a vote leaves in Redis while its ack is kept (25 h): the ack, the voter's record…
            redisBytesPerVote: Math.round(memory / accepted),
          }),
      cpuPercentPerNode: cpu,
      ...(redisCpu === null ? {} : { redisCpuPercent: redisCpu }),
      tallyMatchesAccepted: tally === accepted,
    },
    viewers,
    vote,
    sentAt,
    lastAck: () => lastAckAt,
  };
}

async function failover(
  nodes: Node[],
  run: Awaited<ReturnType<typeof storm>>,
): Promise<{ firstAckAfterKillMs: number; leaseMs: number }> {
  // The owner: the node that says it owns a room (there is one room).
  let owner = -1;
  for (let i = 0; i < nodes.length; i++) {
    const health = await fetch(`${nodes[i]!.url}/healthz`).then((r) => r.json() as Promise<Json>);
    if (health.cluster.owned > 0) owner = i;
  }
  if (owner < 0) throw new Error('no node owns the room');
  // Votes keep coming from viewers on the other nodes, 200/s.
  const others = run.viewers.filter((v) => v.node !== owner);
  let serial = 0;
  const keys = new Set<string>();
  const send = () => {
    const viewer = others[serial % others.length]!;
    const key = `f${serial++}`;
    keys.add(key);
    run.sentAt.set(key, { at: performance.now(), node: viewer.node });
    viewer.ws.send(
      JSON.stringify({ t: 'action', key, name: 'poll.vote', payload: { poll: 'storm', choice: ['a'] } }),
    );
  };
  const stream = setInterval(send, 5);
  await new Promise((r) => setTimeout(r, 500));
  const killedAt = performance.now();
  nodes[owner]!.child.kill('SIGKILL');
  const sentBeforeKill = new Set(keys);
  let first = Number.NaN;
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      for (const key of keys)
        if (!sentBeforeKill.has(key) && !run.sentAt.has(key)) {
          first = performance.now() - killedAt;
          clearInterval(check);
          resolve();
          return;
        }
      if (performance.now() - killedAt > 30_000) {
        clearInterval(check);
        resolve();
      }
    }, 2);
  });
  clearInterval(stream);
  return { firstAckAfterKillMs: round(first), leaseMs: LEASE_MS };
}

const machine = { cpus: cpus().length, node: process.version };
const output: Json = { machine, viewers: VIEWERS, targetVotesPerSecond: RATE, seconds: SECONDS };
try {
  log(`cluster: redis-server (AOF, appendfsync ${FSYNC}) and 3 nodes`);
  output.appendfsync = FSYNC;
  const redis = await startRedis();
  const cluster = await Promise.all([0, 1, 2].map(() => startNode(redis.url)));
  await ops(cluster[0]!, 'POST', `/v1/rooms/${ROOM}/commands/poll.create`, {
    poll: {
      id: 'storm',
      question: 'Storm?',
      options: OPTIONS.map((id) => ({ id, label: id })),
      votesPerViewer: 100,
    },
    open: true,
  });
  const clustered = await storm(cluster, redis.port);
  output.cluster = clustered.result;
  log(`  ${JSON.stringify(clustered.result)}`);
  log('cluster: kill -9 of the owner while votes keep coming');
  output.cluster.failover = await failover(cluster, clustered);
  log(`  ${JSON.stringify(output.cluster.failover)}`);
  for (const viewer of clustered.viewers) viewer.ws.terminate();
  for (const child of children) child.kill('SIGKILL');

  log('single node on SQLite');
  const single = await startNode(null);
  await ops(single, 'POST', `/v1/rooms/${ROOM}/commands/poll.create`, {
    poll: {
      id: 'storm',
      question: 'Storm?',
      options: OPTIONS.map((id) => ({ id, label: id })),
      votesPerViewer: 100,
    },
    open: true,
  });
  const alone = await storm([single], null);
  output.single = alone.result;
  log(`  ${JSON.stringify(alone.result)}`);
  for (const viewer of alone.viewers) viewer.ws.terminate();
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 200));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

if (values.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
else {
  const c = output.cluster;
  const s = output.single;
  const rows: [string, string, string][] = [
    ['votes accepted per second', `${c.acceptedPerSecond}`, `${s.acceptedPerSecond}`],
    [
      'ack p50 / p99',
      `${c.ackLatencyMs.p50} / ${c.ackLatencyMs.p99} ms`,
      `${s.ackLatencyMs.p50} / ${s.ackLatencyMs.p99} ms`,
    ],
    [
      'fan-out lag A→C p50 / p99',
      `${c.fanoutLagMs.p50} / ${c.fanoutLagMs.p99} ms`,
      `${s.fanoutLagMs.p50} / ${s.fanoutLagMs.p99} ms`,
    ],
    ['Redis round trips / commands per vote', `${c.redisRoundTripsPerVote} / ${c.redisCommandsPerVote}`, '–'],
    ['Redis memory per vote (kept 25 h)', `${c.redisBytesPerVote} B`, '–'],
    ['CPU per node (% of one core)', c.cpuPercentPerNode.join(' / '), s.cpuPercentPerNode.join(' / ')],
    ['redis-server CPU', `${c.redisCpuPercent} %`, '–'],
    [
      'failover: kill -9 → first ack',
      `${c.failover.firstAckAfterKillMs} ms (lease ${c.failover.leaseMs} ms)`,
      '–',
    ],
    ['tally = accepted votes', `${c.tallyMatchesAccepted}`, `${s.tallyMatchesAccepted}`],
  ];
  process.stdout.write(`${''.padEnd(40)} ${'3 nodes + Redis'.padEnd(28)} 1 node, SQLite\n`);
  for (const [k, a, b] of rows) process.stdout.write(`${k.padEnd(40)} ${a.padEnd(28)} ${b}\n`);
}
