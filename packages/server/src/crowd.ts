/**
 * Simulated crowd for the demo: real `ws` connections from this process to its own `/v1/live`,
 * voting through the public protocol on whichever polls are open, so every rule (policies, rate
 * limits, idempotency, coalescing) applies to them exactly as to real viewers. With `telemetry`,
 * each viewer's page also reports to the collector (`crowd-telemetry.ts`), filling the Stats API.
 * Bounded: ≤ 500 viewers and ≤ 2,000 votes/s per room, ≤ 1,000 crowd connections in all, and
 * each crowd stops by itself after 10 minutes.
 */
import { randomBytes } from 'node:crypto';
import type { ServerFrame } from '@onair/core/protocol.js';
import { formatIssue, int, parse, strict, v } from '@onair/core/validation.js';
import type { PublicPoll } from '@onair/polls/model.js';
import WebSocket from 'ws';
import { CrowdGifts } from './crowd-gifts.js';
import { CROWD_TELEMETRY, CrowdTelemetry } from './crowd-telemetry.js';
import type { OpsResult } from './ops.js';

export const CROWD_LIMITS = {
  viewersPerRoom: 500,
  votesPerSecond: 2_000,
  totalViewers: 1_000,
  lifetimeMs: 600_000,
};

const crowdSchema = strict({
  viewers: int(1, CROWD_LIMITS.viewersPerRoom),
  votesPerSecond: int(0, CROWD_LIMITS.votesPerSecond),
  /** Also send each viewer's page telemetry to the collector (`crowd-telemetry.ts`). */
  telemetry: v.optional(v.boolean()),
  /** Viewer steps a second of that telemetry (default 20). */
  telemetryStepsPerSecond: v.optional(int(1, CROWD_TELEMETRY.maxStepsPerSecond)),
});

export interface CrowdInfo {
  room: string;
  viewers: number;
  connected: number;
  votesPerSecond: number;
  votesSent: number;
  stopsAt: number;
  /** The pages' telemetry: steps a second and events the collector accepted; null when off. */
  telemetry: { stepsPerSecond: number; accepted: number; rejected: number } | null;
}

interface CrowdDeps {
  /** `ws://…/v1/live` of this server once it listens, else null. */
  liveUrl(): string | null;
  /** Signs a viewer token when the server requires signed viewers. */
  sign: ((viewerId: string) => string) | null;
  /** Sent as `x-onair-internal`: the crowd's many sockets are the server's own, not one address's. */
  internalToken: string;
  now(): number;
}

const TICK_MS = 100;
const CONNECT_PER_TICK = 50;

class Crowd {
  readonly room: string;
  readonly viewers: number;
  readonly votesPerSecond: number;
  readonly stopsAt: number;
  votesSent = 0;
  private readonly sockets: WebSocket[] = [];
  /** Votes cast per viewer index, per poll id. */
  private readonly cast: Map<string, number>[] = [];
  private readonly polls = new Map<string, PublicPoll>();
  private readonly weights = new Map<string, number[]>();
  private readonly tag = randomBytes(4).toString('hex');
  private readonly timer: NodeJS.Timeout;
  private readonly deps: CrowdDeps;
  private budget = 0;
  private cursor = 0;
  private serial = 0;
  private readonly gifts = new CrowdGifts(this.tag);
  private readonly telemetry: CrowdTelemetry | null;

  constructor(
    room: string,
    viewers: number,
    votesPerSecond: number,
    deps: CrowdDeps,
    url: string,
    telemetry: { stepsPerSecond: number } | null = null,
  ) {
    this.room = room;
    this.viewers = viewers;
    this.votesPerSecond = votesPerSecond;
    this.deps = deps;
    this.telemetry = telemetry
      ? new CrowdTelemetry(
          {
            room,
            endpoint: () => url.replace(/^ws/, 'http').replace(/\/v1\/live$/, '/v1/events'),
            now: deps.now,
          },
          telemetry.stepsPerSecond,
        )
      : null;
    this.stopsAt = deps.now() + CROWD_LIMITS.lifetimeMs;
    this.timer = setInterval(() => this.tick(url), TICK_MS);
    this.timer.unref();
  }

