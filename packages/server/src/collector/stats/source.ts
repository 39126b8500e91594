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

export interface ViewerPresence {
  viewer: string;
  /** Heartbeats in the range, and their dwell weighted by 1 / rate. */
  beats: number;
  dwell: number;
  /** The lowest sample rate among those heartbeats (1 without any). */
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
  /** Every viewer with any event in the range, with their heartbeats (from the minute rollup). */
  viewers(): ViewerPresence[];
  /** Distinct viewers with any event in `minute` (an epoch minute). */
  concurrent(minute: number): number;
  /** The day rollup's rows of `viewer` for the days touching [since, until). */
  days(viewer: string, since: number, until: number): DayRow[];
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

export function createStatsSource(db: Database, query: StatsQuery, maxRows = MAX_ROWS_READ): StatsSource {
  let read = 0;
  const count = (rows = 1) => {
    read += rows;
    if (read > maxRows)
      throw new RangeTooLarge(`the range holds more than ${maxRows} rows; ask for a shorter one`);
  };
  const campaign = query.campaign === null ? '' : ' AND campaign = @campaign';
  const scope = { room: query.room, ...(query.campaign === null ? {} : { campaign: query.campaign }) };
  const params = { ...scope, from: query.from, to: query.to };
  const events = db
    .prepare(
      `SELECT ts_corrected, viewer, campaign, variant, widget_id, sample_rate, props FROM telemetry_events
       WHERE room = @room AND type = @type AND ts_corrected >= @from AND ts_corrected < @to${campaign}
       ORDER BY ts_corrected`,
    )
    .raw(true);
  // Aggregated by SQLite: a viewer's minutes never cross into JavaScript one by one.
  const rollup = `FROM telemetry_viewer_minutes WHERE room = @room AND minute >= @first AND minute < @end${campaign}`;
  const presenceRows = db.prepare(`SELECT COUNT(*) ${rollup}`).pluck();
  const perViewer = db.prepare(
    `SELECT viewer, SUM(beats) AS beats, SUM(dwell) AS dwell, MIN(beat_min_rate) AS beatMinRate ${rollup} GROUP BY viewer`,
  );
  const perMinute = db
    .prepare(
      `SELECT COUNT(DISTINCT viewer) FROM telemetry_viewer_minutes WHERE room = @room AND minute = @minute${campaign}`,
    )
    .pluck();
  const minutes = { ...scope, first: query.from / MINUTE_MS, end: query.to / MINUTE_MS };
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
    viewers() {
      count(presenceRows.get(minutes) as number);
      return perViewer.all(minutes) as ViewerPresence[];
    },
    concurrent(minute) {
      count();
      return perMinute.get({ ...scope, minute }) as number;
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
