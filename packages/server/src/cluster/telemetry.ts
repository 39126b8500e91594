/**
 * Telemetry in cluster mode. Each node checks its batches as the single-node collector does, then
 * appends the valid events (one entry per batch) to one Redis Stream. One consumer group drains
 * it: every node is a consumer, each entry goes to one of them, and one script per entry dedupes
 * its events by id, adds them to the counts and acknowledges the entry — all or nothing, so an
 * entry is counted once even when its consumer dies (another claims it after `CLAIM_IDLE_MS`).
 * The stats any node answers are those counts: every node's events, each once.
 *
 * What is kept: counts by type, for all rooms and per room. The events themselves stay in the
 * stream until it passes `STREAM_MAX` entries (batches); the single-node collector's per-event
 * table is not written in cluster mode.
 */
import type { Redis } from 'ioredis';
import type { EventStats, RelayedBatch } from '../collector/index.js';

const STREAM = 'onair:events';
const GROUP = 'onair-stats';
/** Batches kept in the stream (approximately; the oldest go first). */
const STREAM_MAX = 1_000_000;
/** How long an event id is remembered for dedupe: a client re-sends within minutes. */
const SEEN_MS = 60 * 60 * 1000;
/** An entry a consumer took and did not finish in this long is claimed by another. */
const CLAIM_IDLE_MS = 30_000;
const READ_COUNT = 100;
const READ_BLOCK_MS = 500;

const COUNTS_ALL = 'onair:events:counts:all';
const countsOf = (room: string) => `onair:events:counts:room:${room}`;

/** KEYS: stream, all counts. ARGV: group, entry id, seen ms, then (id, type, room or '') per event. */
const DRAIN = `
local added = 0
for i = 4, #ARGV, 3 do
  if redis.call('SET', 'onair:events:seen:' .. ARGV[i], '1', 'NX', 'PX', ARGV[3]) then
    redis.call('HINCRBY', KEYS[2], ARGV[i + 1], 1)
    if ARGV[i + 2] ~= '' then redis.call('HINCRBY', 'onair:events:counts:room:' .. ARGV[i + 2], ARGV[i + 1], 1) end
    added = added + 1
  end
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
return added
`;

export class ClusterTelemetry {
  private readonly redis: Redis;
  /** Blocking group reads get a connection of their own. */
  private readonly reader: Redis;
  private readonly node: string;
  private readonly log: { warn(obj: unknown, msg: string): void };
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(redis: Redis, reader: Redis, node: string, log: { warn(obj: unknown, msg: string): void }) {
    this.redis = redis;
    this.reader = reader;
    this.node = node;
    this.log = log;
    redis.defineCommand('onairDrainEvents', { numberOfKeys: 2, lua: DRAIN });
  }

  async start(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', STREAM, GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).startsWith('BUSYGROUP')) throw error;
    }
    this.running = this.drain();
  }

  /** Appends a checked batch to the stream; resolves once Redis has it. */
  async publish(batch: RelayedBatch): Promise<void> {
    await this.redis.xadd(STREAM, 'MAXLEN', '~', STREAM_MAX, '*', 'b', JSON.stringify(batch));
  }

  async stats(room?: string): Promise<EventStats> {
    const raw = await this.redis.hgetall(room === undefined ? COUNTS_ALL : countsOf(room));
    const byType: Record<string, number> = {};
    let total = 0;
    for (const type of Object.keys(raw).sort()) {
      byType[type] = Number(raw[type]);
      total += byType[type]!;
    }
    return { total, byType };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.running?.catch(() => {});
  }

  /** Reads new entries for this consumer, and now and then claims those another left unfinished. */
  private async drain(): Promise<void> {
    let claimedAt = 0;
    while (!this.closed) {
      try {
        if (Date.now() - claimedAt > CLAIM_IDLE_MS / 2) {
          claimedAt = Date.now();
          const [, claimed] = (await this.redis.xautoclaim(
            STREAM,
            GROUP,
            this.node,
            CLAIM_IDLE_MS,
            '0-0',
            'COUNT',
            READ_COUNT,
          )) as [string, [string, string[]][]];
          for (const entry of claimed) await this.count(entry);
        }
        const answer = (await this.reader.xreadgroup(
          'GROUP',
          GROUP,
          this.node,
          'COUNT',
          READ_COUNT,
          'BLOCK',
          READ_BLOCK_MS,
          'STREAMS',
          STREAM,
          '>',
        )) as [string, [string, string[]][]][] | null;
        for (const [, entries] of answer ?? []) for (const entry of entries) await this.count(entry);
      } catch (error) {
        if (this.closed) return;
        this.log.warn({ err: error }, 'draining telemetry events failed');
        await new Promise((resolve) => setTimeout(resolve, READ_BLOCK_MS));
      }
    }
  }

  private async count([id, fields]: [string, string[]]): Promise<void> {
    const args: string[] = [];
    const text = fields[0] === 'b' ? fields[1] : undefined;
    try {
      const batch = JSON.parse(text ?? '') as RelayedBatch;
      for (const event of batch.events) args.push(event.id, event.type, event.room ?? '');
    } catch {
      // Not an entry this server wrote: acknowledged below with nothing counted.
    }
    // biome-ignore lint/suspicious/noExplicitAny: a command added by defineCommand
    await (this.redis as any).onairDrainEvents(STREAM, COUNTS_ALL, GROUP, id, SEEN_MS, ...args);
  }
}
