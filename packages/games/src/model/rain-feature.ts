/**
 * The red-packet rain as a live feature, run alike by the in-page room and the reference server:
 * the `rains` collection (with its never-sent packet pool), the `rain.grab` action, the ops
 * commands that schedule, cancel and delete a rain, its start and end timers and the grabs query.
 *
 * A grab's checks, the packet it takes, the credit to the viewer's wallet (the gift wallet for
 * coins, the rain's points otherwise), the ledger row and the room's top grabbers are one
 * handler's answer: hosts store them together or not at all, so credits always equal grabs.
 */
import {
  defineFeature,
  done,
  type LogEntry,
  type MineChanges,
  refuse,
  withField,
  withParams,
} from '@onair/core/feature.js';
import { int, parser, strict } from '@onair/core/validation.js';
import * as v from 'valibot';
import {
  applyGrab,
  createRain,
  grabberName,
  grabRefusal,
  type MyRain,
  type RainPool,
  type RainRecord,
  rainDue,
  statusAt,
} from './rain.js';
import { grabPayloadSchema, RAIN_LIMITS, rainRefSchema, validateRainConfig } from './rain-schema.js';
import { splitBudget } from './rain-split.js';

export interface RainRecords {
  rains: RainRecord;
  rainPools: RainPool;
}

/** A stored balance (the gift wallet's shape). */
export interface StoredBalance {
  balance: number;
}

export interface RainMine {
  /** The viewer's grabs, by rain id (this room's). */
  rains: { [rain: string]: MyRain };
  /** The viewer's points, shared by every room. */
  points: { balance?: StoredBalance };
  /** Borrowed from the gift feature: the coin wallet a coins rain credits. */
  gifts: { wallet?: StoredBalance };
}

/** One row of the `rain` log: every accepted grab, with the balance it left. */
export interface RainGrabRow {
  rain: string;
  unit: 'coins' | 'points';
  amount: number;
  balance: number;
}

export interface RainFeatureOptions {
  /**
   * The coins a gift wallet holds before its first change: must equal the gift feature's
   * `startingBalance` (default 10,000), so a rain's credit adds to the balance the viewer sees.
   */
  startingBalance?: number;
}

const createSchema = strict({ rain: v.unknown() });
const parseCreate = withField(parser(createSchema), 'rain', validateRainConfig);
const grabsSchema = strict({ rain: rainRefSchema.entries.rain, limit: v.optional(int(1, 2_000), 2_000) });

const unknownRain = (id: string, path?: string) =>
  refuse('unknown_rain', `this room has no rain "${id}"`, path);

/** The gift catalog's currency, read (never changed) from the gift feature's public record. */
interface CatalogMoney {
  currency: string;
  digits: number;
}