  info(): CrowdInfo {
    const connected = this.sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
    const { room, viewers, votesPerSecond, votesSent, stopsAt } = this;
    const telemetry = this.telemetry
      ? {
          stepsPerSecond: this.telemetry.stepsPerSecond,
          accepted: this.telemetry.sent,
          rejected: this.telemetry.rejected,
        }
      : null;
    return { room, viewers, connected, votesPerSecond, votesSent, stopsAt, telemetry };
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    const closed = this.sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.terminate();
        }),
    );
    return Promise.all(closed).then(() => undefined);
  }

  private tick(url: string): void {
    for (let n = 0; n < CONNECT_PER_TICK && this.sockets.length < this.viewers; n++) this.connect(url);
    this.budget = Math.min(this.budget + (this.votesPerSecond * TICK_MS) / 1000, this.votesPerSecond);
    this.gifts.tick(TICK_MS, this.sockets.length, (index, frame, sent) => {
      const ws = this.sockets[index];
      if (ws?.readyState !== WebSocket.OPEN) return false;
      ws.send(frame);
      this.telemetry?.gave(index, sent.gift, sent.quantity, sent.value, sent.comboId);
      return true;
    });
    this.telemetry?.tick(TICK_MS);
    const open = [...this.polls.values()].filter((poll) => poll.status === 'open');
    if (open.length === 0) {
      this.budget = 0;
      return;
    }
    // Look at each viewer at most once per tick: when nobody may vote, stop rather than spin.
    for (let looked = 0; this.budget >= 1 && looked < this.sockets.length; looked++) {
      const index = this.cursor % this.sockets.length;
      this.cursor += 1;
      const ws = this.sockets[index];
      const poll = open[Math.floor(Math.random() * open.length)]!;
      const count = this.cast[index]?.get(poll.id) ?? 0;
      if (!ws || ws.readyState !== WebSocket.OPEN || (count >= poll.votesPerViewer && !poll.allowChange))
        continue;
      this.cast[index]?.set(poll.id, count + 1);
      this.budget -= 1;
      this.votesSent += 1;
      this.serial += 1;
      const payload = { poll: poll.id, choice: this.choose(poll) };
      this.telemetry?.voted(index, poll.id, payload.choice);
      ws.send(
        JSON.stringify({ t: 'action', key: `crowd-${this.tag}-${this.serial}`, name: 'poll.vote', payload }),
      );
    }
  }

  private connect(url: string): void {
    const index = this.sockets.length;
    const viewer = `crowd-${this.tag}-${index}`;
    const ws = new WebSocket(`${url}?room=${encodeURIComponent(this.room)}`, {
      headers: { 'x-onair-internal': this.deps.internalToken },
    });
    this.sockets.push(ws);
    this.cast.push(new Map());
    ws.on('open', () => {
      this.telemetry?.join(index, viewer);
      const identity = this.deps.sign
        ? { token: this.deps.sign(viewer) }
        : { credential: `${viewer}-credential` };
      ws.send(JSON.stringify({ t: 'hello', v: 1, room: this.room, ...identity }));
    });
    // One connection is enough to follow the room's polls for everyone.
    if (index === 0) ws.on('message', (data) => this.follow(String(data)));
    ws.on('error', () => {});
  }

  private follow(text: string): void {
    const frame = JSON.parse(text) as ServerFrame;
    if (frame.t === 'snapshot') {
      // A large room's snapshot comes in parts: the first starts afresh, each adds its records.
      if ((frame.part ?? 0) === 0) {
        this.gifts.reset();
        this.polls.clear();
      }
      this.gifts.follow(frame.state);
      this.telemetry?.follow(frame.state);
      for (const [id, poll] of Object.entries(frame.state['polls'] ?? {}))
        this.polls.set(id, poll as unknown as PublicPoll);
    } else if (frame.t === 'delta') {
      this.gifts.follow(null, frame.changes);
      this.telemetry?.follow(null, frame.changes);
      for (const change of frame.changes) {
        if (change.coll !== 'polls') continue;
        if (change.value) this.polls.set(change.id, change.value as unknown as PublicPoll);
        else this.polls.delete(change.id);
      }
    }
  }

  /** A skewed, per-poll preference so the demo's bars do not all sit at the same height. */
  private choose(poll: PublicPoll): string[] {
    let weights = this.weights.get(poll.id);
    if (!weights || weights.length !== poll.options.length) {
      weights = poll.options.map(() => Math.random() ** 2 + 0.05);
      this.weights.set(poll.id, weights);
    }
    const picks = poll.maxSelections > 1 ? 1 + Math.floor(Math.random() * poll.maxSelections) : 1;
    const chosen = new Set<string>();
    const total = weights.reduce((a, b) => a + b, 0);
    for (let attempt = 0; chosen.size < picks && attempt < picks * 4; attempt++) {
      let r = Math.random() * total;
      let i = 0;
      while (i < weights.length - 1 && r > weights[i]!) {
        r -= weights[i]!;
        i += 1;
      }
      const option = poll.options[i];
      if (option) chosen.add(option.id);
    }
    return [...chosen];
  }
}

