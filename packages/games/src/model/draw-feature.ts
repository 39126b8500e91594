/**
 * The lucky draw as a live feature, run alike by the in-page room and the reference server: the
 * public `draws` record (prize, conditions, countdown, commitment, then the reveal), hidden seeds,
 * entries, published list chunks and the room's 30-day wins; `draw.enter` checks the conditions
 * against the viewer's records of polls, quizzes, surveys and host-reported facts (`reads`).
 */
import {
  defineFeature,
  done,
  type RecordChange,
  type RoomView,
  refuse,
  withParams,
} from '@onair/core/feature.js';
import { parser } from '@onair/core/validation.js';
import {
  atWinLimit,
  type ConditionFacts,
  chunkId,
  type DrawChunk,
  type DrawEntry,
  type DrawRecord,
  type DrawSecret,
  type DrawWins,
  entryId,
  type MyDraw,
  type MyDrawView,
  recentWins,
  unmet,
} from './draw.js';
import { fromHex, seedFrom, toHex } from './draw-fairness.js';
import { freeze } from './draw-freeze.js';
import { sha256Hex } from './draw-proof.js';
import { DRAW_LIMITS, drawConfigSchema, drawRefSchema, listPayloadSchema } from './draw-schema.js';

export interface DrawRecords {
  draws: DrawRecord;
  drawSecrets: DrawSecret;
  drawEntries: DrawEntry;
  drawLists: DrawChunk;
  drawWins: DrawWins;
}

export interface DrawMine {
  draws: { [draw: string]: MyDraw };
}

type State = RoomView<DrawRecords>;
type Change = RecordChange<DrawRecords>;

const unknownDraw = (id: string, path?: string) =>
  refuse('unknown_draw', `this room has no draw "${id}"`, path);

const CONDITION_TEXT = {
  join: 'tap join',
  poll: 'vote in poll',
  quiz: 'answer quiz',
  survey: 'submit survey',
  chat: 'send a chat message containing',
  follow: 'follow the streamer',
} as const;

/** Freezes and reveals an open draw now (the countdown ended, or ops closed it early). */
function reveal(state: State, draw: DrawRecord, now: number) {
  const seed = fromHex(state.get('drawSecrets', draw.id)!.seed)!;
  const prefix = `${draw.id}/`;
  const entrants: string[] = [];
  for (const id of state.all('drawEntries').keys())
    if (id.startsWith(prefix)) entrants.push(id.slice(prefix.length));
  const frozen = freeze(draw, seed, entrants, (e) => state.get('drawWins', e), now);
  const changes: Change[] = [{ coll: 'draws', id: draw.id, value: frozen.draw }];
  for (const { name, chunks } of frozen.lists)
    for (const [n, items] of chunks.entries())
      changes.push({ coll: 'drawLists', id: chunkId(draw.id, name, n), value: { items } });
  for (const winner of frozen.winners) {
    const wins = [...recentWins(state.get('drawWins', winner), now), { draw: draw.id, at: now }];
    changes.push({ coll: 'drawWins', id: winner, value: { wins: wins.slice(-DRAW_LIMITS.maxWins) } });
  }
  return done({ draw: frozen.draw }, { changes });
}

