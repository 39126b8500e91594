/**
 * Group commit. Writes accepted in one turn of the event loop — every action's records, private
 * records, log rows and ack — go into one SQLite transaction (scheduled with `setImmediate`), and
 * only then are the actions acked and their changes broadcast. Under load this turns thousands of
 * tiny transactions, each rewriting the same poll row and WAL pages, into a few hundred larger ones;
 * when idle a batch holds one action and waits for nothing.
 *
 * Until its batch commits, an ack is visible here (`pendingAck()`), so a repeat of the same key
 * waits for the first answer instead of running again.
 */
import { type AckWrite, emptyBatch, type Store, type WriteBatch } from './store.js';

interface Open {
  write: WriteBatch;
  rooms: Set<string>;
  committed: Promise<void>;
  settle: (error?: unknown) => void;
}

export class Journal {
  private open: Open | null = null;
  private readonly pendingAcks = new Map<string, string>();
  private readonly store: Store;
  /** Called after a failed commit with the rooms whose memory ran ahead of the file. */
  private readonly onFailure: (rooms: Set<string>, error: unknown) => void;

  constructor(store: Store, onFailure: (rooms: Set<string>, error: unknown) => void) {
    this.store = store;
    this.onFailure = onFailure;
  }

  /** Whether writes are waiting for their commit. */
  get pending(): boolean {
    return this.open !== null;
  }

  /** An ack stored in this batch, with the promise of its commit. */
  pendingAck(
    room: string,
    viewer: string,
    key: string,
  ): { ack: string; committed: Promise<void> } | undefined {
    const ack = this.pendingAcks.get(`${room}\n${viewer}\n${key}`);
    return ack !== undefined && this.open ? { ack, committed: this.open.committed } : undefined;
  }

  /**
   * Queues writes (`fill` adds them to the open batch) and the ack answering them, if any; resolves
   * once stored, rejects if that failed.
   */
  add(room: string, fill: (batch: WriteBatch) => void, ack?: AckWrite): Promise<void> {
    const batch = this.open ?? this.start();
    fill(batch.write);
    batch.rooms.add(room);
    if (ack) {
      batch.write.acks.push(ack);
      this.pendingAcks.set(`${ack.room}\n${ack.viewer}\n${ack.key}`, ack.ack);
    }
    return batch.committed;
  }

  /** Commits the open batch now (before ops writes, and on shutdown); throws if the commit failed. */
  flush(): void {
    const batch = this.open;
    if (!batch) return;
    this.open = null;
    this.pendingAcks.clear();
    try {
      this.store.write(batch.write);
    } catch (error) {
      batch.settle(error);
      this.onFailure(batch.rooms, error);
      throw error;
    }
    batch.settle();
  }

  /** Runs `fn` once what is queued now is stored (at once when nothing is). */
  afterCommit(fn: () => void): void {
    if (!this.open) fn();
    else this.open.committed.then(fn, fn);
  }

  private start(): Open {
    let settle!: (error?: unknown) => void;
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Nobody may be waiting yet when a commit fails; the rejection is handled by each waiter.
    committed.catch(() => {});
    const batch: Open = { write: emptyBatch(), rooms: new Set(), committed, settle };
    this.open = batch;
    setImmediate(() => {
      if (this.open !== batch) return;
      try {
        this.flush();
      } catch {
        // Already answered: every waiter got the rejection and the rooms are reloaded.
      }
    });
    return batch;
  }
}