export class CrowdManager {
  private readonly crowds = new Map<string, Crowd>();
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private readonly deps: CrowdDeps;

  constructor(deps: CrowdDeps) {
    this.deps = deps;
  }

  /** Starts (or replaces) the room's crowd. */
  async start(room: string, body: unknown): Promise<OpsResult<{ crowd: CrowdInfo }>> {
    const parsed = parse(crowdSchema, body);
    if (!parsed.ok) {
      const issue = parsed.issues[0]!;
      return {
        ok: false,
        status: 400,
        error: { code: 'invalid_body', message: formatIssue(issue), path: issue.path },
      };
    }
    const url = this.deps.liveUrl();
    if (!url)
      return {
        ok: false,
        status: 503,
        error: { code: 'not_listening', message: 'server is not listening yet' },
      };
    await this.stop(room);
    const others = [...this.crowds.values()].reduce((sum, crowd) => sum + crowd.viewers, 0);
    if (others + parsed.value.viewers > CROWD_LIMITS.totalViewers)
      return {
        ok: false,
        status: 429,
        error: {
          code: 'crowd_limit',
          message: `at most ${CROWD_LIMITS.totalViewers} simulated viewers in all; ${others} already run elsewhere`,
          path: 'viewers',
        },
      };
    const { viewers, votesPerSecond, telemetry, telemetryStepsPerSecond } = parsed.value;
    const crowd = new Crowd(
      room,
      viewers,
      votesPerSecond,
      this.deps,
      url,
      telemetry ? { stepsPerSecond: telemetryStepsPerSecond ?? CROWD_TELEMETRY.stepsPerSecond } : null,
    );
    this.crowds.set(room, crowd);
    const expiry = setTimeout(() => void this.stop(room), CROWD_LIMITS.lifetimeMs);
    expiry.unref();
    this.expiries.set(room, expiry);
    return { ok: true, value: { crowd: crowd.info() } };
  }

  async stop(room: string): Promise<boolean> {
    const crowd = this.crowds.get(room);
    clearTimeout(this.expiries.get(room));
    this.expiries.delete(room);
    if (!crowd) return false;
    this.crowds.delete(room);
    await crowd.stop();
    return true;
  }

  info(room: string): CrowdInfo | null {
    return this.crowds.get(room)?.info() ?? null;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.crowds.keys()].map((room) => this.stop(room)));
  }
}