export const drawFeature = defineFeature<DrawRecords, DrawMine>({
  name: 'draws',
  collections: {
    draws: {
      due: (draw) => (draw.status === 'open' ? draw.closesAt : null),
      // The countdown's end, not the moment the timer ran, is when entries closed.
      expire: (state, id, ctx) => reveal(state, state.get('draws', id)!, ctx.now),
    },
    drawSecrets: { view: false },
    drawEntries: { view: false },
    drawLists: { view: false },
    drawWins: { view: false },
  },
  private: ['draws'],
  // Entry conditions read the viewer's votes, answers, responses and host-reported facts; never change them.
  borrows: ['polls', 'quizzes', 'surveys', 'chat', 'follows'],
  viewMine(state, mine) {
    const out: { [draw: string]: MyDrawView } = {};
    for (const [id, own] of Object.entries(mine.draws ?? {})) {
      const draw = state.get('draws', id);
      const won =
        draw?.status === 'revealed'
          ? !!state.get('drawWins', own.entrant)?.wins.some((w) => w.draw === id)
          : null;
      out[id] = { at: own.at, won };
    }
    return { draws: out };
  },
  actions: {
    /** `{draw}` → `{draw, entrants, at}`; entering again (another connection) changes nothing. */
    'draw.enter': {
      parse: parser(drawRefSchema),
      run(state, { draw: id }, ctx) {
        const draw = state.get('draws', id);
        if (!draw) return unknownDraw(id, 'payload.draw');
        const entrant = ctx.viewer.key;
        const prior = state.get('drawEntries', entryId(id, entrant));
        const own: MyDraw = { entrant, at: prior?.at ?? ctx.now };
        if (prior)
          return done(
            { draw: id, entrants: draw.entrants, at: prior.at },
            { mine: { draws: { [id]: own } } },
          );
        if (draw.status !== 'open' || draw.closesAt <= ctx.now)
          return refuse('draw_closed', `draw ${id} closed at ${draw.closesAt}`);
        const missing = unmet(draw, ctx.mine as ConditionFacts);
        if (missing.length > 0) {
          const c = draw.conditions[missing[0]!]!;
          const what = c.type === 'chat' ? `${CONDITION_TEXT.chat} "${c.keyword}"` : CONDITION_TEXT[c.type];
          const which =
            'poll' in c ? ` ${c.poll}` : 'quiz' in c ? ` ${c.quiz}` : 'survey' in c ? ` ${c.survey}` : '';
          return refuse(
            'condition_unmet',
            `to enter draw ${id}, first ${what}${which}`,
            `conditions[${missing[0]}]`,
          );
        }
        if (atWinLimit(draw, state.get('drawWins', entrant), ctx.now))
          return refuse(
            'win_limit',
            `draw ${id} takes viewers with fewer than ${draw.rules.maxWins} wins in 30 days`,
          );
        if (draw.entrants >= DRAW_LIMITS.entrantsPerDraw)
          return refuse('draw_full', `draw ${id} has ${DRAW_LIMITS.entrantsPerDraw} entrants, all it takes`);
        const next = { ...draw, entrants: draw.entrants + 1 };
        return done(
          { draw: id, entrants: next.entrants, at: ctx.now },
          {
            changes: [
              { coll: 'draws', id, value: next },
              { coll: 'drawEntries', id: entryId(id, entrant), value: { at: ctx.now } },
            ],
            mine: { draws: { [id]: own } },
          },
        );
      },
    },
    /**
     * `{draw}` → `{draw, status, entrant, entered, won, unmet}`: the viewer's own standing — `won` is
     * null until the reveal, `unmet` the conditions they still need (host-reported facts are not
     * pushed to their page). Reads only.
     */
    'draw.result': {
      parse: parser(drawRefSchema),
      run(state, { draw: id }, ctx) {
        const draw = state.get('draws', id);
        if (!draw) return unknownDraw(id, 'payload.draw');
        const entered = !!state.get('drawEntries', entryId(id, ctx.viewer.key));
        const position =
          draw.status === 'revealed' && entered
            ? (state.get('drawWins', ctx.viewer.key)?.wins.some((w) => w.draw === id) ?? false)
            : null;
        const missing = entered ? [] : unmet(draw, ctx.mine as ConditionFacts);
        return done({
          draw: id,
          status: draw.status,
          entrant: ctx.viewer.key,
          entered,
          won: position,
          unmet: missing,
        });
      },
    },
    /** `{draw, list, chunk}` → `{items, chunks}`: one chunk of a published list, for verifying. Reads only. */
    'draw.list': {
      parse: parser(listPayloadSchema),
      limit: { rate: 50, burst: 400 },
      run(state, { draw: id, list, chunk }) {
        const draw = state.get('draws', id);
        if (!draw) return unknownDraw(id, 'payload.draw');
        const info = draw.lists?.find((l) => l.name === list);
        if (!info)
          return refuse('unknown_list', `draw ${id} has no published list "${list}"`, 'payload.list');
        if (chunk >= info.chunks)
          return refuse(
            'unknown_chunk',
            `list ${list} of draw ${id} has chunks 0–${info.chunks - 1}`,
            'payload.chunk',
          );
        const items = state.get('drawLists', chunkId(id, list, chunk))?.items ?? [];
        return done({ draw: id, list, chunk, chunks: info.chunks, items });
      },
    },
  },
  ops: {
    'draw.create': {
      parse: parser(drawConfigSchema),
      run(state, config, ctx) {
        if (state.get('draws', config.id))
          return refuse('duplicate_draw', `this room already has a draw "${config.id}"`, 'id');
        if (state.all('draws').size >= DRAW_LIMITS.drawsPerRoom)
          return refuse('too_many_draws', `a room holds ${DRAW_LIMITS.drawsPerRoom} draws at most`);
        // A countdown, or a close time within the countdown's bounds from now.
        const { min, max } = DRAW_LIMITS.durationMs;
        const closesAt =
          config.closesAt ?? (config.durationMs === undefined ? null : ctx.now + config.durationMs);
        if (config.closesAt !== undefined && config.durationMs !== undefined)
          return refuse('invalid_body', 'give durationMs or closesAt, not both', 'closesAt');
        if (closesAt === null)
          return refuse('invalid_body', 'durationMs: required (or closesAt)', 'durationMs');
        if (closesAt < ctx.now + min || closesAt > ctx.now + max)
          return refuse(
            'invalid_body',
            `closesAt: expected ${min / 1000} s to ${max / 3_600_000} h from now`,
            'closesAt',
          );
        const seed = seedFrom(ctx.random);
        const draw: DrawRecord = {
          id: config.id,
          prize: {
            name: config.prize.name,
            image: config.prize.image ?? null,
            quantity: config.prize.quantity,
          },
          conditions: config.conditions,
          rules: { maxWins: config.rules.maxWins ?? null, recentFirst: config.rules.recentFirst },
          createdAt: ctx.now,
          closesAt,
          status: 'open',
          commitment: sha256Hex(seed),
          entrants: 0,
          seed: null,
          revealedAt: null,
          lists: null,
          winners: null,
        };
        const secret = toHex(seed);
        return done(
          { draw },
          {
            changes: [
              { coll: 'draws', id: draw.id, value: draw },
              { coll: 'drawSecrets', id: draw.id, value: { seed: secret } },
            ],
          },
        );
      },
      http: { method: 'POST', path: '/draws', status: 201, input: ({ body }) => body },
    },
    /** Closes entries now and reveals; a revealed draw answers unchanged, so a retry is harmless. */
    'draw.close': {
      parse: parser(drawRefSchema),
      run(state, { draw: id }, ctx) {
        const draw = state.get('draws', id);
        if (!draw) return unknownDraw(id);
        if (draw.status === 'revealed') return done({ draw });
        return reveal(state, draw, Math.min(ctx.now, draw.closesAt));
      },
      http: {
        method: 'POST',
        path: '/draws/:draw/close',
        input: ({ params, body }) => withParams(body, params),
      },
    },
    /** Deletes the draw with its entries and lists (its winners' wins stay, for the 30-day rule). */
    'draw.delete': {
      parse: parser(drawRefSchema),
      run(state, { draw: id }) {
        if (!state.get('draws', id)) return unknownDraw(id);
        const changes: Change[] = [
          { coll: 'draws', id, value: null },
          { coll: 'drawSecrets', id, value: null },
        ];
        for (const key of state.all('drawEntries').keys())
          if (key.startsWith(`${id}/`)) changes.push({ coll: 'drawEntries', id: key, value: null });
        for (const key of state.all('drawLists').keys())
          if (key.startsWith(`${id}/`)) changes.push({ coll: 'drawLists', id: key, value: null });
        return done({ deleted: id }, { changes, forget: [{ coll: 'draws', id }] });
      },
      http: { method: 'DELETE', path: '/draws/:draw', input: ({ params }) => params },
    },
  },
  queries: {
    /** For ops: the draw with its hidden entrant count by tier so far (no seed before the reveal). */
    'draw.entrants': {
      parse: parser(drawRefSchema),
      run(state, { draw: id }, ctx) {
        const draw = state.get('draws', id);
        if (!draw) return unknownDraw(id);
        let eligible = 0;
        let limited = 0;
        for (const key of state.all('drawEntries').keys()) {
          if (!key.startsWith(`${id}/`)) continue;
          if (atWinLimit(draw, state.get('drawWins', key.slice(id.length + 1)), ctx.now)) limited++;
          else eligible++;
        }
        return {
          ok: true,
          result: { draw: id, status: draw.status, entrants: draw.entrants, eligible, limited },
        };
      },
      http: { method: 'GET', path: '/draws/:draw/entrants', input: ({ params }) => params },
    },
  },
});
