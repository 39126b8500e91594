/** The stats document, or why there is none, as the collector's thread answers it. */
import type { Database } from 'better-sqlite3';
import type { StatsQuery } from './query.js';
import { roomStats, type StatsDocument } from './report.js';
import { RangeTooLarge } from './source.js';

export type RoomStatsOutcome =
  | { ok: true; document: StatsDocument; tookMs: number }
  | { ok: false; code: 'range_too_large'; message: string };

export function roomStatsOutcome(db: Database, query: StatsQuery): RoomStatsOutcome {
  const started = performance.now();
  try {
    const document = roomStats(db, query);
    return { ok: true, document, tookMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof RangeTooLarge) return { ok: false, code: 'range_too_large', message: error.message };
    throw error;
  }
}
