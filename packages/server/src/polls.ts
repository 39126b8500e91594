/**
 * Polls on the server: ops commands (create, open, close, delete), the `poll.vote` action and the
 * countdown timers. The rules themselves are `@onair/polls/model.js`, shared with the in-memory
 * demo room; this file adds storage, broadcast and time.
 */
import type { AckFrame, RecordValue } from '@onair/core/channel.js';
import { formatIssue, int, parse, strict, v } from '@onair/core/validation.js';
import {
  applyVote,
  closePoll,
  createPoll,
  openPoll,
  type PollRecord,
  publicPoll,
  validatePollConfig,
  votePayloadSchema,
} from '@onair/polls/model.js';
import { type ActionContext, refuse } from './actions.js';
import type { Clock, Timer } from './clock.js';
import type { VoteJournal } from './journal.js';
import type { Room, RoomRegistry } from './rooms.js';
import type { Store } from './store.js';

export interface ApiError {
  code: string;
  message: string;
  path?: string;
}

export type OpsResult<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError };

const openBodySchema = strict({ durationMs: v.optional(int(5_000, 86_400_000)) });

interface PollDeps {
  store: Store;
  journal: VoteJournal;
  rooms: RoomRegistry;
  clock: Clock;
}

export class PollService {
  private readonly timers = new Map<string, Timer>();
  private readonly deps: PollDeps;

  constructor(deps: PollDeps) {
    this.deps = deps;
    deps.rooms.use({
      coll: 'polls',
      all: (room) => {
        const out: Record<string, RecordValue> = {};
        for (const [id, poll] of room.polls) out[id] = publicPoll(poll) as unknown as RecordValue;
        return out;
      },
      get: (room, id) => {
        const poll = room.polls.get(id);
        return poll ? (publicPoll(poll) as unknown as RecordValue) : null;
      },
      mine: (room, viewerKey) => deps.journal.votesOf(room.id, room.polls.keys(), viewerKey),
      load: (room) => {
        for (const poll of deps.store.polls(room.id)) room.polls.set(poll.id, poll);
        this.loaded(room);
      },
      reload: (room) => {
        const ids = new Set(room.polls.keys());
        room.polls.clear();
        for (const poll of deps.store.polls(room.id)) {
          room.polls.set(poll.id, poll);
          ids.add(poll.id);
        }
        return ids;
      },
    });
  }

  /** Loads every room with a running countdown, so polls close on time after a restart. */
  start(): void {
    for (const id of this.deps.store.roomsWithTimedPolls()) this.deps.rooms.get(id);
  }

  create(room: Room, input: unknown, open: boolean): OpsResult<PollRecord> {
    const config = validatePollConfig(input);
    if (!config.ok) return invalid(config.issues[0]!);
    if (room.polls.has(config.value.id))
      return fail(409, 'duplicate_poll', `room ${room.id} already has a poll "${config.value.id}"`, 'id');
    const now = this.deps.clock.now();
    let poll = createPoll(config.value);
    if (open) poll = openPoll(poll, now);
    room.persist();
    this.deps.store.insertPoll(room.id, poll, now);
    this.commit(room, poll);
    return { ok: true, value: poll };
  }

  open(room: Room, pollId: string, body: unknown): OpsResult<PollRecord> {
    const parsed = parse(openBodySchema, body ?? {});
    if (!parsed.ok) return invalid(parsed.issues[0]!);
    const poll = room.polls.get(pollId);
    if (!poll) return unknownPoll(room, pollId);
    if (poll.status !== 'draft')
      return fail(
        409,
        poll.status === 'open' ? 'already_open' : 'poll_closed',
        `poll ${pollId} is ${poll.status}`,
      );
    const next = openPoll(poll, this.deps.clock.now(), parsed.value.durationMs ?? poll.durationMs);
    this.deps.journal.flush();
    this.deps.store.updatePoll(room.id, next);
    this.commit(room, next);
    return { ok: true, value: next };
  }

  /** Closing a closed poll answers with it unchanged, so an ops retry is harmless. */
  close(room: Room, pollId: string): OpsResult<PollRecord> {
    const poll = room.polls.get(pollId);
    if (!poll) return unknownPoll(room, pollId);
    if (poll.status === 'closed') return { ok: true, value: poll };
    // Votes still waiting for their batch are stored first, so the closed record includes them.
    this.deps.journal.flush();
    const next = closePoll(room.polls.get(pollId) ?? poll, this.deps.clock.now());
    this.deps.store.updatePoll(room.id, next);
    this.commit(room, next);
    return { ok: true, value: next };
  }

