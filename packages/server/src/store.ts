/**
 * Prepared statements over the generic store (schema in `migrations.ts`): rooms, their records,
 * viewers' private records, idempotency records and logs. Knows nothing of any feature: what a
 * record means is the feature definition's business.
 *
 * Writes come as one `WriteBatch` run in one transaction, so an action's records, the viewer's
 * records, its log rows and its ack are stored together or not at all.
 */
import type { Database } from './db.js';

export interface RoomRow {
  id: string;
  version: string;
  seq: number;
}

export interface StoredRecord {
  coll: string;
  id: string;
  value: object;
}

/** Private records every room shares (a wallet) are stored under this room id. */
export const EVERY_ROOM = '';

export interface RecordWrite {
  room: string;
  coll: string;
  id: string;
  /** JSON text, or null to delete. */
  value: string | null;
  due: number | null;
}

export interface ViewerRecordWrite {
  /** The room, or `EVERY_ROOM`. */
  room: string;
  viewer: string;
  coll: string;
  id: string;
  value: string | null;
}

export interface AckWrite {
  room: string;
  viewer: string;
  key: string;
  ack: string;
  at: number;
}

export interface LogWrite {
  room: string;
  log: string;
  viewer: string;
  key: string;
  at: number;
  row: string;
}

/** Everything written in one transaction. */
export interface WriteBatch {
  /** New room rows, with when they were created. */
  rooms: (RoomRow & { at: number })[];
  seqs: Map<string, number>;
  /** The latest write of each record in the batch, by `room\ncoll\nid`: one statement each. */
  records: Map<string, RecordWrite>;
  /** The latest write of each private record, by `room\nviewer\ncoll\nid`. */
  viewerRecords: Map<string, ViewerRecordWrite>;
  /** Every viewer's private record (coll, id) of a room to delete. */
  forget: { room: string; coll: string; id: string }[];
  acks: AckWrite[];
  logs: LogWrite[];
}

export interface LogRow {
  seq: number;
  viewer: string;
  key: string;
  at: number;
  row: string;
}

export type Store = ReturnType<typeof createStore>;

export function emptyBatch(): WriteBatch {
  return {
    rooms: [],
    seqs: new Map(),
    records: new Map(),
    viewerRecords: new Map(),
    forget: [],
    acks: [],
    logs: [],
  };
}

