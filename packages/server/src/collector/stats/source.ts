/**
 * What the stats read from the collector's file, on the collector's thread: the room's events of
 * one type over the range (the covering index `(room, type, ts_corrected, …)`, in time order), the presence rollup
 * and the day rollup (both kept at ingest, `../store.ts`). Every read is bounded: past
 * `MAX_ROWS_READ` rows in one answer the query stops and asks for a shorter range.
 */
import type { Database, Statement } from 'better-sqlite3';
import { DAY_MS, MINUTE_MS } from '../store.js';
import type { StatsEvent } from './event.js';
import type { StatsQuery } from './query.js';

/** Rows one answer may read, events and rollup rows together. */
export const MAX_ROWS_READ = 5_000_000;

export class RangeTooLarge extends Error {}

export interface PresenceRow {
  minute: number;
  viewer: string;
  /** Heartbeats in the minute, and their dwell weighted by 1 / rate. */
  beats: number;
  dwell: number;
  /** The lowest sample rate among those heartbeats. */
  beatMinRate: number;
}

export interface DayRow {
  day: number;
  first_ts: number;
  last_ts: number;
}

/**
 * Whether the day rows show an event in [since, until): inner days count whole; the first day
 * needs an event at or after `since` (its last one), the last an event before `until` (its first
 * one). Exact while `since` and `until` fall on different days, as the 7- and 30-day look-backs do.
 */
export function seenIn(rows: readonly DayRow[], since: number, until: number): boolean {
  return rows.some((r) => r.last_ts >= since && r.first_ts < until);
}

export interface StatsSource {
  /** Calls `fn` with each event of `type` in the range (and campaign), oldest first. */
  events(type: string, fn: (event: StatsEvent) => void): void;
  /** Calls `fn` with each (minute, viewer) of the range that has any event, by minute. */
  presence(fn: (row: PresenceRow) => void): void;
  /** The day rollup's rows of `viewer` for the days touching [since, until). */
  days(viewer: string, since: number, until: number): DayRow[];
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

export function createStatsSource(db: Database, query: StatsQuery): StatsSource {
  let read = 0;
  const count = () => {
    if (++read > MAX_ROWS_READ)
      throw new RangeTooLarge(`the range holds more than ${MAX_ROWS_READ} rows; ask for a shorter one`);
  };
  const campaign = query.campaign === null ? '' : ' AND campaign = @campaign';
  const params = {
    room: query.room,
    from: query.from,
    to: query.to,
    ...(query.campaign === null ? {} : { campaign: query.campaign }),
  };
  const events = db
    .prepare(
      `SELECT ts_corrected, viewer, campaign, variant, widget_id, sample_rate, props FROM telemetry_events
       WHERE room = @room AND type = @type AND ts_corrected >= @from AND ts_corrected < @to${campaign}
       ORDER BY ts_corrected`,
    )
    .raw(true);
  const presence = db
    .prepare(
      `SELECT minute, viewer, beats, dwell, beat_min_rate FROM telemetry_viewer_minutes
       WHERE room = @room AND minute >= @first AND minute < @end${
         query.campaign === null ? '' : ' AND campaign = @campaign'
       }
       ORDER BY minute`,
    )
    .raw(true);
  const days = db.prepare(
    `SELECT day, first_ts, last_ts FROM telemetry_viewer_days
     WHERE room = ? AND viewer = ? AND day >= ? AND day <= ? ORDER BY day`,
  );
  return {
    events(type, fn) {
      for (const row of (events as Statement<unknown[], unknown[]>).iterate({ ...params, type })) {
        count();
        const [ts, viewer, eventCampaign, variant, widgetId, rate, props] = row as [
          number,
          string,
          string | null,
          string | null,
          string | null,
          number,
          string | null,
        ];
        fn({
          type,
          ts,
          viewer,
          campaign: eventCampaign,
          variant,
          widgetId,
          rate,
          props: props === null ? EMPTY : (JSON.parse(props) as Record<string, unknown>),
        });
      }
    },
    presence(fn) {
      const range = {
        room: query.room,
        first: query.from / MINUTE_MS,
        end: query.to / MINUTE_MS,
        ...(query.campaign === null ? {} : { campaign: query.campaign }),
      };
      for (const row of (presence as Statement<unknown[], unknown[]>).iterate(range)) {
        count();
        const [minute, viewer, beats, dwell, beatMinRate] = row as [number, string, number, number, number];
        fn({ minute, viewer, beats, dwell, beatMinRate });
      }
    },
    days(viewer, since, until) {
      count();
      return days.all(
        query.room,
        viewer,
        Math.floor(since / DAY_MS),
        Math.floor((until - 1) / DAY_MS),
      ) as DayRow[];
    },
  };
}
