/**
 * What the collector-flood test and benchmark share: a flood of the collector from a process of its
 * own (`flood-sender.js`), and the live channel's vote-ack latency measured before and during it.
 */
import { spawn } from 'node:child_process';
import WebSocket from 'ws';

export interface FloodResult {
  requests: number;
  byStatus: Record<string, number>;
  networkErrors: number;
  eventsAccepted: number;
  seconds: number;
}

export interface FloodOptions {
  senders?: number;
  /** Events per batch. */
  batch?: number;
  /** Characters of padding in each event's props (default 200: about 450 bytes an event). */
  pad?: number;
  /** Requests in all, then the senders stop by themselves. Default: until `stop()`. */
  count?: number;
  /**
   * The senders' nice value. An attacker's CPU is not the server's: on a 2-core test machine the
   * senders would otherwise compete with the server for cores, which measures the machine, not
   * whether the collector is isolated from the live channel.
   */
  nice?: number;
}

export interface Flood {
  /** Freezes the senders (SIGSTOP) and lets them go on (SIGCONT): quiet and flooded windows alternate. */
  pause(): void;
  resume(): void;
  /** Ends the flood and reports what it got. */
  stop(): Promise<FloodResult>;
  /** What it got, once the senders stopped by themselves (after `count` requests). */
  done: Promise<FloodResult>;
}

/** Starts flooding `url` (the server's base URL); resolves once the senders are running. */
export async function startFlood(url: string, options: FloodOptions = {}): Promise<Flood> {
  // Through nice(1): Linux keeps a nice value per thread, so renicing a running process would
  // miss the threads it has already started (V8's, libuv's).
  const child = spawn(
    'nice',
    [
      '-n',
      String(options.nice ?? 19),
      process.execPath,
      new URL('./flood-sender.js', import.meta.url).pathname,
      JSON.stringify({
        url,
        senders: options.senders ?? 4,
        batch: options.batch ?? 200,
        pad: options.pad ?? 200,
        ...(options.count === undefined ? {} : { count: options.count }),
      }),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  let ready: () => void;
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk;
    if (out.startsWith('ready\n')) ready();
  });
  const done = new Promise<FloodResult>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice('ready\n'.length)) as FloodResult)
        : reject(new Error(`the flood sender exited with ${code}: ${out.slice(0, 300)}`)),
    ),
  );
  await Promise.race([started, done]);
  return {
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop() {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      return done;
    },
    done,
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export interface Voters {
  /**
   * Votes at `rate` per second for `ms`, round-robin over the viewers. Each vote counts under the
   * label `phase()` gives when it is sent (`null`: not counted); resolves with each label's ack
   * latencies, sorted.
   */
  vote(
    ms: number,
    rate: number,
    phase?: () => string | null,
  ): Promise<{ latencies: Record<string, number[]>; refused: number }>;
  close(): void;
}

/**
 * `count` viewers in `room` over real WebSockets, voting on `poll` (whose options are `choices`).
 * Each viewer stays under the live channel's 10 actions/s per viewer.
 */
export async function connectVoters(
  liveUrl: string,
  room: string,
  count: number,
  poll: string,
  choices: readonly string[],
): Promise<Voters> {
  const sentAt = new Map<string, { at: number; phase: string | null }>();
  let latencies: Record<string, number[]> = {};
  let refused = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`${liveUrl}?room=${room}`, { perMessageDeflate: false });
          ws.on('error', reject);
          ws.once('open', () => ws.send(JSON.stringify({ t: 'hello', v: 1, room, viewer: `voter-${i}` })));
          ws.on('message', (data: Buffer) => {
            const frame = JSON.parse(String(data)) as { t: string; key?: string; ok?: boolean };
            if (frame.t === 'snapshot') resolve(ws);
            if (frame.t !== 'ack' || frame.key === undefined) return;
            const sent = sentAt.get(frame.key);
            if (sent === undefined) return;
            sentAt.delete(frame.key);
            if (sent.phase !== null) {
              latencies[sent.phase] ??= [];
              latencies[sent.phase]!.push(performance.now() - sent.at);
            }
            if (!frame.ok) refused += 1;
          });
        }),
    ),
  );
  let serial = 0;
  return {
    async vote(ms, rate, phase = () => 'all') {
      latencies = {};
      refused = 0;
      const start = performance.now();
      let sent = 0;
      await new Promise<void>((resolve) => {
        const tick = setInterval(() => {
          const elapsed = performance.now() - start;
          if (elapsed >= ms) {
            clearInterval(tick);
            return resolve();
          }
          for (; sent < Math.floor((elapsed / 1000) * rate); sent++) {
            const key = `vote-${serial++}`;
            sentAt.set(key, { at: performance.now(), phase: phase() });
            sockets[serial % sockets.length]!.send(
              JSON.stringify({
                t: 'action',
                key,
                name: 'poll.vote',
                payload: { poll, choice: [choices[serial % choices.length]] },
              }),
            );
          }
        }, 5);
      });
      for (let i = 0; i < 100 && sentAt.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
      if (sentAt.size > 0) throw new Error(`${sentAt.size} votes were never acked`);
      for (const list of Object.values(latencies)) list.sort((a, b) => a - b);
      return { latencies, refused };
    },
    close() {
      for (const ws of sockets) ws.terminate();
    },
  };
}

