/**
 * Polls as a live feature: the `polls` collection, the `poll.vote` action, the ops commands and
 * the countdown timer, run alike by the in-page room and the reference server.
 */
import { defineFeature, done, refuse, withField, withParams } from '@onair/core/feature.js';
import { id, int, parser, strict } from '@onair/core/validation.js';
import * as v from 'valibot';
import {
  applyVote,
  closePoll,
  createPoll,
  openPoll,
  type PollRecord,
  type PollVote,
  publicPoll,
} from './poll.js';
import { pollConfigSchema, votePayloadSchema } from './schema.js';
import { validatePollConfig } from './validate.js';

export interface PollRecords {
  polls: PollRecord;
}

/** A viewer's own votes, by poll id. */
export interface PollMine {
  polls: { [poll: string]: PollVote };
}

const pollRef = strict({ poll: id(64) });
const openSchema = strict({ poll: id(64), durationMs: v.optional(int(5_000, 86_400_000)) });
const createSchema = strict({ poll: v.unknown(), open: v.optional(v.boolean('bool'), false) });

/** `poll.create` input: the config (checked across fields too) and whether to open it at once. */
// The config's schema rides along (`.schema`) so campaign editors can describe `poll.create`.
const parseCreate = withField(
  parser(createSchema),
  'poll',
  Object.assign(validatePollConfig, { schema: pollConfigSchema }),
);

const unknownPoll = (pollId: string, path?: string) =>
  refuse('unknown_poll', `this room has no poll "${pollId}"`, path);

export const pollsFeature = defineFeature<PollRecords, PollMine>({
  name: 'polls',
  collections: {
    polls: {
      view: publicPoll,
      due: (poll) => (poll.status === 'open' ? poll.closesAt : null),
      // The deadline, not the moment the timer ran, is when the poll closed.
      expire: (state, pollId, ctx) => {
        const poll = state.get('polls', pollId)!;
        return done({}, { changes: [{ coll: 'polls', id: pollId, value: closePoll(poll, ctx.now) }] });
      },
    },
  },
  private: ['polls'],
  actions: {
    /** `{poll, choice}` → `{poll}` as viewers see it; the viewer's vote in `mine.polls`. */
    'poll.vote': {
      parse: parser(votePayloadSchema),
      run(state, { poll: pollId, choice }, ctx) {
        const poll = state.get('polls', pollId);
        if (!poll) return unknownPoll(pollId, 'payload.poll');
        const outcome = applyVote(poll, ctx.mine.polls?.[pollId], choice, ctx.now);
        if (!outcome.ok) return outcome;
        const { poll: next, vote } = outcome.value;
        return done(
          { poll: publicPoll(next) },
          { changes: [{ coll: 'polls', id: pollId, value: next }], mine: { polls: { [pollId]: vote } } },
        );
      },
    },
  },
  ops: {
    'poll.create': {
      parse: parseCreate,
      run(state, { poll: config, open }, ctx) {
        if (state.get('polls', config.id))
          return refuse('duplicate_poll', `this room already has a poll "${config.id}"`, 'poll.id');
        let poll = createPoll(config);
        if (open) poll = openPoll(poll, ctx.now);
        return done({ poll }, { changes: [{ coll: 'polls', id: poll.id, value: poll }] });
      },
      http: {
        method: 'POST',
        path: '/polls',
        status: 201,
        input: ({ query, body }) => ({ poll: body, open: query['open'] === 'true' }),
        bodyAt: 'poll',
      },
    },
    'poll.open': {
      parse: parser(openSchema),
      run(state, { poll: pollId, durationMs }, ctx) {
        const poll = state.get('polls', pollId);
        if (!poll) return unknownPoll(pollId);
        if (poll.status !== 'draft')
          return refuse(
            poll.status === 'open' ? 'already_open' : 'poll_closed',
            `poll ${pollId} is ${poll.status}`,
          );
        const next = openPoll(poll, ctx.now, durationMs ?? poll.durationMs);
        return done({ poll: next }, { changes: [{ coll: 'polls', id: pollId, value: next }] });
      },
      http: {
        method: 'POST',
        path: '/polls/:poll/open',
        input: ({ params, body }) => withParams(body, params),
      },
    },
    /** Closing a closed poll answers with it unchanged, so an ops retry is harmless. */
    'poll.close': {
      parse: parser(pollRef),
      run(state, { poll: pollId }, ctx) {
        const poll = state.get('polls', pollId);
        if (!poll) return unknownPoll(pollId);
        if (poll.status === 'closed') return done({ poll });
        const next = closePoll(poll, ctx.now);
        return done({ poll: next }, { changes: [{ coll: 'polls', id: pollId, value: next }] });
      },
      http: { method: 'POST', path: '/polls/:poll/close', input: ({ params }) => params },
    },
    /** Deletes the poll and every viewer's vote on it; viewers get `value: null`. */
    'poll.delete': {
      parse: parser(pollRef),
      run(state, { poll: pollId }) {
        if (!state.get('polls', pollId)) return unknownPoll(pollId);
        return done(
          { deleted: pollId },
          { changes: [{ coll: 'polls', id: pollId, value: null }], forget: [{ coll: 'polls', id: pollId }] },
        );
      },
      http: { method: 'DELETE', path: '/polls/:poll', input: ({ params }) => params },
    },
  },
});
