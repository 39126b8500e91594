// Server scenarios: the benches that live next to the code they measure, run as child processes
// over real loopback sockets (packages/server/bench/*.ts, packages/telemetry/bench/track.ts).
// A bench that is missing, fails or times out is reported as such; the rest still run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, ROOT } from './paths.js';
import { collector, type Figure, log, type ScenarioResult } from './report.js';

export interface ChildBench {
  id: string;
  title: string;
  file: string;
  args: string[];
  timeoutMs: number;
  /** Turns one run's stdout into named figures: `[unit, value]`. */
  parse(stdout: string): Record<string, [string, number]>;
}

const num = (s: string | undefined) => Number(s?.replace(/,/g, ''));

/** `live.ts --json` keys → figure names and units. Unknown numeric keys are kept, without a unit. */
const LIVE_FIGURES: Record<string, [string, string]> = {
  viewersHeld: ['viewers held in one room', 'viewers'],
  acceptedPerSecond: ['votes accepted', 'votes/s'],
  'ackLatencyMs.p50': ['ack latency p50', 'ms'],
  'ackLatencyMs.p99': ['ack latency p99', 'ms'],
  'ackLatencyMs.max': ['ack latency max', 'ms'],
  deltasPerViewerPerSecond: ['deltas per viewer', 'msgs/viewer/s'],
  messagesPerViewerPerSecond: ['messages per viewer (deltas + own acks)', 'msgs/viewer/s'],
  deltasSentPerSecond: ['deltas the room broadcast', 'deltas/s'],
  serverCpuPercent: ['server CPU', '% of one core'],
  benchClientCpuPercent: ['bench clients CPU (same machine)', '% of one core'],
  unanswered: ['votes never answered', 'votes'],
  tallyMatchesAccepted: ['final tally = accepted votes (1 = yes)', 'bool'],
  votesSent: ['votes sent', 'votes'],
  votesAccepted: ['votes accepted (total)', 'votes'],
  seconds: ['vote storm duration', 's'],
};

/**
 * `collector-flood.ts --json` keys → figures, quiet and flooded side by side, then the budget: the
 * vote-ack p99 while four senders flood the collector ≤ 3× the quiet p99 on the same run.
 */
const FLOOD_FIGURES: Record<string, [string, string]> = {
  'ackLatencyMs.quiet.p50': ['vote ack p50: quiet', 'ms'],
  'ackLatencyMs.flooded.p50': ['vote ack p50: collector flooded', 'ms'],
  'ackLatencyMs.quiet.p99': ['vote ack p99: quiet', 'ms'],
  'ackLatencyMs.flooded.p99': ['vote ack p99: collector flooded', 'ms'],
  'ackLatencyMs.quiet.max': ['vote ack max: quiet', 'ms'],
  'ackLatencyMs.flooded.max': ['vote ack max: collector flooded', 'ms'],
  p99Ratio: ['flooded p99 ÷ quiet p99 (budget ≤ 3)', '×'],
  withinBudget: ['within the budget (1 = yes)', 'bool'],
  'votes.quiet': ['votes counted: quiet', 'votes'],
  'votes.flooded': ['votes counted: collector flooded', 'votes'],
  'flood.requests': ['flood requests', 'requests'],
  'flood.answers.429': ['flood requests answered 429', 'requests'],
  'flood.answers.200': ['flood requests stored (200)', 'requests'],
  'flood.eventsStored': ['flood events stored', 'events'],
  'serverRssMb.before': ['server RSS before the flood', 'MB'],
  'serverRssMb.after': ['server RSS after the flood', 'MB'],
};