export interface FloodScenario {
  /** The server's base URL (`http://…`). */
  url: string;
  opsToken: string;
  /** Measured time, split into alternating quiet and flooded windows. */
  seconds: number;
  /** One quiet or flooded window; votes sent in its first `settleMs` count for neither. */
  windowMs?: number;
  settleMs?: number;
  /** Votes per second, over `voters` viewers. */
  rate?: number;
  voters?: number;
  flood?: FloodOptions;
}

export interface LatencyFigures {
  votes: number;
  p50: number;
  p99: number;
  max: number;
}

export interface FloodScenarioResult {
  quiet: LatencyFigures;
  flooded: LatencyFigures;
  /** Votes refused (any ack with `ok: false`); none are expected. */
  refused: number;
  flood: FloodResult;
}

const figures = (sorted: readonly number[]): LatencyFigures => ({
  votes: sorted.length,
  p50: percentile(sorted, 50),
  p99: percentile(sorted, 99),
  max: sorted.at(-1) ?? Number.NaN,
});

/**
 * Vote-ack latency with and without a collector flood, on the same run. Quiet and flooded windows
 * alternate (the senders are frozen in between), so whatever else the machine does falls on both
 * alike; a budget compares the two. Creates its own room and poll.
 */
export async function runFloodScenario(scenario: FloodScenario): Promise<FloodScenarioResult> {
  const room = `flood-${Date.now().toString(36)}`;
  const choices = ['a', 'b', 'c', 'd'];
  const res = await fetch(`${scenario.url}/v1/rooms/${room}/polls?open=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${scenario.opsToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'flood',
      question: 'Flood?',
      options: choices.map((id) => ({ id, label: id })),
      votesPerViewer: 100,
    }),
  });
  if (res.status !== 201) throw new Error(`creating the poll answered ${res.status}: ${await res.text()}`);
  const liveUrl = `${scenario.url.replace('http', 'ws')}/v1/live`;
  const voters = await connectVoters(liveUrl, room, scenario.voters ?? 40, 'flood', choices);
  const windowMs = scenario.windowMs ?? 500;
  const settleMs = scenario.settleMs ?? 150;
  const rate = scenario.rate ?? 200;
  try {
    await voters.vote(1_000, rate); // warm-up: JIT, statements, the room's caches
    const flood = await startFlood(scenario.url, scenario.flood);
    let flooding = true;
    const start = performance.now();
    const toggle = setInterval(() => {
      flooding = !flooding;
      if (flooding) flood.resume();
      else flood.pause();
    }, windowMs);
    const voted = voters
      .vote(scenario.seconds * 1000, rate, () => {
        if ((performance.now() - start) % windowMs < settleMs) return null;
        return flooding ? 'flooded' : 'quiet';
      })
      .finally(() => clearInterval(toggle));
    // The senders are stopped whatever happened to the votes.
    const [result, floodResult] = await Promise.all([voted, voted.then(flood.stop, flood.stop)]);
    return {
      quiet: figures(result.latencies['quiet'] ?? []),
      flooded: figures(result.latencies['flooded'] ?? []),
      refused: result.refused,
      flood: floodResult,
    };
  } finally {
    voters.close();
  }
}
