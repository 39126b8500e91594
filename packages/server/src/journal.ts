/**
 * Group commit. Writes accepted in one turn of the event loop — every action's records, private
 * records, log rows and ack — go into one SQLite transaction (scheduled with `setImmediate`), and
 * only then are the actions answered and their changes broadcast. Under load this turns thousands
 * of tiny transactions, each rewriting the same poll row and WAL pages, into a few hundred larger
 * ones; when idle a batch holds one action and waits for nothing.
 *
 * After a commit the callbacks run synchronously, in order: every write's own (`stored`, which acks
 * its action and queues its records for the next delta), then the `afterCommit` ones (deltas
 * waiting for the commit). So an ack always leaves before the delta that carries its change.
 *
 * Until its batch commits, an ack is visible here (`pendingAck()`), so a repeat of the same key
 * waits for the first answer instead of running again.
 */
import { type AckWrite, emptyBatch, type Store, type WriteBatch } from './store.js';

interface Waiter {
  stored(): void;
  failed(error: unknown): void;
}

interface Open {
  write: WriteBatch;
  rooms: Set<string>;
  waiters: Waiter[];
  after: (() => void)[];
}

export class Journal {
  private open: Open | null = null;
  private closed = false;
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

  /** An ack stored in the open batch, not yet committed. */
  pendingAck(room: string, viewer: string, key: string): string | undefined {
    return this.open ? this.pendingAcks.get(`${room}\n${viewer}\n${key}`) : undefined;
  }

  /**
   * Queues writes (`fill` adds them to the open batch) and the ack answering them, if any; `waiter`
   * hears whether they were stored, right after the commit.
   */
  add(room: string, fill: (batch: WriteBatch) => void, waiter: Waiter, ack?: AckWrite): void {
    if (this.closed) {
      waiter.failed(new Error('the journal is closed'));
      return;
    }
    const batch = this.open ?? this.start();
    fill(batch.write);
    batch.rooms.add(room);
    batch.waiters.push(waiter);
    if (ack) {
      batch.write.acks.push(ack);
      this.pendingAcks.set(`${ack.room}\n${ack.viewer}\n${ack.key}`, ack.ack);
    }
  }

  /** Runs `fn` once everything queued now is stored and answered (at once when nothing is). */
  afterCommit(fn: () => void): void {
    if (this.open) this.open.after.push(fn);
    else fn();
  }

  /** Commits the open batch now (before ops writes, and on shutdown); false if the commit failed. */
  flush(): boolean {
    const batch = this.open;
    if (!batch) return true;
    this.open = null;
    this.pendingAcks.clear();
    try {
      this.store.write(batch.write);
    } catch (error) {
      this.onFailure(batch.rooms, error);
      for (const waiter of batch.waiters) waiter.failed(error);
      for (const fn of batch.after) fn();
      return false;
    }
    for (const waiter of batch.waiters) waiter.stored();
    for (const fn of batch.after) fn();
    return true;
  }

  /** Stores what is queued and takes no more writes (the database closes next). */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private start(): Open {
    const batch: Open = { write: emptyBatch(), rooms: new Set(), waiters: [], after: [] };
    this.open = batch;
    setImmediate(() => {
      if (this.open === batch) this.flush();
    });
    return batch;
  }
}
