/**
 * Every campaign pushed to a room, kept as a numbered version in SQLite, and which rooms have a
 * campaign running (so a restarted server resumes them). Tables of their own (migration step 4): they
 * hold documents, not room records, and no room reads them.
 */
import type { Campaign } from '@onair/campaign/model.js';
import type { Database } from '../db.js';

/** Versions kept per room; the oldest go first. */
export const MAX_VERSIONS_PER_ROOM = 200;

export interface VersionInfo {
  version: number;
  id: string;
  title: string;
  pushedAt: number;
  /** The version this push restored, for a rollback. */
  rolledBackFrom: number | null;
}

export class CampaignVersions {
  private readonly db: Database;
  private readonly statements;

  constructor(db: Database) {
    this.db = db;
    this.statements = {
      last: db.prepare<[string], { version: number }>(
        'SELECT COALESCE(MAX(version), 0) AS version FROM campaign_versions WHERE room = ?',
      ),
      insert: db.prepare(
        'INSERT INTO campaign_versions (room, version, campaign, document, pushed_at, rolled_back_from) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      trim: db.prepare('DELETE FROM campaign_versions WHERE room = ? AND version <= ?'),
      list: db.prepare<
        [string],
        { version: number; document: string; pushed_at: number; rolled_back_from: number | null }
      >(
        'SELECT version, document, pushed_at, rolled_back_from FROM campaign_versions WHERE room = ? ORDER BY version DESC',
      ),
      one: db.prepare<[string, number], { document: string }>(
        'SELECT document FROM campaign_versions WHERE room = ? AND version = ?',
      ),
      active: db.prepare(
        'INSERT INTO campaign_rooms (room, active) VALUES (?, ?) ON CONFLICT(room) DO UPDATE SET active = excluded.active',
      ),
      running: db.prepare<[], { room: string }>('SELECT room FROM campaign_rooms WHERE active = 1'),
    };
  }

  /** Stores a push as the room's next version (in one transaction) and returns its number. */
  push(room: string, campaign: Campaign, now: number, rolledBackFrom: number | null = null): number {
    return this.db.transaction(() => {
      const version = this.statements.last.get(room)!.version + 1;
      this.statements.insert.run(room, version, campaign.id, JSON.stringify(campaign), now, rolledBackFrom);
      this.statements.trim.run(room, version - MAX_VERSIONS_PER_ROOM);
      this.statements.active.run(room, 1);
      return version;
    })();
  }

  list(room: string): VersionInfo[] {
    return this.statements.list.all(room).map((row) => {
      const doc = JSON.parse(row.document) as Campaign;
      return {
        version: row.version,
        id: doc.id,
        title: doc.title,
        pushedAt: row.pushed_at,
        rolledBackFrom: row.rolled_back_from,
      };
    });
  }

  get(room: string, version: number): Campaign | null {
    const row = this.statements.one.get(room, version);
    return row ? (JSON.parse(row.document) as Campaign) : null;
  }

  setActive(room: string, active: boolean): void {
    this.statements.active.run(room, active ? 1 : 0);
  }

  /** Rooms whose campaign has not ended: a restarted server resumes them. */
  running(): string[] {
    return this.statements.running.all().map((row) => row.room);
  }
}
