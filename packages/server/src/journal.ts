/**
 * Group commit for votes. Votes accepted in one turn of the event loop are written in one SQLite
 * transaction (scheduled with `setImmediate`), and only then acked and broadcast. Under load this
 * turns thousands of tiny transactions — each rewriting the same poll row and WAL pages — into a
 * few hundred larger ones; when idle a batch holds one vote and waits for nothing.
 *
 * Until its batch commits, a vote is visible here (`vote()`, `ack()`), so the next vote of the same
 * viewer, or a repeat of the same idempotency key, sees it and cannot double-count.
 */
import type { PollRecord, PollVote } from '@onair/polls/model.js';
import type { Store, VoteRow } from './store.js';

interface Batch {
  votes: VoteRow[];
  polls: Map<string, { room: string; poll: PollRecord }>;
  committed: Promise<void>;
  settle: (error?: unknown) => void;
}

/** An ack already stored, or one waiting for its batch to commit. */
export type StoredAck = { ack: string; committed?: Promise<void> };

export class VoteJournal {
  private batch: Batch | null = null;
  private readonly pendingVotes = new Map<string, PollVote>();
  private readonly pendingAcks = new Map<string, string>();
  private readonly store: Store;
  /** Called after a failed commit with the rooms whose in-memory state ran ahead of the file. */
  private readonly onFailure: (rooms: Set<string>, error: unknown) => void;

  constructor(store: Store, onFailure: (rooms: Set<string>, error: unknown) => void) {
    this.store = store;
    this.onFailure = onFailure;
  }

  vote(room: string, poll: string, viewer: string): PollVote | undefined {
    return this.pendingVotes.get(`${room}\n${poll}\n${viewer}`) ?? this.store.vote(room, poll, viewer);
  }

  /** The viewer's votes on the given polls, as the snapshot's `mine.polls`. */
  votesOf(room: string, polls: Iterable<string>, viewer: string): Record<string, PollVote> {
    const out: Record<string, PollVote> = {};
    for (const poll of polls) {
      const vote = this.vote(room, poll, viewer);
      if (vote) out[poll] = vote;
    }
    return out;
  }

  ack(room: string, viewer: string, key: string): StoredAck | undefined {
    const pending = this.pendingAcks.get(`${room}\n${viewer}\n${key}`);
    if (pending !== undefined && this.batch) return { ack: pending, committed: this.batch.committed };
    const stored = this.store.ack(room, viewer, key);
    return stored === undefined ? undefined : { ack: stored };
  }

  /** Queues an accepted vote; resolves once it is in SQLite, rejects if the commit failed. */
  record(row: VoteRow, poll: PollRecord): Promise<void> {
    const batch = this.batch ?? this.open();
    batch.votes.push(row);
    batch.polls.set(`${row.room}\n${poll.id}`, { room: row.room, poll });
    this.pendingVotes.set(`${row.room}\n${row.poll}\n${row.viewer}`, row.vote);
    this.pendingAcks.set(`${row.room}\n${row.viewer}\n${row.key}`, row.ack);
    return batch.committed;
  }

  /** Commits the open batch now (before ops writes to the same polls, and on shutdown). */
  flush(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    this.pendingVotes.clear();
    this.pendingAcks.clear();
    try {
      this.store.writeVotes({ votes: batch.votes, polls: [...batch.polls.values()] });
      batch.settle();
    } catch (error) {
      batch.settle(error);
      this.onFailure(new Set(batch.votes.map((v) => v.room)), error);
    }
  }

  private open(): Batch {
    let settle!: (error?: unknown) => void;
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Nobody may be waiting yet when a commit fails; the rejection is handled by each waiter.
    committed.catch(() => {});
    const batch: Batch = { votes: [], polls: new Map(), committed, settle };
    this.batch = batch;
    setImmediate(() => {
      if (this.batch === batch) this.flush();
    });
    return batch;
  }
}
