/**
 * The collector's own table in the server's SQLite file. `id` is the primary key, so
 * `INSERT OR IGNORE` is the dedupe: a retried or re-sent event changes nothing the second time.
 *
 * The one index, `(room, type, ts_corrected, …)`, holds every column the Stats API (`stats/`) reads,
 * so a room's events of one type come out in time order without a lookup into the table per row
 * (three to four times faster over 100,000 events); it replaced `(room, type, ts_corrected)`, which
 * it also stands in for.
 *
 * Two rollups for the Stats API are kept in the same transaction. A batch comes from
 * one page, so its new events fold (in memory first) into a row or two per viewer, not one per
 * event:
 * - `telemetry_viewer_minutes`: per room, epoch minute, campaign and viewer with any event — the
 *   heartbeats, their lowest sample rate and their dwell (weighted by 1 / rate). Presence,
 *   concurrency and dwell are read from it instead of from every heartbeat;
 * - `telemetry_viewer_days`: per room, viewer and UTC day, the first and last corrected time the
 *   viewer was seen, so "seen in the 30 days before" is a few index seeks, not a 30-day scan.
 */
import type { Database } from 'better-sqlite3';
import type { CollectedEvent } from './schema.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS telemetry_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  ts INTEGER NOT NULL,
  ts_corrected INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  room TEXT,
  campaign TEXT,
  widget_kind TEXT,
  widget_id TEXT,
  variant TEXT,
  viewer TEXT NOT NULL,
  session TEXT NOT NULL,
  seq INTEGER NOT NULL,
  sample_rate REAL NOT NULL DEFAULT 1,
  props TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS telemetry_events_stats
  ON telemetry_events (room, type, ts_corrected, viewer, sample_rate, campaign, variant, widget_id, props);
