/**
 * The ops audit log (`ops_audit`, migration 3): one row per ops action — who (the token's name),
 * what (method, route pattern and command name), when, which room, and the outcome — written after
 * the answer is sent, whatever it was (a refused token included). Bounded: past `MAX_ROWS` the
 * oldest rows go. Read newest first, a page at a time.
 */
import type { Database } from '../db.js';

export const AUDIT_LIMITS = { maxRows: 1_000_000, pageSize: 100, maxPageSize: 500 };

export type Outcome = 'ok' | 'refused' | 'denied' | 'error';

export interface AuditEntry {
  id: number;
  at: number;
  who: string;
  method: string;
  route: string;
  command: string | null;
  room: string | null;
  status: number;
  outcome: Outcome;
}

export interface AuditQuery {
  room?: string;
  from?: number;
  to?: number;
  /** Entries older than this id (the previous page's `next`). */
  before?: number;
  limit?: number;
}

/** 2xx ok; 401/403 denied (no or not enough access); other 4xx refused (bad input, conflict); 5xx error. */
export function outcomeOf(status: number): Outcome {
  if (status === 401 || status === 403) return 'denied';
  if (status >= 500) return 'error';
  if (status >= 400) return 'refused';
  return 'ok';
}

export class AuditLog {
  private readonly db: Database;
  private writes = 0;
  private readonly insert;

  constructor(db: Database) {
    this.db = db;
    this.insert = db.prepare(
      `INSERT INTO ops_audit (at, who, method, route, command, room, status, outcome)
       VALUES (@at, @who, @method, @route, @command, @room, @status, @outcome)`,
    );
  }

  write(entry: Omit<AuditEntry, 'id' | 'outcome'>): void {
    this.insert.run({ ...entry, outcome: outcomeOf(entry.status) });
    // Now and then, not per row: one DELETE per thousand writes keeps the table under its bound.
    if (++this.writes % 1000 === 0)
      this.db
        .prepare('DELETE FROM ops_audit WHERE id <= (SELECT max(id) FROM ops_audit) - ?')
        .run(AUDIT_LIMITS.maxRows);
  }

  /** Newest first; `next` is the `before` of the following page, null on the last one. */
  read(query: AuditQuery): { entries: AuditEntry[]; next: number | null } {
    const limit = query.limit ?? AUDIT_LIMITS.pageSize;
    const where: string[] = [];
    const args: Record<string, string | number> = { limit: limit + 1 };
    if (query.room !== undefined) {
      where.push('room = @room');
      args['room'] = query.room;
    }
    if (query.from !== undefined) {
      where.push('at >= @from');
      args['from'] = query.from;
    }
    if (query.to !== undefined) {
      where.push('at < @to');
      args['to'] = query.to;
    }
    if (query.before !== undefined) {
      where.push('id < @before');
      args['before'] = query.before;
    }
    const rows = this.db
      .prepare(
        `SELECT id, at, who, method, route, command, room, status, outcome FROM ops_audit
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
      )
      .all(args) as AuditEntry[];
    const more = rows.length > limit;
    const entries = more ? rows.slice(0, limit) : rows;
    return { entries, next: more ? entries[entries.length - 1]!.id : null };
  }
}