  remove(room: Room, pollId: string): OpsResult<{ deleted: string }> {
    if (!room.polls.has(pollId)) return unknownPoll(room, pollId);
    this.deps.journal.flush();
    this.deps.store.deletePoll(room.id, pollId);
    room.polls.delete(pollId);
    this.disarm(room.id, pollId);
    room.changed('polls', pollId);
    return { ok: true, value: { deleted: pollId } };
  }

  /** `poll.vote` {poll, choice}: acked with the poll as viewers see it and the viewer's own vote. */
  vote = (ctx: ActionContext, payload: Record<string, unknown>): AckFrame | Promise<string> => {
    const { room, viewer, key, now } = ctx;
    const parsed = parse(votePayloadSchema, payload);
    if (!parsed.ok) {
      const issue = parsed.issues[0]!;
      const path = issue.path ? `payload.${issue.path}` : 'payload';
      return refuse(key, 'invalid_action', formatIssue({ ...issue, path }), path);
    }
    const poll = room.polls.get(parsed.value.poll);
    if (!poll)
      return refuse(
        key,
        'unknown_poll',
        `room ${room.id} has no poll "${parsed.value.poll}"`,
        'payload.poll',
      );
    const prior = this.deps.journal.vote(room.id, poll.id, viewer.key);
    const outcome = applyVote(poll, prior, parsed.value.choice, now);
    if (!outcome.ok) return refuse(key, outcome.error.code, outcome.error.message, outcome.error.path);
    const { poll: next, vote } = outcome.value;
    const ack: AckFrame = {
      t: 'ack',
      key,
      ok: true,
      result: { poll: publicPoll(next) },
      mine: { polls: { [poll.id]: vote } },
    };
    // The next vote must count from this tally at once; the ack and the broadcast wait for the commit.
    room.polls.set(next.id, next);
    const row = {
      room: room.id,
      poll: poll.id,
      viewer: viewer.key,
      key,
      vote,
      ack: JSON.stringify(ack),
      at: now,
    };
    return this.deps.journal.record(row, next).then(() => {
      room.changed('polls', next.id);
      return row.ack;
    });
  };

  dispose(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private loaded(room: Room): void {
    const now = this.deps.clock.now();
    for (const poll of room.polls.values()) {
      if (poll.status !== 'open' || poll.closesAt === null) continue;
      if (poll.closesAt <= now) this.expire(room, poll.id);
      else this.arm(room, poll);
    }
  }

  /** Stores nothing: callers persist first, then the record becomes visible and is broadcast. */
  private commit(room: Room, poll: PollRecord): void {
    room.polls.set(poll.id, poll);
    room.changed('polls', poll.id);
    if (poll.status === 'open' && poll.closesAt !== null) this.arm(room, poll);
    else this.disarm(room.id, poll.id);
  }

  private arm(room: Room, poll: PollRecord): void {
    this.disarm(room.id, poll.id);
    const wait = (poll.closesAt ?? 0) - this.deps.clock.now();
    this.timers.set(
      `${room.id}/${poll.id}`,
      this.deps.clock.setTimer(() => this.expire(room, poll.id), wait),
    );
  }

  private disarm(roomId: string, pollId: string): void {
    const key = `${roomId}/${pollId}`;
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  private expire(room: Room, pollId: string): void {
    this.timers.delete(`${room.id}/${pollId}`);
    const poll = room.polls.get(pollId);
    if (poll?.status !== 'open' || poll.closesAt === null) return;
    if (poll.closesAt > this.deps.clock.now()) {
      this.arm(room, poll);
      return;
    }
    this.deps.journal.flush();
    // The deadline, not the moment the timer ran, is when the poll closed.
    const next = closePoll(room.polls.get(pollId) ?? poll, poll.closesAt);
    this.deps.store.updatePoll(room.id, next);
    this.commit(room, next);
  }
}

function fail(
  status: number,
  code: string,
  message: string,
  path?: string,
): { ok: false; status: number; error: ApiError } {
  return { ok: false, status, error: path ? { code, message, path } : { code, message } };
}

function invalid(issue: { path: string; key: string }) {
  return fail(400, 'invalid_body', formatIssue(issue), issue.path || undefined);
}

function unknownPoll(room: Room, pollId: string) {
  return fail(404, 'unknown_poll', `room ${room.id} has no poll "${pollId}"`);
}