export function rainFeature(options: RainFeatureOptions = {}) {
  const starting = options.startingBalance ?? 10_000;

  return defineFeature<RainRecords, RainMine>({
    name: 'rains',
    collections: {
      rains: {
        due: rainDue,
        // At the start it rains; at the end (or once every packet went) it is over.
        expire(state, id, ctx) {
          const rain = state.get('rains', id)!;
          const status = statusAt(rain, ctx.now);
          if (status === rain.status) return done({});
          return done({}, { changes: [{ coll: 'rains', id, value: { ...rain, status } }] });
        },
      },
      rainPools: { view: false },
    },
    private: ['rains', 'points'],
    viewerScoped: { points: ['balance'] },
    borrows: ['gifts'],
    viewMine: (_state, mine) => ({
      rains: mine.rains ?? {},
      points: { balance: mine.points?.balance ?? { balance: 0 } },
    }),
    logs: ['rain', 'ledger'],
    actions: {
      /** `{rain, name?}` → `{rain, amount, packets, total, balance}`; first come, first served. */
      'rain.grab': {
        parse: parser(grabPayloadSchema),
        // Servers shed floods before the handler; the handler's own human-rate rule decides.
        limit: { rate: 10, burst: 20 },
        run(state, payload, ctx) {
          const rain = state.get('rains', payload.rain);
          if (!rain) return unknownRain(payload.rain, 'payload.rain');
          const prior = ctx.mine.rains?.[rain.id];
          const refusal = grabRefusal(rain, prior, ctx.now);
          if (refusal) return refuse(refusal.code, refusal.message, refusal.path);
          const amount = state.get('rainPools', rain.id)!.amounts[rain.grabbed]!;
          const name = payload.name ?? prior?.name ?? grabberName(ctx.viewer.id);
          const next = applyGrab(rain, prior, { id: ctx.viewer.id, name }, amount, ctx.now);
          const coins = rain.unit === 'coins';
          const before = coins
            ? (ctx.mine.gifts?.wallet?.balance ?? starting)
            : (ctx.mine.points?.balance?.balance ?? 0);
          const balance = before + amount;
          const mine: MineChanges<RainMine> = { rains: { [rain.id]: { ...next.mine, name } } };
          if (coins) mine.gifts = { wallet: { balance } };
          else mine.points = { balance: { balance } };
          const row: RainGrabRow = { rain: rain.id, unit: rain.unit, amount, balance };
          const append: LogEntry[] = [
            { log: 'rain', viewer: ctx.viewer.key, key: `${rain.id}/${ctx.key}`, row },
          ];
          // The gift ledger's row shape (kind, amount, balance after), so the wallet's history shows it.
          if (coins)
            append.push({
              log: 'ledger',
              viewer: ctx.viewer.key,
              key: ctx.key,
              row: { kind: 'rain', amount, balance },
            });
          return done(
            {
              rain: rain.id,
              amount,
              packets: next.mine.packets.length,
              total: next.mine.total,
              balance,
            },
            { changes: [{ coll: 'rains', id: rain.id, value: next.rain }], mine, append },
          );
        },
      },
    },
    ops: {
      /**
       * Schedules a rain (`startsAt` absent: it starts now). The packets are split here, with the
       * handler's randomness, and kept from viewers until grabbed. A coins rain needs the room's
       * gift catalog (its currency names the coins).
       */
      'rain.create': {
        parse: parseCreate,
        run(state, { rain: config }, ctx) {
          if (state.get('rains', config.id))
            return refuse('duplicate_rain', `this room already has a rain "${config.id}"`, 'rain.id');
          if (state.all('rains').size >= RAIN_LIMITS.rainsPerRoom)
            return refuse(
              'too_many_rains',
              `a room holds ${RAIN_LIMITS.rainsPerRoom} rains at most; delete one`,
            );
          if (config.startsAt !== undefined && config.startsAt < ctx.now)
            return refuse(
              'invalid_start',
              `startsAt ${config.startsAt} is in the past; leave it out to start now`,
              'rain.startsAt',
            );
          if (config.startsAt !== undefined && config.startsAt > ctx.now + RAIN_LIMITS.aheadMs)
            return refuse('invalid_start', 'a rain starts within a day', 'rain.startsAt');
          let money: CatalogMoney = { currency: 'POINTS', digits: 0 };
          if (config.unit === 'coins') {
            // biome-ignore lint/suspicious/noExplicitAny: the gift feature's collection, read only.
            const catalog = (state as any).get('gifts', 'catalog') as CatalogMoney | undefined;
            if (!catalog)
              return refuse(
                'no_wallet',
                'coins need the room’s gift catalog (PUT /gifts/catalog) first',
                'rain.unit',
              );
            money = { currency: catalog.currency, digits: catalog.digits };
          }
          const rain = createRain(config, ctx.now, money);
          const amounts = splitBudget(config.budget, config.count, config.minimum, ctx.random);
          return done(
            { rain },
            {
              changes: [
                { coll: 'rains', id: rain.id, value: rain },
                { coll: 'rainPools', id: rain.id, value: { id: rain.id, amounts } },
              ],
            },
          );
        },
        http: {
          method: 'POST',
          path: '/rains',
          status: 201,
          input: ({ body }) => ({ rain: body }),
          bodyAt: 'rain',
        },
      },
      /** Stops a scheduled or running rain: packets grabbed stay credited, the rest are never paid. */
      'rain.cancel': {
        parse: parser(rainRefSchema),
        run(state, { rain: id }, ctx) {
          const rain = state.get('rains', id);
          if (!rain) return unknownRain(id);
          const status = statusAt(rain, ctx.now);
          if (status === 'cancelled') return done({ rain });
          if (status === 'ended') return refuse('rain_ended', `rain ${id} has ended`);
          const next: RainRecord = { ...rain, status: 'cancelled' };
          return done({ rain: next }, { changes: [{ coll: 'rains', id, value: next }] });
        },
        http: {
          method: 'POST',
          path: '/rains/:rain/cancel',
          input: ({ params, body }) => withParams(body, params),
        },
      },
      /** Deletes a rain that is not running, with its pool and every viewer's grabs (credits stay). */
      'rain.delete': {
        parse: parser(rainRefSchema),
        run(state, { rain: id }, ctx) {
          const rain = state.get('rains', id);
          if (!rain) return unknownRain(id);
          if (statusAt(rain, ctx.now) === 'raining')
            return refuse('rain_running', `rain ${id} is running; cancel it first`);
          return done(
            { deleted: id },
            {
              changes: [
                { coll: 'rains', id, value: null },
                { coll: 'rainPools', id, value: null },
              ],
              forget: [{ coll: 'rains', id }],
            },
          );
        },
        http: { method: 'DELETE', path: '/rains/:rain', input: ({ params }) => params },
      },
    },
    queries: {
      /** Every grab of a rain from the `rain` log, oldest first, with their sum (what was credited). */
      'rain.grabs': {
        parse: parser(grabsSchema),
        run(state, { rain: id, limit }, ctx) {
          const rain = state.get('rains', id);
          if (!rain) return unknownRain(id);
          const grabs = ctx.log('rain', { prefix: `${id}/`, limit }).map((entry) => {
            const row = entry.row as RainGrabRow;
            return { viewer: entry.viewer, amount: row.amount, balance: row.balance, at: entry.at };
          });
          const credited = grabs.reduce((sum, g) => sum + g.amount, 0);
          return { ok: true, result: { rain, grabs, credited } };
        },
        http: {
          method: 'GET',
          path: '/rains/:rain/grabs',
          input: ({ params, query }) => ({
            ...params,
            ...(query['limit'] === undefined ? {} : { limit: Number(query['limit']) }),
          }),
        },
      },
    },
  });
}