export function createStore(db: Database) {
  const selectRoom = db.prepare<[string], RoomRow>('SELECT id, version, seq FROM rooms WHERE id = ?');
  const insertRoom = db.prepare('INSERT INTO rooms (id, version, seq, created_at) VALUES (?, ?, ?, ?)');
  const updateSeq = db.prepare('UPDATE rooms SET seq = ? WHERE id = ?');
  const selectRecords = db.prepare<[string], { coll: string; id: string; value: string }>(
    'SELECT coll, id, value FROM records WHERE room = ?',
  );
  const upsertRecord = db.prepare(
    `INSERT INTO records (room, coll, id, value, due) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (room, coll, id) DO UPDATE SET value = excluded.value, due = excluded.due`,
  );
  const deleteRecord = db.prepare('DELETE FROM records WHERE room = ? AND coll = ? AND id = ?');
  const selectViewerRecords = db.prepare<
    [string, string, string],
    { room: string; coll: string; id: string; value: string }
  >('SELECT room, coll, id, value FROM viewer_records WHERE viewer = ? AND room IN (?, ?)');
  const upsertViewerRecord = db.prepare(
    `INSERT INTO viewer_records (room, viewer, coll, id, value) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (room, viewer, coll, id) DO UPDATE SET value = excluded.value`,
  );
  const deleteViewerRecord = db.prepare(
    'DELETE FROM viewer_records WHERE room = ? AND viewer = ? AND coll = ? AND id = ?',
  );
  const forgetRecords = db.prepare('DELETE FROM viewer_records WHERE room = ? AND coll = ? AND id = ?');
  const selectAck = db.prepare<[string, string, string], { ack: string }>(
    'SELECT ack FROM action_acks WHERE room = ? AND viewer = ? AND key = ?',
  );
  const selectAckKeys = db.prepare<[string, string, number], { key: string }>(
    'SELECT key FROM action_acks WHERE room = ? AND viewer = ? LIMIT ?',
  );
  const insertAck = db.prepare('INSERT INTO action_acks (room, viewer, key, ack, at) VALUES (?, ?, ?, ?, ?)');
  const deleteAcks = db.prepare('DELETE FROM action_acks WHERE at < ?');
  const insertLog = db.prepare(
    'INSERT INTO logs (room, log, viewer, key, at, row) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectLog = db.prepare<[string, string, number], LogRow>(
    `SELECT * FROM (SELECT seq, viewer, key, at, row FROM logs WHERE room = ? AND log = ? ORDER BY seq DESC LIMIT ?)
     ORDER BY seq`,
  );
  const selectViewerLog = db.prepare<[string, string, string, number], LogRow>(
    `SELECT * FROM (SELECT seq, viewer, key, at, row FROM logs WHERE room = ? AND log = ? AND viewer = ?
       ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
  );
  // Rows whose key starts with a prefix (a survey's: `s1/`); `limit` counts matching rows only.
  const selectLogPrefix = db.prepare<
    [{ room: string; log: string; viewer: string | null; prefix: string; limit: number }],
    LogRow
  >(
    `SELECT * FROM (SELECT seq, viewer, key, at, row FROM logs WHERE room = @room AND log = @log
       AND (@viewer IS NULL OR viewer = @viewer) AND substr(key, 1, length(@prefix)) = @prefix
       ORDER BY seq DESC LIMIT @limit) ORDER BY seq`,
  );
  const selectLogKey = db.prepare<[string, string, string, string], { one: number }>(
    'SELECT 1 AS one FROM logs WHERE room = ? AND log = ? AND viewer = ? AND key = ?',
  );
  const selectTimedRooms = db.prepare<[], { room: string }>(
    'SELECT DISTINCT room FROM records WHERE due IS NOT NULL',
  );

  const write = db.transaction((batch: WriteBatch) => {
    for (const row of batch.rooms) insertRoom.run(row.id, row.version, row.seq, row.at);
    for (const w of batch.forget) forgetRecords.run(w.room, w.coll, w.id);
    for (const w of batch.records.values())
      if (w.value === null) deleteRecord.run(w.room, w.coll, w.id);
      else upsertRecord.run(w.room, w.coll, w.id, w.value, w.due);
    for (const w of batch.viewerRecords.values())
      if (w.value === null) deleteViewerRecord.run(w.room, w.viewer, w.coll, w.id);
      else upsertViewerRecord.run(w.room, w.viewer, w.coll, w.id, w.value);
    for (const w of batch.logs) insertLog.run(w.room, w.log, w.viewer, w.key, w.at, w.row);
    for (const w of batch.acks) insertAck.run(w.room, w.viewer, w.key, w.ack, w.at);
    for (const [room, seq] of batch.seqs) updateSeq.run(seq, room);
  });

  return {
    room: (id: string) => selectRoom.get(id),
    records: (room: string): StoredRecord[] =>
      selectRecords
        .all(room)
        .map((row) => ({ coll: row.coll, id: row.id, value: JSON.parse(row.value) as object })),
    /** The viewer's records of this room and those every room shares. */
    viewerRecords: (room: string, viewer: string) =>
      selectViewerRecords.all(viewer, room, EVERY_ROOM).map((row) => ({
        shared: row.room === EVERY_ROOM,
        coll: row.coll,
        id: row.id,
        value: JSON.parse(row.value) as unknown,
      })),
    ack: (room: string, viewer: string, key: string) => selectAck.get(room, viewer, key)?.ack,
    /** Up to `limit` keys the viewer used in the room; fewer than `limit` means all of them. */
    ackKeys: (room: string, viewer: string, limit: number) =>
      selectAckKeys.all(room, viewer, limit).map((row) => row.key),
    /** Whether one of these logs holds a row of this viewer under this key. */
    logHasKey: (room: string, logs: readonly string[], viewer: string, key: string) =>
      logs.some((log) => selectLogKey.get(room, log, viewer, key) !== undefined),
    log: (room: string, log: string, filter: { viewer?: string; prefix?: string; limit: number }) => {
      const { viewer, prefix, limit } = filter;
      if (prefix !== undefined)
        return selectLogPrefix.all({ room, log, viewer: viewer ?? null, prefix, limit });
      return viewer === undefined
        ? selectLog.all(room, log, limit)
        : selectViewerLog.all(room, log, viewer, limit);
    },
    /** Rooms holding a record with a timer: they are loaded at start so timers fire on time. */
    roomsWithTimers: () => selectTimedRooms.all().map((row) => row.room),
    /** One transaction: all or nothing. */
    write: (batch: WriteBatch) => write(batch),
    purgeAcks: (before: number) => deleteAcks.run(before).changes,
  };
}
