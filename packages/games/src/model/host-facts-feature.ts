/**
 * Facts only the host page knows, reported to the room by the host's backend with the ops token:
 * chat messages (`POST …/chat`, kept as a log for insight and as each viewer's latest few, which a
 * draw's keyword condition reads) and follows (`POST …/follows`). Both hosts run it; viewers see
 * their own facts.
 */
import { defineFeature, done } from '@onair/core/feature.js';
import { parser } from '@onair/core/validation.js';
import { CHAT_LIMITS, chatSchema, followSchema } from './draw-schema.js';

/** A viewer's latest chat messages, `[text, at]`, oldest first. */
export interface ChatMine {
  messages: [text: string, at: number][];
}

export interface HostFactsMine {
  chat: { recent: ChatMine };
  follows: { room: { at: number } };
}

const whenSaid = (at: number | undefined, now: number) => Math.min(at ?? now, now);

// biome-ignore lint/complexity/noBannedTypes: this feature keeps no public records.
export const hostFactsFeature = defineFeature<{}, HostFactsMine>({
  name: 'host-facts',
  collections: {},
  private: ['chat', 'follows'],
  logs: ['chat'],
  ops: {
    /** `{viewer, signed?, text, at?}` → `{viewer, at}`; one message a request. */
    'chat.report': {
      parse: parser(chatSchema),
      viewer: ({ viewer, signed }) => ({ id: viewer, signed }),
      run(_state, { text, at }, ctx) {
        const said = whenSaid(at, ctx.now);
        const before = ctx.mine.chat?.recent?.messages ?? [];
        const messages: ChatMine['messages'] = [...before, [text, said]];
        messages.sort((a, b) => a[1] - b[1]);
        return done(
          { viewer: ctx.viewer!.id, at: said },
          {
            mine: { chat: { recent: { messages: messages.slice(-CHAT_LIMITS.kept) } } },
            append: [{ log: 'chat', viewer: ctx.viewer!.key, key: ctx.key, row: { text, at: said } }],
          },
        );
      },
      http: { method: 'POST', path: '/chat', status: 201, input: ({ body }) => body },
    },
    /** `{viewer, signed?, at?}` → `{viewer, at}`; following again keeps the first time. */
    'follow.report': {
      parse: parser(followSchema),
      viewer: ({ viewer, signed }) => ({ id: viewer, signed }),
      run(_state, { at }, ctx) {
        const prior = ctx.mine.follows?.room;
        if (prior) return done({ viewer: ctx.viewer!.id, at: prior.at });
        const since = whenSaid(at, ctx.now);
        return done({ viewer: ctx.viewer!.id, at: since }, { mine: { follows: { room: { at: since } } } });
      },
      http: { method: 'POST', path: '/follows', status: 201, input: ({ body }) => body },
    },
  },
});