DROP INDEX IF EXISTS telemetry_events_room_type;
CREATE TABLE IF NOT EXISTS telemetry_viewer_minutes (
  room TEXT NOT NULL,
  minute INTEGER NOT NULL,
  campaign TEXT NOT NULL,
  viewer TEXT NOT NULL,
  beats INTEGER NOT NULL,
  beat_min_rate REAL NOT NULL,
  dwell REAL NOT NULL,
  PRIMARY KEY (room, minute, campaign, viewer)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS telemetry_viewer_days (
  room TEXT NOT NULL,
  viewer TEXT NOT NULL,
  day INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  PRIMARY KEY (room, viewer, day)
) WITHOUT ROWID;
`;

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** A heartbeat's `dwell` counts up to this much (one hour): a client cannot claim a day in one beat. */
export const MAX_BEAT_DWELL_MS = 3_600_000;

/** The rollups' campaign column for events without one (the key cannot hold NULL). */
export const NO_CAMPAIGN = '';

type MinuteRow = [
  room: string,
  minute: number,
  campaign: string,
  viewer: string,
  beats: number,
  /** The lowest sample rate among the heartbeats; 1 without any. */
  beatMinRate: number,
  dwell: number,
];
type DayRow = [room: string, viewer: string, day: number, first: number, last: number];

/** A heartbeat's dwell as the rollup counts it: a finite number of ms, clamped to [0, 1 h]. */
function beatDwell(props: Record<string, unknown> | undefined): number {
  const dwell = props && Object.hasOwn(props, 'dwell') ? props['dwell'] : undefined;
  return typeof dwell === 'number' && Number.isFinite(dwell)
    ? Math.min(Math.max(dwell, 0), MAX_BEAT_DWELL_MS)
    : 0;
}

export interface EventStore {
  /** One transaction for the batch; returns how many were new (the rest were duplicates). */
  insert(events: readonly CollectedEvent[], offset: number, receivedAt: number): number;
  /** Counts by type, for one room or all. */
  stats(room?: string): { total: number; byType: Record<string, number> };
}

/** floor(ts / n) in SQLite, whose integer division truncates toward zero. */
const floor = (ts: string, n: number) => `(${ts} / ${n} - (${ts} < 0 AND ${ts} % ${n} != 0))`;

/**
 * Fills the rollups from the events already stored, the first time a file gets them (a file written
 * before they existed): the same figures ingest would have kept, in SQL.
 */
const BACKFILL = `
INSERT INTO telemetry_viewer_minutes (room, minute, campaign, viewer, beats, beat_min_rate, dwell)
SELECT room, ${floor('ts_corrected', MINUTE_MS)}, coalesce(campaign, '${NO_CAMPAIGN}'), viewer,
  sum(type = 'session.heartbeat'),
  min(CASE WHEN type = 'session.heartbeat' THEN sample_rate ELSE 1 END),
  sum(CASE WHEN type = 'session.heartbeat' AND json_type(props, '$.dwell') IN ('integer', 'real')
    THEN min(max(json_extract(props, '$.dwell'), 0), ${MAX_BEAT_DWELL_MS}) / sample_rate ELSE 0 END)
FROM telemetry_events WHERE room IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO telemetry_viewer_days (room, viewer, day, first_ts, last_ts)
SELECT room, viewer, ${floor('ts_corrected', DAY_MS)}, min(ts_corrected), max(ts_corrected)
FROM telemetry_events WHERE room IS NOT NULL GROUP BY 1, 2, 3;
`;

export function createEventStore(db: Database): EventStore {
  const rolledUp = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'telemetry_viewer_minutes'")
    .get();
  db.transaction(() => {
    db.exec(SCHEMA);
    if (!rolledUp) db.exec(BACKFILL);
  })();
  const insertOne = db.prepare(
    `INSERT OR IGNORE INTO telemetry_events
       (id, type, ts, ts_corrected, received_at, room, campaign, widget_kind, widget_id, variant, viewer, session, seq, sample_rate, props)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertMinute = db.prepare(
    `INSERT INTO telemetry_viewer_minutes (room, minute, campaign, viewer, beats, beat_min_rate, dwell)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET beats = beats + excluded.beats,
       beat_min_rate = min(beat_min_rate, excluded.beat_min_rate), dwell = dwell + excluded.dwell`,
  );
  const upsertDay = db.prepare(
    `INSERT INTO telemetry_viewer_days (room, viewer, day, first_ts, last_ts) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)`,
  );
  const insertAll = db.transaction(
    (events: readonly CollectedEvent[], offset: number, receivedAt: number) => {
      let added = 0;
      const minutes = new Map<string, MinuteRow>();
      const days = new Map<string, DayRow>();
      for (const e of events) {
        const changed = insertOne.run(
          e.id,
          e.type,
          e.ts,
          e.ts + offset,
          receivedAt,
          e.room ?? null,
          e.campaign ?? null,
          e.widget?.kind ?? null,
          e.widget?.id ?? null,
          e.variant ?? null,
          e.viewer,
          e.session,
          e.seq,
          e.sampleRate ?? 1,
          e.props === undefined ? null : JSON.stringify(e.props),
        ).changes;
        added += changed;
        // Only new events roll up: a duplicate must not count twice.
        if (changed === 0 || e.room === undefined) continue;
        const at = e.ts + offset;
        const rate = e.sampleRate ?? 1;
        const beat = e.type === 'session.heartbeat';
        const minute = Math.floor(at / MINUTE_MS);
        const campaign = e.campaign ?? NO_CAMPAIGN;
        const minuteKey = `${e.room}\n${minute}\n${campaign}\n${e.viewer}`;
        const m = minutes.get(minuteKey);
        const dwell = beat ? beatDwell(e.props) / rate : 0;
        const beatRate = beat ? rate : 1;
        if (!m) minutes.set(minuteKey, [e.room, minute, campaign, e.viewer, beat ? 1 : 0, beatRate, dwell]);
        else {
          m[4] += beat ? 1 : 0;
          m[5] = Math.min(m[5], beatRate);
          m[6] += dwell;
        }
        const day = Math.floor(at / DAY_MS);
        const dayKey = `${e.room}\n${e.viewer}\n${day}`;
        const d = days.get(dayKey);
        if (!d) days.set(dayKey, [e.room, e.viewer, day, at, at]);
        else {
          d[3] = Math.min(d[3], at);
          d[4] = Math.max(d[4], at);
        }
      }
      for (const row of minutes.values()) upsertMinute.run(...row);
      for (const row of days.values()) upsertDay.run(...row);
      return added;
    },
  );
  const byTypeAll = db.prepare(
    'SELECT type, COUNT(*) AS n FROM telemetry_events GROUP BY type ORDER BY type',
  );
  const byTypeRoom = db.prepare(
    'SELECT type, COUNT(*) AS n FROM telemetry_events WHERE room = ? GROUP BY type ORDER BY type',
  );
  return {
    insert: (events, offset, receivedAt) => insertAll(events, offset, receivedAt),
    stats(room) {
      const rows = (room === undefined ? byTypeAll.all() : byTypeRoom.all(room)) as {
        type: string;
        n: number;
      }[];
      const byType: Record<string, number> = {};
      let total = 0;
      for (const row of rows) {
        byType[row.type] = row.n;
        total += row.n;
      }
      return { total, byType };
    },
  };
}
