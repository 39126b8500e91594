/**
 * When each item of a campaign fires, in campaign time: ms since go-live, not counting pauses.
 * Pausing holds every trigger, absolute ones too: a trigger that came due during a pause fires on
 * resume. `offset` is its ms; `at` is its wall time minus the go-live; `after` is the time the other
 * item fired (or will) plus its ms; `manual` is when ops triggered it, or never.
 */
import type { Campaign, TimelineItem } from './schema.js';

/** What has happened so far, as the campaign feature stores it. */
export interface Progress {
  /** Wall time the campaign went live, epoch ms; null before. */
  liveAt: number | null;
  /** Wall time of the pause in force, or null. */
  pausedAt: number | null;
  /** Ms spent paused before the pause in force. */
  pausedMs: number;
  /** Campaign time each item fired at. */
  fired: Readonly<Record<string, number>>;
  /** Campaign time each item left its slot at. */
  ended: Readonly<Record<string, number>>;
  /** Campaign time ops triggered each manual item at. */
  triggered: Readonly<Record<string, number>>;
}

export const NO_PROGRESS: Progress = {
  liveAt: null,
  pausedAt: null,
  pausedMs: 0,
  fired: {},
  ended: {},
  triggered: {},
};

/** Campaign time at wall time `now` (frozen while paused). */
export function elapsed(progress: Progress, now: number): number {
  if (progress.liveAt === null) return 0;
  const until = progress.pausedAt ?? now;
  return Math.max(0, until - progress.liveAt - progress.pausedMs);
}

/** Wall time of campaign time `at`, were the campaign to run on without a pause from now. */
export function wallTime(progress: Progress, at: number, now: number): number {
  if (progress.liveAt === null) return Number.POSITIVE_INFINITY;
  const paused = progress.pausedMs + (progress.pausedAt === null ? 0 : now - progress.pausedAt);
  return progress.liveAt + paused + at;
}

/**
 * Each item's fire time in campaign time, or null (manual and not triggered, or after such an
 * item). `goLive` is the wall time campaign time starts from (for `at` triggers); items in a cycle
 * of `after` triggers never fire (preflight reports the cycle).
 */
export function fireTimes(
  campaign: Campaign,
  goLive: number,
  progress: Progress = NO_PROGRESS,
): Map<string, number | null> {
  const byId = new Map(campaign.timeline.map((item) => [item.id, item]));
  const times = new Map<string, number | null>();
  const visiting = new Set<string>();
  const timeOf = (item: TimelineItem): number | null => {
    if (times.has(item.id)) return times.get(item.id)!;
    if (Object.hasOwn(progress.fired, item.id)) return progress.fired[item.id]!;
    if (visiting.has(item.id)) return null; // a cycle
    visiting.add(item.id);
    const trigger = item.trigger;
    let at: number | null;
    if (trigger.type === 'offset') at = trigger.ms;
    else if (trigger.type === 'at') at = Math.max(0, Date.parse(trigger.at) - goLive);
    else if (trigger.type === 'manual')
      at = Object.hasOwn(progress.triggered, item.id) ? progress.triggered[item.id]! : null;
    else {
      const other = byId.get(trigger.item);
      const base = other ? timeOf(other) : null;
      at = base === null ? null : base + trigger.ms;
    }
    visiting.delete(item.id);
    times.set(item.id, at);
    return at;
  };
  for (const item of campaign.timeline) timeOf(item);
  return times;
}

/** The `after` chains that loop back on themselves, each as the ids around the loop. */
export function cycles(campaign: Campaign): string[][] {
  const next = new Map<string, string>();
  for (const item of campaign.timeline)
    if (item.trigger.type === 'after') next.set(item.id, item.trigger.item);
  const found: string[][] = [];
  const done = new Set<string>();
  for (const start of next.keys()) {
    const path: string[] = [];
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at) && !path.includes(at)) {
      path.push(at);
      at = next.get(at);
    }
    if (at !== undefined && path.includes(at)) found.push(path.slice(path.indexOf(at)));
    for (const id of path) done.add(id);
  }
  return found;
}

/** Campaign time an item leaves its slot, given when it fired; null without an end. */
export function endTime(item: TimelineItem, firedAt: number, liveAt: number): number | null {
  if (!item.end) return null;
  if (item.end.afterMs !== undefined) return firedAt + item.end.afterMs;
  return Math.max(0, Date.parse(item.end.at!) - liveAt);
}
