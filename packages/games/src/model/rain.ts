/**
 * The red-packet rain's records and rules: when a rain runs by the server's clock, what a grab
 * takes and refuses, and the room's top grabbers. Pure functions over plain records;
 * `rain-feature.ts` wires them into the live feature.
 */
import { RAIN_LIMITS, type RainConfig, type RainUnit } from './rain-schema.js';

export type RainStatus = 'scheduled' | 'raining' | 'ended' | 'cancelled';

export interface TopGrabber {
  /** The viewer's public id. */
  id: string;
  name: string;
  /** What their packets held, in the rain's unit. */
  total: number;
  packets: number;
}

/** A rain as every viewer sees it (the packets' amounts are not in it: see `RainPool`). */
export interface RainRecord {
  id: string;
  title: string | null;
  unit: RainUnit;
  /** How amounts read: the gift catalog's currency and digits for coins; `POINTS`, 0 for points. */
  currency: string;
  digits: number;
  budget: number;
  count: number;
  minimum: number;
  maxPerViewer: number;
  durationMs: number;
  /** Epoch ms by the server's clock. */
  startsAt: number;
  endsAt: number;
  status: RainStatus;
  /** Packets grabbed so far, and what they held. */
  grabbed: number;
  paid: number;
  /** Viewers who grabbed at least one packet. */
  grabbers: number;
  /** The largest totals, largest first (ties: more packets, then the earlier grabber). */
  top: TopGrabber[];
}

/** The packets' amounts in grab order, never sent to viewers: the next grab takes `amounts[grabbed]`. */
export interface RainPool {
  id: string;
  amounts: number[];
}

/** A viewer's own grabs in one rain (`mine.rains[rain]`). */
export interface MyRain {
  /** The amounts of their packets, in the order grabbed. */
  packets: number[];
  total: number;
  /** When their last grab was accepted (server clock), for the human-rate rule. */
  last: number;
  /** The name they grabbed under (the top grabbers show it). */
  name?: string;
}

/** The rain's record as created (not started yet unless `startsAt` is now). */
export function createRain(
  config: RainConfig,
  now: number,
  money: { currency: string; digits: number },
): RainRecord {
  const startsAt = config.startsAt ?? now;
  return {
    id: config.id,
    title: config.title ?? null,
    unit: config.unit,
    currency: money.currency,
    digits: money.digits,
    budget: config.budget,
    count: config.count,
    minimum: config.minimum,
    maxPerViewer: config.maxPerViewer,
    durationMs: config.durationMs,
    startsAt,
    endsAt: startsAt + config.durationMs,
    status: startsAt <= now ? 'raining' : 'scheduled',
    grabbed: 0,
    paid: 0,
    grabbers: 0,
    top: [],
  };
}

/** The status at `now`: a rain's times decide, whether or not its timer has run yet. */
export function statusAt(rain: RainRecord, now: number): RainStatus {
  if (rain.status === 'cancelled' || rain.status === 'ended') return rain.status;
  if (now < rain.startsAt) return 'scheduled';
  if (now >= rain.endsAt || rain.grabbed >= rain.count) return 'ended';
  return 'raining';
}

/** When the rain's record must change by itself: at the start, then at the end. */
export function rainDue(rain: RainRecord): number | null {
  if (rain.status === 'scheduled') return rain.startsAt;
  if (rain.status === 'raining') return rain.endsAt;
  return null;
}

export type GrabRefusal = { code: string; message: string; path?: string };

/** Why a grab at `now` is refused, in the order a viewer would want to hear it, or null. */
export function grabRefusal(rain: RainRecord, mine: MyRain | undefined, now: number): GrabRefusal | null {
  const status = statusAt(rain, now);
  if (status === 'cancelled') return { code: 'rain_cancelled', message: `rain ${rain.id} was cancelled` };
  if (status === 'scheduled')
    return { code: 'rain_not_started', message: `rain ${rain.id} starts at ${rain.startsAt}` };
  if (rain.grabbed >= rain.count)
    return { code: 'rain_empty', message: `all ${rain.count} packets of rain ${rain.id} were grabbed` };
  if (status === 'ended') return { code: 'rain_ended', message: `rain ${rain.id} ended at ${rain.endsAt}` };
  if (mine && mine.packets.length >= rain.maxPerViewer)
    return {
      code: 'grab_limit',
      message: `a viewer grabs at most ${rain.maxPerViewer} packets of rain ${rain.id}`,
    };
  if (mine && now - mine.last < RAIN_LIMITS.grabIntervalMs)
    return {
      code: 'grab_too_fast',
      message: `grabs come at least ${RAIN_LIMITS.grabIntervalMs} ms apart; that is faster than a person taps`,
    };
  return null;
}

/** The rain after one more packet of `amount` went to `grabber` (whose totals before were `prior`). */
export function applyGrab(
  rain: RainRecord,
  prior: MyRain | undefined,
  grabber: { id: string; name: string },
  amount: number,
  now: number,
): { rain: RainRecord; mine: MyRain } {
  const mine: MyRain = {
    packets: [...(prior?.packets ?? []), amount],
    total: (prior?.total ?? 0) + amount,
    last: now,
  };
  const grabbed = rain.grabbed + 1;
  const entry: TopGrabber = {
    id: grabber.id,
    name: grabber.name,
    total: mine.total,
    packets: mine.packets.length,
  };
  // Totals only grow, so re-ranking this grabber alone keeps the list right.
  const top = rain.top.filter((t) => t.id !== grabber.id);
  const at = top.findIndex(
    (t) => entry.total > t.total || (entry.total === t.total && entry.packets > t.packets),
  );
  top.splice(at === -1 ? top.length : at, 0, entry);
  const next: RainRecord = {
    ...rain,
    status: grabbed >= rain.count ? 'ended' : 'raining',
    grabbed,
    paid: rain.paid + amount,
    grabbers: rain.grabbers + (prior ? 0 : 1),
    top: top.slice(0, RAIN_LIMITS.top),
  };
  return { rain: next, mine };
}

/** A readable default name from a viewer's public id. */
export function grabberName(viewerId: string): string {
  return `Viewer ${viewerId.replace(/[^A-Za-z0-9]/g, '').slice(-4) || viewerId}`;
}