export function flatten(
  value: unknown,
  prefix = '',
  out: Record<string, number> = {},
): Record<string, number> {
  if (typeof value === 'number') out[prefix] = value;
  else if (typeof value === 'boolean') out[prefix] = value ? 1 : 0;
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** The last JSON object printed on stdout. */
export function lastJson(stdout: string): unknown {
  const start = stdout.lastIndexOf('\n{');
  return JSON.parse(stdout.slice(start < 0 ? stdout.indexOf('{') : start + 1));
}

export const CHILD_BENCHES: ChildBench[] = [
  {
    id: 'live-channel',
    title: 'Live channel: 2,000 viewers in one room voting at 5,000 votes/s target for 10 s (WebSockets)',
    file: 'packages/server/bench/live.ts',
    args: ['--json', '--viewers', '2000', '--rate', '5000', '--seconds', '10'],
    timeoutMs: 120_000,
    parse(stdout) {
      const flat = flatten(lastJson(stdout));
      const out: Record<string, [string, number]> = {};
      for (const [key, value] of Object.entries(flat)) {
        if (key.startsWith('machine.') || /Target|target/.test(key)) continue;
        const [name, unit] = LIVE_FIGURES[key] ?? [key, ''];
        out[name] = [unit, value];
      }
      return out;
    },
  },
  {
    id: 'cluster',
    title:
      'Cluster mode vs one node: 3 onair-server nodes on redis-server (AOF, fsync always) and 1 node on SQLite, 2,000 viewers, 2,000 votes/s for 10 s; then kill -9 of the owner',
    file: 'packages/server/bench/cluster.ts',
    args: ['--json', '--viewers', '2000', '--rate', '2000', '--seconds', '10'],
    timeoutMs: 240_000,
    parse(stdout) {
      const r = lastJson(stdout) as Record<'cluster' | 'single', Record<string, unknown>>;
      const out: Record<string, [string, number]> = {};
      for (const [setup, label] of [
        ['cluster', '3 nodes + Redis'],
        ['single', '1 node, SQLite'],
      ] as const) {
        const flat = flatten(r[setup]);
        const figure = (key: string, name: string, unit: string) => {
          if (flat[key] !== undefined) out[`${name}: ${label}`] = [unit, flat[key]];
        };
        figure('acceptedPerSecond', 'votes accepted', 'votes/s');
        figure('ackLatencyMs.p50', 'ack p50', 'ms');
        figure('ackLatencyMs.p99', 'ack p99', 'ms');
        figure('fanoutLagMs.p99', 'fan-out lag p99, ack on node A → delta on node C', 'ms');
        figure('redisRoundTripsPerVote', 'Redis round trips per vote', 'round trips');
        figure('redisCommandsPerVote', 'Redis commands per vote', 'commands');
        figure('redisBytesPerVote', 'Redis memory per vote (acks kept 25 h)', 'bytes');
        for (const [i, cpu] of ((r[setup]['cpuPercentPerNode'] as number[]) ?? []).entries())
          out[`CPU of node ${i + 1}: ${label}`] = ['% of one core', cpu];
        figure('redisCpuPercent', 'redis-server CPU', '% of one core');
        figure(
          'failover.firstAckAfterKillMs',
          'failover: kill -9 of the owner → first ack of the next',
          'ms',
        );
        figure('unanswered', 'votes never answered', 'votes');
        figure('tallyMatchesAccepted', 'final tally = accepted votes (1 = yes)', 'bool');
      }
      return out;
    },
  },
  {
    id: 'abuse',
    title:
      'Abuse: 200 sockets that never read storming resyncs vs 200 that read (400-product room); room ids named and released',
    file: 'packages/server/bench/abuse.ts',
    args: ['--json'],
    timeoutMs: 240_000,
    parse(stdout) {
      const r = lastJson(stdout) as {
        reading: { rssMB: number; deltasPerSecond: number; maxGapMs: number };
        stalled: { rssMB: number; deltasPerSecond: number; maxGapMs: number };
        retained: { bytesPerRoom: number; baselineBytesPerRoom: number };
      };
      return {
        'server RSS added, 200 reading viewers (baseline)': ['MB', r.reading.rssMB],
        'server RSS added, 200 never reading (budget ≤ 150)': ['MB', r.stalled.rssMB],
        "another viewer's deltas beside readers (baseline)": ['deltas/s', r.reading.deltasPerSecond],
        "another viewer's deltas beside stalled (budget ≥ 8)": ['deltas/s', r.stalled.deltasPerSecond],
        'its longest gap beside readers (baseline)': ['ms', r.reading.maxGapMs],
        'its longest gap beside stalled (budget ≤ 500)': ['ms', r.stalled.maxGapMs],
        'heap retained per room id released (budget ≤ 64)': ['bytes', r.retained.bytesPerRoom],
        'heap per reconnect to one room (baseline)': ['bytes', r.retained.baselineBytesPerRoom],
      };
    },
  },
  {
    id: 'collector-flood',
    title:
      'Live channel while four senders flood the collector: 40 viewers voting 200/s, quiet and flooded 500 ms windows alternating for 20 s',
    file: 'packages/server/bench/collector-flood.ts',
    args: ['--json', '--seconds', '20'],
    timeoutMs: 120_000,
    parse(stdout) {
      const flat = flatten(lastJson(stdout));
      const out: Record<string, [string, number]> = {};
      for (const [key, [name, unit]] of Object.entries(FLOOD_FIGURES))
        if (flat[key] !== undefined) out[name] = [unit, flat[key]];
      return out;
    },
  },
  {
    id: 'quiz',
    title:
      'Quiz: a question closed with 10,000 participants — the lock on the room engine, the reveal to 2,000 WebSocket viewers',
    file: 'packages/server/bench/quiz.ts',
    args: ['--json'],
    timeoutMs: 180_000,
    parse(stdout) {
      const r = lastJson(stdout) as {
        engine: {
          lockMs: { median: number };
          closeMs: { median: number };
          answerUs: { median: number };
          standingsBytes: number;
        };
        server: {
          revealMs: { p50: number; max: number };
          baselineMs: { p50: number; max: number };
          lockSeenMs: { max: number };
          standingsFromRevealMs: number;
        };
      };
      return {
        'lock: rank 10,000, standings, top 10 (budget ≤ 50)': ['ms', r.engine.lockMs.median],
        'quiz.close in the same room (baseline)': ['ms', r.engine.closeMs.median],
        'scoring one answer (engine)': ['µs', r.engine.answerUs.median],
        'standings record stored at each lock': ['bytes', r.engine.standingsBytes],
        'reveal to the last of 2,000 viewers (budget ≤ 500)': ['ms', r.server.revealMs.max],
        'a poll opened, to the last viewer (baseline)': ['ms', r.server.baselineMs.max],
        'reveal p50': ['ms', r.server.revealMs.p50],
        'a poll opened, p50 (baseline)': ['ms', r.server.baselineMs.p50],
        'locked, seen by the last viewer after its due time': ['ms', r.server.lockSeenMs.max],
        "every viewer's own standing answered, from the reveal": ['ms', r.server.standingsFromRevealMs],
      };
    },
  },
  {
    id: 'rain-grabs',
    title:
      'Red-packet rain: 2,500 WebSocket viewers grab a 2,000-packet coins rain at once (more grabs than packets)',
    file: 'packages/server/bench/rain.ts',
    args: ['--json'],
    timeoutMs: 180_000,
    parse(stdout) {
      const r = lastJson(stdout) as {
        grabs: { answeredPerSecond: number; paidPerSecond: number; p50Ms: number; p95Ms: number };
        baseline: { answeredPerSecond: number };
        paid: { exact: boolean };
      };
      if (!r.paid.exact) throw new Error('the budget was not paid exactly once');
      return {
        'grabs answered': ['grabs/s', r.grabs.answeredPerSecond],
        'packets paid (credited with their ledger rows)': ['packets/s', r.grabs.paidPerSecond],
        'gift.wallet reads answered, same viewers (baseline)': ['actions/s', r.baseline.answeredPerSecond],
        'grab ack p50 in the burst': ['ms', r.grabs.p50Ms],
        'grab ack p95 in the burst': ['ms', r.grabs.p95Ms],
      };
    },
  },
  {
    id: 'ingest',
    title:
      'Telemetry collector ingest: batches of 50 over HTTP into SQLite (WAL, on its own thread), 4 senders, 5 s, no rate limit',
    file: 'packages/server/bench/ingest.ts',
    args: ['5'],
    timeoutMs: 60_000,
    parse(stdout) {
      const rate = stdout.match(/([\d,.]+) events\/s/)?.[1];
      if (!rate) throw new Error(`no "events/s" figure in: ${stdout.trim().slice(0, 200)}`);
      return { 'events ingested': ['events/s', num(rate)] };
    },
  },
  {
    id: 'stats',
    title:
      'Stats API over 1,000,000 stored events (a two-hour show, ~5,000 viewers): the whole review, 5 answers over loopback HTTP',
    file: 'packages/server/bench/stats.ts',
    args: ['1000000', '5', '--json'],
    timeoutMs: 300_000,
    parse(stdout) {
      const r = lastJson(stdout) as {
        events: number;
        viewers: number;
        medianMs: number;
        maxMs: number;
        firstMs: number;
      };
      return {
        'events stored': ['events', r.events],
        'viewers in the show': ['viewers', r.viewers],
        'stats answer, median': ['ms', r.medianMs],
        'stats answer, slowest (budget ≤ 2,000)': ['ms', r.maxMs],
        'stats answer, first': ['ms', r.firstMs],
      };
    },
  },
  {
    id: 'track-node',
    title: '@onair/telemetry track() in Node (memory store, sending stubbed): client CPU only',
    file: 'packages/telemetry/bench/track.ts',
    args: [],
    timeoutMs: 60_000,
    parse(stdout) {
      const us = stdout.match(/([\d.]+) µs per event/)?.[1];
      if (!us) throw new Error(`no "µs per event" figure in: ${stdout.trim().slice(0, 200)}`);
      return { 'track() per event': ['µs/event', num(us)] };
    },
  },
];

/** Runs one child bench with tsx; kills its whole process group when it overruns. */
function runChild(bench: ChildBench): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BENCH, 'node_modules/.bin/tsx'), [join(ROOT, bench.file), ...bench.args], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`timed out after ${bench.timeoutMs / 1000} s`));
    }, bench.timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`exited with ${code}: ${(stderr || stdout).trim().split('\n').at(-1)}`));
    });
  });
}

export async function childBench(bench: ChildBench, runs: number): Promise<ScenarioResult> {
  if (!existsSync(join(ROOT, bench.file)))
    return {
      id: bench.id,
      title: bench.title,
      status: 'not available',
      note: `${bench.file} does not exist yet`,
      figures: [],
    };
  const c = collector();
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    c.add(bench.parse(await runChild(bench)));
    log(`    ${bench.id} run ${run + 1}/${runs}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const figures: Figure[] = c.figures();
  return {
    id: bench.id,
    title: bench.title,
    status: 'ok',
    note: `${bench.file} ${bench.args.join(' ')}`.trim(),
    figures,
  };
}
