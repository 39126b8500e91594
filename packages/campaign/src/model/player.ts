/**
 * The campaign player: runs a room's campaign on a host's clock. It reads the campaign and its
 * progress from the room (the campaign feature's records, stored like any), runs each due item's
 * own ops command (once per distinct arguments its variations give it), then records the fire with
 * `campaign.fire`. Everything it knows is in the room, so a player started after a restart resumes:
 * items already fired are not fired again, items that came due meanwhile fire at once.
 *
 * If the host stops between an item's command and its `campaign.fire`, the command runs again on
 * resume; the features answer a repeat with a refusal (`duplicate_poll`) or the same state (a pin).
 */
import type { Clock } from '@onair/core/feature.js';
import type { CampaignRecord } from './feature.js';
import { argumentSets } from './placement.js';
import type { Campaign, TimelineItem } from './schema.js';
import { elapsed, endTime, fireTimes, wallTime } from './timeline.js';

export type CommandAnswer =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: string; message: string; path?: string } };

export interface PlayerHost {
  clock: Clock;
  /** Runs an ops command in the room, as the ops API would. */
  command(name: string, input: unknown): CommandAnswer | Promise<CommandAnswer>;
  /** Runs an ops query (the player reads `campaign.get`). */
  query(name: string, input: unknown): CommandAnswer | Promise<CommandAnswer>;
  /** Told of every command the player ran. */
  onRun?(event: PlayerEvent): void;
  /** Nothing is left to fire on its own (manual items may still come). */
  onIdle?(): void;
  /** A step failed unexpectedly (a bug or a storage error); the player tries again on the next wake. */
  onError?(error: unknown): void;
}

export interface PlayerEvent {
  /** `fire`: an item's command; `end`: its end command; `live`: the scheduled go-live. */
  kind: 'fire' | 'end' | 'live';
  item: string | null;
  command: string;
  args: unknown;
  /** Campaign time it was due at, ms. */
  at: number;
  /** Wall time it ran at. */
  ranAt: number;
  answer: CommandAnswer;
}

interface Loaded {
  record: CampaignRecord;
  campaign: Campaign;
}

export class CampaignPlayer {
  private readonly host: PlayerHost;
  private timer: { cancel(): void } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(host: PlayerHost) {
    this.host = host;
  }

  /** Reads the room again and runs what is due; call after every change ops make. */
  wake(): Promise<void> {
    this.queue = this.queue.then(
      () => this.step(),
      () => this.step(),
    );
    return this.queue;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private async read(): Promise<Loaded | null> {
    const answer = await this.host.query('campaign.get', {});
    if (!answer.ok) return null;
    const { record, campaign } = answer.result as {
      record: CampaignRecord | null;
      campaign: Campaign | null;
    };
    return record && campaign ? { record, campaign } : null;
  }

  private async run(event: Omit<PlayerEvent, 'ranAt' | 'answer'>): Promise<CommandAnswer> {
    const answer = await this.host.command(event.command, event.args);
    this.host.onRun?.({ ...event, ranAt: this.host.clock.now(), answer });
    return answer;
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    this.timer?.cancel();
    this.timer = null;
    try {
      await this.play();
    } catch (error) {
      this.host.onError?.(error);
    }
  }

  private async play(): Promise<void> {
    const { clock } = this.host;
    for (let rounds = 0; rounds < 1_000 && !this.stopped; rounds++) {
      const loaded = await this.read();
      if (!loaded) return;
      const { record, campaign } = loaded;
      const now = clock.now();
      if (record.status === 'scheduled') {
        if (now < record.goLive) return this.arm(record.goLive - now);
        await this.run({ kind: 'live', item: null, command: 'campaign.live', args: {}, at: 0 });
        continue;
      }
      if (record.status !== 'live' || record.liveAt === null) return;
      const at = elapsed(record, now);
      const times = fireTimes(campaign, record.liveAt, record);
      const due = dueItems(campaign, record, times, at);
      if (due.length) {
        for (const { item, time } of due) await this.fire(campaign, item, time);
        continue;
      }
      const ending = endingItems(campaign, record, at);
      if (ending.length) {
        for (const { item, time } of ending) await this.end(item, time);
        continue;
      }
      const next = nextTime(campaign, record, times, at);
      if (next === null) this.host.onIdle?.();
      else this.arm(wallTime(record, next, now) - now);
      return;
    }
  }

  private async fire(campaign: Campaign, item: TimelineItem, at: number): Promise<void> {
    for (const { args } of argumentSets(campaign, item))
      await this.run({ kind: 'fire', item: item.id, command: item.command, args, at });
    const recorded = await this.host.command('campaign.fire', { item: item.id, at });
    // Unrecorded, the item would come due again at once: stop here rather than run it in a loop.
    if (!recorded.ok) throw new Error(`recording item "${item.id}" failed: ${recorded.error.message}`);
  }

  private async end(item: TimelineItem, at: number): Promise<void> {
    if (item.end?.command)
      await this.run({ kind: 'end', item: item.id, command: item.end.command, args: item.end.args, at });
    const recorded = await this.host.command('campaign.leave', { item: item.id, at });
    if (!recorded.ok) throw new Error(`recording the end of "${item.id}" failed: ${recorded.error.message}`);
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    this.timer = this.host.clock.setTimer(() => void this.wake(), Math.max(0, ms));
  }
}

/** Items not fired yet whose time has come, earliest first (document order breaks ties). */
function dueItems(
  campaign: Campaign,
  record: CampaignRecord,
  times: Map<string, number | null>,
  at: number,
): { item: TimelineItem; time: number }[] {
  return campaign.timeline
    .filter((item) => !Object.hasOwn(record.fired, item.id))
    .map((item) => ({ item, time: times.get(item.id) ?? null }))
    .filter((entry): entry is { item: TimelineItem; time: number } => entry.time !== null && entry.time <= at)
    .sort((a, b) => a.time - b.time);
}

function endingItems(campaign: Campaign, record: CampaignRecord, at: number) {
  return campaign.timeline
    .filter(
      (item) => item.end && Object.hasOwn(record.fired, item.id) && !Object.hasOwn(record.ended, item.id),
    )
    .map((item) => ({ item, time: endTime(item, record.fired[item.id]!, record.liveAt!)! }))
    .filter((entry) => entry.time <= at)
    .sort((a, b) => a.time - b.time);
}

/** The next campaign time something is due: a fire or an end. */
function nextTime(
  campaign: Campaign,
  record: CampaignRecord,
  times: Map<string, number | null>,
  at: number,
): number | null {
  let next: number | null = null;
  const consider = (time: number | null) => {
    if (time !== null && time > at && (next === null || time < next)) next = time;
  };
  for (const item of campaign.timeline) {
    if (!Object.hasOwn(record.fired, item.id)) consider(times.get(item.id) ?? null);
    else if (item.end && !Object.hasOwn(record.ended, item.id))
      consider(endTime(item, record.fired[item.id]!, record.liveAt!));
  }
  return next;
}
