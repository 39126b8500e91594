/**
 * Live-channel benchmark (not a test): starts `onair-server` as a child process on loopback with a
 * temporary SQLite file, holds N viewers in one room over real WebSockets, has them vote at a
 * target rate for a bounded time, and reports viewers held, votes/s accepted, ack latency and
 * messages per viewer per second. Self-stopping; deletes its temp folder.
 *
 *   pnpm --filter @onair/server bench [--viewers 2000] [--rate 5000] [--seconds 10] [--json] [--profile]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    viewers: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
    /** Writes a V8 CPU profile of the server process into the current folder. */
    profile: { type: 'boolean', default: false },
  },
});
const VIEWERS = Math.min(Number(values.viewers), 10_000);
const RATE = Math.min(Number(values.rate), 50_000);
const SECONDS = Math.min(Number(values.seconds), 60);
const TOKEN = 'bench-ops-token-0123456789';
const ROOM = 'bench';
const log = (text: string) => values.json || process.stderr.write(`${text}\n`);

const dir = mkdtempSync(join(tmpdir(), 'onair-bench-'));
const bin = join(import.meta.dirname, '../bin/onair-server.js');

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${process.cwd()}`] : [];
  // Every simulated viewer connects from this one address: lift the per-address limit.
  const args = [
    ...profile,
    bin,
    '--port',
    '0',
    '--db',
    join(dir, 'bench.db'),
    '--max-connections-per-address',
    '100000',
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ONAIR_OPS_TOKEN: TOKEN, ONAIR_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
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

interface Viewer {
  ws: WebSocket;
  frames: number;
  deltas: number;
}

const server = await startServer();
try {
  const ops = (method: string, path: string, body?: unknown) =>
    fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((res) => res.json() as Promise<Json>);
  const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase() }));
  await ops('POST', `/v1/rooms/${ROOM}/polls?open=true`, {
    id: 'storm',
    question: 'Storm?',
    options,
    votesPerViewer: 100,
  });

  // ── connect ────────────────────────────────────────────────────────────────
  const live = `${server.url.replace('http', 'ws')}/v1/live?room=${ROOM}`;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let accepted = 0;
  let refused = 0;
  const refusals = new Map<string, number>();
  let counting = false;
  const viewers: Viewer[] = [];
  const connectStart = performance.now();
  for (let batch = 0; batch < VIEWERS; batch += 200) {
    const joins: Promise<void>[] = [];
    for (let i = batch; i < Math.min(VIEWERS, batch + 200); i++) {
      joins.push(
        new Promise<void>((resolve) => {
          const ws = new WebSocket(live, { perMessageDeflate: false });
          const viewer: Viewer = { ws, frames: 0, deltas: 0 };
          ws.on('open', () =>
            ws.send(JSON.stringify({ t: 'hello', v: 1, room: ROOM, viewer: `bench-${i}` })),
          );
          ws.on('message', (data: Buffer) => {
            if (counting) viewer.frames += 1;
            // Frames start with {"t":"<type>": the 7th byte tells them apart without decoding.
            const kind = data[6];
            if (kind === 0x73 /* s */) {
              viewers.push(viewer);
              resolve();
            } else if (kind === 0x64 /* d */) {
              if (counting) viewer.deltas += 1;
            } else if (kind === 0x61 /* a */) {
              const ack = JSON.parse(String(data)) as { key: string; ok: boolean; error?: { code: string } };
              const t0 = sentAt.get(ack.key);
              if (t0 === undefined) return;
              sentAt.delete(ack.key);
              latencies.push(performance.now() - t0);
              if (ack.ok) accepted += 1;
              else {
                refused += 1;
                const code = ack.error?.code ?? '?';
                refusals.set(code, (refusals.get(code) ?? 0) + 1);
              }
            }
          });
          ws.on('error', () => resolve());
          ws.on('close', () => resolve());
        }),
      );
    }
    await Promise.all(joins);
  }
  const connectSeconds = (performance.now() - connectStart) / 1000;
  const health = await fetch(`${server.url}/healthz`).then(
    (r) => r.json() as Promise<{ connections: number }>,
  );
  log(
    `connected ${viewers.length}/${VIEWERS} viewers in ${connectSeconds.toFixed(1)} s (server sees ${health.connections})`,
  );

  // ── vote storm ─────────────────────────────────────────────────────────────
  const cpuBefore = cpuSeconds(server.child.pid!);
  const clientCpuBefore = process.cpuUsage();
  const seqBefore = (await ops('GET', `/v1/rooms/${ROOM}`))['seq'] as number;
  counting = true;
  let sent = 0;
  let serial = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed >= SECONDS) {
        clearInterval(tick);
        resolve();
        return;
      }
      const due = Math.floor(elapsed * RATE) - sent;
      for (let n = 0; n < due; n++) {
        const viewer = viewers[serial % viewers.length]!;
        const key = `b${serial++}`;
        sentAt.set(key, performance.now());
        viewer.ws.send(
          JSON.stringify({
            t: 'action',
            key,
            name: 'poll.vote',
            payload: { poll: 'storm', choice: [options[serial % 4]!.id] },
          }),
        );
        sent += 1;
      }
    }, 5);
  });
  const stormSeconds = (performance.now() - start) / 1000;
  // Let the last acks and deltas arrive.
  for (let i = 0; i < 50 && sentAt.size > 0; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  counting = false;
  const countedSeconds = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);

  const room = await ops('GET', `/v1/rooms/${ROOM}`);
  const tally = room['state'].polls.storm.tally as Record<string, number>;
  const tallySum = Object.values(tally).reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
  const perViewer = (f: (v: Viewer) => number) =>
    viewers.reduce((sum, v) => sum + f(v), 0) / viewers.length / countedSeconds;
  const result = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    viewersTarget: VIEWERS,
    viewersHeld: health.connections,
    targetVotesPerSecond: RATE,
    seconds: Number(stormSeconds.toFixed(2)),
    votesSent: sent,
    votesAccepted: accepted,
    votesRefused: Object.fromEntries(refusals),
    unanswered: sentAt.size,
    acceptedPerSecond: Math.round(accepted / stormSeconds),
    ackLatencyMs: { p50: +pct(50).toFixed(2), p99: +pct(99).toFixed(2), max: +pct(100).toFixed(2) },
    deltasPerViewerPerSecond: +perViewer((v) => v.deltas).toFixed(2),
    messagesPerViewerPerSecond: +perViewer((v) => v.frames).toFixed(2),
    deltasSentPerSecond: +((room['seq'] - seqBefore) / countedSeconds).toFixed(2),
    serverCpuPercent: Math.round((cpu / countedSeconds) * 100),
    benchClientCpuPercent: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / countedSeconds) * 100),
    tallyMatchesAccepted: tallySum === accepted,
  };
  if (refused === 0) delete (result as Partial<typeof result>).votesRefused;

  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const rows: [string, string][] = [
      ['viewers held in one room', `${result.viewersHeld} / ${VIEWERS}`],
      ['votes sent', `${sent} in ${result.seconds} s (target ${RATE}/s)`],
      ['votes accepted per second', `${result.acceptedPerSecond}`],
      [
        'ack latency p50 / p99 / max',
        `${result.ackLatencyMs.p50} / ${result.ackLatencyMs.p99} / ${result.ackLatencyMs.max} ms`,
      ],
      ['deltas per viewer per second', `${result.deltasPerViewerPerSecond}`],
      ['messages per viewer per second', `${result.messagesPerViewerPerSecond} (deltas + own acks)`],
      ['deltas the room sent per second', `${result.deltasSentPerSecond}`],
      [
        'CPU: server / bench clients',
        `${result.serverCpuPercent} % / ${result.benchClientCpuPercent} % of one core`,
      ],
      ['final tally = accepted votes', `${result.tallyMatchesAccepted} (${tallySum})`],
    ];
    if (refused) rows.push(['refused', JSON.stringify(result.votesRefused)]);
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(32)} ${v}\n`);
  }
  for (const viewer of viewers) viewer.ws.terminate();
} finally {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
