/**
 * Poll rules served by an in-memory room (`@onair/core` `createMemoryRoom`): the gallery, static
 * embeds and offline demos get the same behaviour as the reference server, minus persistence.
 */
import type { MemoryRoom } from '@onair/core/channel.js';
import { formatIssue, parse } from '@onair/core/validation.js';
import {
  applyVote,
  closePoll,
  createPoll,
  openPoll,
  type PollRecord,
  type PollVote,
  publicPoll,
} from './poll.js';
import { type PollConfigInput, votePayloadSchema } from './schema.js';
import { validatePollConfig } from './validate.js';

export interface MemoryPolls {
  /** Creates a poll from a config and opens it (as ops would); throws on an invalid config. */
  open(config: PollConfigInput, now?: number): PollRecord;
  close(pollId: string, now?: number): void;
  /** The authoritative record (with answers and tallies), for tests and the gallery. */
  get(pollId: string): PollRecord | undefined;
}

/** Registers `poll.vote` on the room and returns the ops-side controls. */
export function servePolls(room: MemoryRoom, clock: () => number = Date.now): MemoryPolls {
  const polls = new Map<string, PollRecord>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const publish = (poll: PollRecord) => {
    polls.set(poll.id, poll);
    room.commit([{ coll: 'polls', id: poll.id, value: { ...publicPoll(poll) } }]);
  };

  room.handle('poll.vote', (payload, ctx) => {
    const parsed = parse(votePayloadSchema, payload);
    if (!parsed.ok) {
      const issue = parsed.issues[0]!;
      throw { code: 'invalid_action', message: formatIssue(issue), path: `payload.${issue.path}` };
    }
    const { poll: pollId, choice } = parsed.value;
    const poll = polls.get(pollId);
    if (!poll)
      throw { code: 'unknown_poll', message: `no poll "${pollId}" in this room`, path: 'payload.poll' };
    const prior = ctx.mine.polls?.[pollId] as PollVote | undefined;
    const outcome = applyVote(poll, prior, choice, ctx.now);
    if (!outcome.ok) throw outcome.error;
    polls.set(pollId, outcome.value.poll);
    const value = publicPoll(outcome.value.poll);
    return {
      result: { poll: value },
      changes: [{ coll: 'polls', id: pollId, value: { ...value } }],
      mine: { polls: { [pollId]: outcome.value.vote } },
    };
  });

  const close = (pollId: string, now = clock()) => {
    clearTimeout(timers.get(pollId));
    timers.delete(pollId);
    const poll = polls.get(pollId);
    if (poll && poll.status !== 'closed') publish(closePoll(poll, now));
  };

  return {
    open(config, now = clock()) {
      const valid = validatePollConfig(config);
      if (!valid.ok) throw new TypeError(valid.issues.map((issue) => formatIssue(issue)).join('; '));
      const poll = openPoll(createPoll(valid.value), now);
      publish(poll);
      if (poll.closesAt !== null)
        timers.set(
          poll.id,
          setTimeout(() => close(poll.id), poll.closesAt - now),
        );
      return poll;
    },
    close,
    get: (pollId) => polls.get(pollId),
  };
}
