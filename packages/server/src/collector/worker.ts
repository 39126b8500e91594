/**
 * The collector's own thread: it owns the events file and runs every batch (gunzip, JSON, checks,
 * insert) off the live channel's event loop. Started by `thread.ts`; one message in, one answer out.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openSqlite } from '../db.js';
import { type IngestInput, ingest } from './ingest.js';
import { type RoomStatsOutcome, roomStatsOutcome } from './stats/outcome.js';
import type { StatsQuery } from './stats/query.js';
import { createEventStore } from './store.js';

export interface WorkerOptions {
  /** SQLite file or `:memory:`. */
  file: string;
  maxBodyBytes: number;
}

export type WorkerRequest =
  | { id: number; kind: 'ingest'; input: IngestInput }
  | { id: number; kind: 'stats'; room?: string }
  | { id: number; kind: 'room-stats'; query: StatsQuery }
  | { id: number; kind: 'close' };

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string };

const options = workerData.options as WorkerOptions;
// The lowest priority (on Linux the nice value is per thread): when the cores are contended, the live
// channel's thread runs first and telemetry waits — its queue is bounded, past it senders get 503.
try {
  setPriority(19);
} catch {
  // Not permitted or not supported: the thread still runs, at normal priority.
}
const db = openSqlite(options.file);
// The WAL is kept in check by this thread's own automatic checkpoints; they stall only this thread.
db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
const store = createEventStore(db);
const port = parentPort!;

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (request.kind === 'ingest')
      reply = { id: request.id, ok: true, value: ingest(store, request.input, options.maxBodyBytes) };
    else if (request.kind === 'stats') reply = { id: request.id, ok: true, value: store.stats(request.room) };
    else if (request.kind === 'room-stats')
      reply = {
        id: request.id,
        ok: true,
        value: roomStatsOutcome(db, request.query) satisfies RoomStatsOutcome,
      };
    else {
      closeDatabase(db);
      reply = { id: request.id, ok: true, value: null };
    }
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  if (request.kind === 'close') port.close();
});
port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies WorkerReply);
