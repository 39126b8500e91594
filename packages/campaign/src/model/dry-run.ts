/**
 * The dry run: plays a campaign in an in-page room (`createLocalRoom`, the same features and the
 * same player as the server) at N× speed, and reports what fired when and what each slot showed.
 * Runs in a browser (the console's preview) and in Node (tests, scripts).
 */
import type { AnyFeature, Clock } from '@onair/core/feature.js';
import { createLocalRoom, type LocalRoom } from '@onair/core/local-room.js';
import type { RoomState } from '@onair/core/protocol.js';
import { campaignFeature } from './feature.js';
import { CampaignPlayer, type CommandAnswer } from './player.js';
import type { Campaign } from './schema.js';
import { validateCampaign } from './validate.js';

export interface DryRunOptions {
  features: readonly AnyFeature[];
  /** Campaign ms per real ms (default 60: a minute a second). Ignored with `clock`. */
  speed?: number;
  /** A clock of its own (a test's manual clock); default: the real one sped up `speed` times. */
  clock?: Clock;
  /** Manual items to press, by id: campaign ms after go-live. */
  trigger?: Record<string, number>;
  /** Stop at this campaign time even if items are left (default: when nothing more would fire). */
  untilMs?: number;
  /** Called with each event as it happens (a live timeline view). */
  onEvent?(event: DryRunEvent): void;
  /**
   * Called with the in-page room once the campaign is loaded, before it goes live: a preview
   * connects real elements to it (`localNetwork(room).transport()`).
   */
  onRoom?(room: LocalRoom): void;
  /** Leave the room running when the run ends (the caller disposes it): a preview keeps showing it. */
  keepRoom?: boolean;
}

export interface DryRunEvent {
  /** Campaign time, ms since go-live. */
  at: number;
  /** `fire`: an item's command; `end`: its end command; `slot`: what a slot shows changed. */
  kind: 'fire' | 'end' | 'slot';
  item: string | null;
  command?: string;
  answer?: CommandAnswer;
  slot?: string;
}

export interface DryRunReport {
  events: DryRunEvent[];
  /** The room at the end, as viewers see it. */
  state: RoomState;
  /** Campaign time the run stopped at. */
  endedAt: number;
}

/**
 * A real clock running `speed` times faster, from the campaign's go-live. Its timers never fire
 * before their time on this clock: a real timer may wake a little early (and at 1,000× a real
 * millisecond early is a campaign second), so one that does waits again for the rest.
 */
export function fastClock(start: number, speed: number): Clock {
  const began = performance.now();
  // Whole milliseconds, as every clock answers (records store them as integers).
  const now = () => start + Math.floor((performance.now() - began) * speed);
  return {
    now,
    setTimer(fn, ms) {
      const due = now() + ms;
      let handle: ReturnType<typeof setTimeout>;
      const wait = (left: number) => {
        handle = setTimeout(() => (now() < due ? wait(due - now()) : fn()), Math.max(0, left / speed));
      };
      wait(ms);
      return { cancel: () => clearTimeout(handle) };
    },
  };
}

export function dryRun(input: unknown, options: DryRunOptions): Promise<DryRunReport> {
  const parsed = validateCampaign(input, options.features);
  if (!parsed.ok)
    return Promise.reject(
      Object.assign(new Error(`the campaign is not valid: ${parsed.issues[0]!.path}`), {
        issues: parsed.issues,
      }),
    );
  const campaign: Campaign = {
    ...parsed.value,
    goLive: new Date(Date.parse(parsed.value.goLive)).toISOString(),
  };
  const goLive = Date.parse(campaign.goLive);
  const clock = options.clock ?? fastClock(goLive, options.speed ?? 60);
  const room: LocalRoom = createLocalRoom({
    room: campaign.room,
    features: [...options.features, campaignFeature],
    clock,
    flushMs: 0,
  });
  const events: DryRunEvent[] = [];
  const liveAt = () => {
    const got = room.query('campaign.get', {});
    return got.ok
      ? ((got.result as { record: { liveAt: number | null } }).record?.liveAt ?? clock.now())
      : clock.now();
  };
  const emit = (event: DryRunEvent) => {
    events.push(event);
    options.onEvent?.(event);
  };
  let slots: Record<string, unknown> = {};
  const watchSlots = (at: number) => {
    const next = room.state()['slots'] ?? {};
    for (const slot of new Set([...Object.keys(slots), ...Object.keys(next)])) {
      const before = JSON.stringify(slots[slot] ?? null);
      const after = (next[slot] as { item?: string } | undefined) ?? null;
      if (before !== JSON.stringify(after)) emit({ at, kind: 'slot', slot, item: after?.item ?? null });
    }
    slots = next;
  };

  return new Promise((resolve) => {
    const timers: { cancel(): void }[] = [];
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      player.stop();
      for (const timer of timers) timer.cancel();
      const report = { events, state: room.state(), endedAt: clock.now() - liveAt() };
      if (!options.keepRoom) room.dispose();
      resolve(report);
    };
    const player = new CampaignPlayer({
      clock,
      command: (name, args) => {
        const answer = room.command(name, args);
        if (name === 'campaign.fire' || name === 'campaign.leave') watchSlots(clock.now() - liveAt());
        return answer;
      },
      query: (name, args) => room.query(name, args),
      onRun: (event) => {
        if (event.kind === 'live') return;
        emit({
          at: event.at,
          kind: event.kind,
          item: event.item,
          command: event.command,
          answer: event.answer,
        });
      },
      onIdle: () => {
        const pending = Object.values(options.trigger ?? {}).some((at) => at > clock.now() - liveAt());
        if (!pending) finish();
      },
      onError: (error) => console.error(error),
    });
    room.command('campaign.load', { campaign });
    options.onRoom?.(room);
    room.command('campaign.live', {});
    for (const [item, at] of Object.entries(options.trigger ?? {}))
      timers.push(
        clock.setTimer(() => {
          room.command('campaign.trigger', { item });
          void player.wake();
        }, at),
      );
    if (options.untilMs !== undefined) timers.push(clock.setTimer(finish, options.untilMs));
    void player.wake();
  });
}
