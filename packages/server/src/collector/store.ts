/**
 * The collector's own table in the server's SQLite file. `id` is the primary key, so
 * `INSERT OR IGNORE` is the dedupe: a retried or re-sent event changes nothing the second time.
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
CREATE INDEX IF NOT EXISTS telemetry_events_room_type ON telemetry_events (room, type, ts_corrected);
`;

export interface EventStore {
  /** One transaction for the batch; returns how many were new (the rest were duplicates). */
  insert(events: readonly CollectedEvent[], offset: number, receivedAt: number): number;
  /** Counts by type, for one room or all. */
  stats(room?: string): { total: number; byType: Record<string, number> };
}

export function createEventStore(db: Database): EventStore {
  db.exec(SCHEMA);
  const insertOne = db.prepare(
    `INSERT OR IGNORE INTO telemetry_events
       (id, type, ts, ts_corrected, received_at, room, campaign, widget_kind, widget_id, variant, viewer, session, seq, sample_rate, props)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = db.transaction(
    (events: readonly CollectedEvent[], offset: number, receivedAt: number) => {
      let added = 0;
      for (const e of events) {
        added += insertOne.run(
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
      }
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
