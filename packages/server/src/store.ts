/**
 * Prepared statements over the live-channel tables. Every write that answers a viewer action runs
 * inside one transaction together with its idempotency record, so a vote and its ack are stored
 * together or not at all.
 */
import type { PollRecord, PollVote } from '@onair/polls/model.js';
import type { Database } from './db.js';

export interface RoomRow {
  id: string;
  version: string;
  seq: number;
}

/** One accepted vote: the viewer's vote, the ack to replay for its key. */
export interface VoteRow {
  room: string;
  poll: string;
  viewer: string;
  key: string;
  vote: PollVote;
  ack: string;
  at: number;
}

/** Accepted votes written together: their rows and each touched poll's latest record. */
export interface VoteBatch {
  votes: VoteRow[];
  polls: { room: string; poll: PollRecord }[];
}

export interface Store {
  room(id: string): RoomRow | undefined;
  insertRoom(row: RoomRow, at: number): void;
  setSeq(room: string, seq: number): void;
  polls(room: string): PollRecord[];
  insertPoll(room: string, poll: PollRecord, at: number): void;
  updatePoll(room: string, poll: PollRecord): void;
  deletePoll(room: string, poll: string): void;
  vote(room: string, poll: string, viewer: string): PollVote | undefined;
  ack(room: string, viewer: string, key: string): string | undefined;
  /** One transaction: all or nothing. */
  writeVotes(batch: VoteBatch): void;
  /** Rooms holding an open poll with a deadline: their close timers must be armed at start-up. */
  roomsWithTimedPolls(): string[];
  purgeAcks(before: number): number;
}

export function createStore(db: Database): Store {
  const selectRoom = db.prepare<[string], RoomRow>('SELECT id, version, seq FROM rooms WHERE id = ?');
  const insertRoom = db.prepare('INSERT INTO rooms (id, version, seq, created_at) VALUES (?, ?, ?, ?)');
  const updateSeq = db.prepare('UPDATE rooms SET seq = ? WHERE id = ?');
  const selectPolls = db.prepare<[string], { record: string }>(
    'SELECT record FROM polls WHERE room = ? ORDER BY created_at, id',
  );
  const insertPoll = db.prepare(
    'INSERT INTO polls (room, id, status, closes_at, record, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const updatePoll = db.prepare(
    'UPDATE polls SET status = ?, closes_at = ?, record = ? WHERE room = ? AND id = ?',
  );
  const deletePoll = db.prepare('DELETE FROM polls WHERE room = ? AND id = ?');
  const deleteVotes = db.prepare('DELETE FROM poll_votes WHERE room = ? AND poll = ?');
  const selectVote = db.prepare<[string, string, string], { vote: string }>(
    'SELECT vote FROM poll_votes WHERE room = ? AND poll = ? AND viewer = ?',
  );
  const upsertVote = db.prepare(
    `INSERT INTO poll_votes (room, poll, viewer, vote, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (room, poll, viewer) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at`,
  );
  const selectAck = db.prepare<[string, string, string], { ack: string }>(
    'SELECT ack FROM action_acks WHERE room = ? AND viewer = ? AND key = ?',
  );
  const insertAck = db.prepare('INSERT INTO action_acks (room, viewer, key, ack, at) VALUES (?, ?, ?, ?, ?)');
  const selectTimedRooms = db.prepare<[], { room: string }>(
    "SELECT DISTINCT room FROM polls WHERE status = 'open' AND closes_at IS NOT NULL",
  );
  const deleteAcks = db.prepare('DELETE FROM action_acks WHERE at < ?');

  const updatePollRow = (room: string, poll: PollRecord) =>
    updatePoll.run(poll.status, poll.closesAt, JSON.stringify(poll), room, poll.id);

  const writeVotes = db.transaction((batch: VoteBatch) => {
    for (const w of batch.votes) {
      upsertVote.run(w.room, w.poll, w.viewer, JSON.stringify(w.vote), w.at);
      insertAck.run(w.room, w.viewer, w.key, w.ack, w.at);
    }
    for (const { room, poll } of batch.polls) updatePollRow(room, poll);
  });
  const removePoll = db.transaction((room: string, poll: string) => {
    deleteVotes.run(room, poll);
    deletePoll.run(room, poll);
  });

  return {
    room: (id) => selectRoom.get(id),
    insertRoom: (row, at) => void insertRoom.run(row.id, row.version, row.seq, at),
    setSeq: (room, seq) => void updateSeq.run(seq, room),
    polls: (room) => selectPolls.all(room).map((row) => JSON.parse(row.record) as PollRecord),
    insertPoll: (room, poll, at) =>
      void insertPoll.run(room, poll.id, poll.status, poll.closesAt, JSON.stringify(poll), at),
    updatePoll: (room, poll) => void updatePollRow(room, poll),
    deletePoll: (room, poll) => removePoll(room, poll),
    vote: (room, poll, viewer) => {
      const row = selectVote.get(room, poll, viewer);
      return row ? (JSON.parse(row.vote) as PollVote) : undefined;
    },
    ack: (room, viewer, key) => selectAck.get(room, viewer, key)?.ack,
    writeVotes: (batch) => writeVotes(batch),
    roomsWithTimedPolls: () => selectTimedRooms.all().map((row) => row.room),
    purgeAcks: (before) => deleteAcks.run(before).changes,
  };
}
