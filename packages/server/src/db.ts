/**
 * The SQLite file: open, tune, migrate (steps in `migrations.ts`). One file holds every room;
 * `:memory:` for tests.
 *
 * Durability: WAL with `synchronous=NORMAL`. Every commit is written to the WAL file (through the
 * OS page cache) before `run()` returns, so an acked vote survives a crash or kill of this process;
 * only an OS crash or power loss can drop the last commits since the previous checkpoint. That is
 * the scope we promise (see README); `FULL` would fsync on every vote and cap throughput at the
 * disk's fsync rate.
 *
 * Checkpoints are the only step that fsyncs, and better-sqlite3 is synchronous: run on the main
 * thread, a checkpoint stalls every socket for as long as the disk takes. So for file databases a
 * worker thread with its own connection runs PASSIVE checkpoints (they never block the writer),
 * and automatic checkpoints on the main connection are off.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

/** The shared database handle; other server modules (e.g. the telemetry collector) add their own tables. */
export type Database = BetterSqlite3.Database;

export function openDatabase(file: string): Database {
  const db = openSqlite(file);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** A SQLite file (its folder created) in WAL mode with the durability described above. */
export function openSqlite(file: string): Database {
  if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Runs the steps a file has not seen yet, each in its own transaction: all of a step, or none. */
function migrate(db: Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let step = applied; step < MIGRATIONS.length; step++) {
    db.transaction(() => {
      MIGRATIONS[step]!(db);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}

/** Starts the background checkpointer for a file database; `stop()` ends it. */
export function startCheckpointer(db: Database, intervalMs = 1_000): { stop(): Promise<void> } {
  if (db.memory) return { stop: async () => {} };
  db.pragma('wal_autocheckpoint = 0');
  // After a checkpoint empties the WAL, the next writer truncates it back to this size.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      intervalMs,
    },
  });
  worker.unref();
  // A checkpointer that dies only lets the WAL grow until shutdown checkpoints it; never fatal.
  worker.on('error', () => {});
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (worker.threadId === -1) return resolve();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}

/** Plain CommonJS, so the worker needs no TypeScript loader. */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file);
  db.pragma('busy_timeout = 1000');
} catch {
  process.exit(0); // the server closed (and its file went) before this thread started
}
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/** Flush the WAL into the main file and close; called once on shutdown. */
export function closeDatabase(db: Database): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
