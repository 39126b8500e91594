/**
 * The main thread's side of the collector's thread (`worker.ts`): requests by id, answers as
 * promises. A batch of 1,000 events costs ~30 ms of parsing, checking and inserting (up to ~150 ms
 * with a checkpoint); on the main thread that stalls every live socket, here it stalls none.
 *
 * A file database starts the thread at once, so a file that cannot be opened fails the server's
 * start; `:memory:` starts it on first use (tests that never post an event pay nothing). A thread
 * that dies fails its pending requests and is started again on a later one, no sooner than
 * `RESTART_DELAY_MS` after.
 */
import { Worker } from 'node:worker_threads';
import type { IngestInput, IngestOutcome } from './ingest.js';
import type { RoomStatsOutcome } from './stats/outcome.js';
import type { StatsQuery } from './stats/query.js';
import type { WorkerOptions, WorkerReply, WorkerRequest } from './worker.js';

export interface EventStats {
  total: number;
  byType: Record<string, number>;
}

/** Thrown for requests the thread cannot take now; the collector answers 503. */
export class CollectorUnavailable extends Error {}

const RESTART_DELAY_MS = 5_000;

/**
 * From TypeScript sources (tsx, Vitest) the thread must load tsx and the workspace resolver itself:
 * a worker inherits neither. Plain CommonJS, so this part needs no loader.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
const { register } = require('node:module');
const { boot } = workerData;
(async () => {
  if (boot.tsx) (await import(boot.tsx)).register();
  if (boot.resolve) register(boot.resolve);
  await import(boot.entry);
})();
`;

function bootData() {
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    entry: new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href,
    tsx: fromSource ? import.meta.resolve('tsx/esm/api') : null,
    resolve: fromSource ? new URL('../../bin/workspace-resolve.js', import.meta.url).href : null,
  };
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

export class CollectorThread {
  private readonly options: WorkerOptions;
  private readonly pending = new Map<number, Pending>();
  private started: Promise<Worker> | null = null;
  private failedAt = -Infinity;
  private nextId = 1;
  private closing: Promise<void> | null = null;

  constructor(options: WorkerOptions) {
    this.options = options;
  }

  /** Requests sent and not answered yet. */
  get queued(): number {
    return this.pending.size;
  }

  ingest(input: IngestInput): Promise<IngestOutcome> {
    return this.call({ kind: 'ingest', input }) as Promise<IngestOutcome>;
  }

  stats(room?: string): Promise<EventStats> {
    return this.call({ kind: 'stats', ...(room === undefined ? {} : { room }) }) as Promise<EventStats>;
  }

  /** The Stats API's document for one room and range (`stats/report.ts`). */
  roomStats(query: StatsQuery): Promise<RoomStatsOutcome> {
    return this.call({ kind: 'room-stats', query }) as Promise<RoomStatsOutcome>;
  }

  /** Starts the thread now; resolves once it has opened the file. */
  async start(): Promise<void> {
    await this.worker();
  }

  /** Lets queued batches finish, checkpoints and closes the file, ends the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const started = this.started;
      if (!started) return;
      const worker = await started.catch(() => null);
      if (!worker) return;
      // Held from here on: the process must not end before the file is checkpointed and closed.
      worker.ref();
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      await this.send(worker, { kind: 'close' }).catch(() => {});
      await exited;
    })();
    return this.closing;
  }

  private async call(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<unknown> {
    if (this.closing) throw new CollectorUnavailable('the collector is shutting down');
    return this.send(await this.worker(), request);
  }

  private send(worker: Worker, request: DistributiveOmit<WorkerRequest, 'id'>): Promise<unknown> {
    const id = this.nextId++;
    // A body that owns its whole memory moves to the thread instead of being copied; a slice of a
    // shared pool (small bodies) is copied, or the pool would go with it.
    const body = request.kind === 'ingest' ? request.input.body : null;
    const transfer =
      body &&
      body.byteOffset === 0 &&
      body.byteLength === body.buffer.byteLength &&
      body.buffer instanceof ArrayBuffer
        ? [body.buffer]
        : [];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  private worker(): Promise<Worker> {
    if (this.started) return this.started;
    if (performance.now() - this.failedAt < RESTART_DELAY_MS)
      return Promise.reject(new CollectorUnavailable('the collector thread failed; retrying shortly'));
    this.started = new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(BOOT, {
        eval: true,
        workerData: { boot: bootData(), options: this.options },
      });
      // The server's sockets keep the process alive, not this thread; close() ends it properly.
      worker.unref();
      worker.on('message', (reply: WorkerReply) => {
        if (reply.id === 0) return resolve(worker);
        const pending = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.ok) pending?.resolve(reply.value);
        else pending?.reject(new Error(reply.message));
      });
      const fail = (error: Error) => {
        this.started = null;
        this.failedAt = performance.now();
        reject(error);
        for (const pending of this.pending.values()) pending.reject(new CollectorUnavailable(error.message));
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!this.closing) fail(new Error(`the collector thread exited with ${code}`));
      });
    });
    return this.started;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
