/**
 * Gifts as a live feature: the `gifts` collection (catalog, feed, stats), the `gift.send` and
 * `gift.wallet` actions, the ops commands and the ledger, run alike by the in-page room and the
 * reference server. A send's balance check, debit, combo count, feed row, totals and ledger row are
 * one handler's answer, so both hosts charge the same and count combos the same.
 */
import { defineFeature, done, withField } from '@onair/core/feature.js';
import { bool, id, parser, strict } from '@onair/core/validation.js';
import * as v from 'valibot';
import {
  addSender,
  appendFeed,
  type CatalogRecord,
  catalogRecord,
  defaultName,
  emptyStats,
  type FeedRecord,
  type GiftEvent,
  insufficient,
  invalidSend,
  priceSend,
  type SenderRecord,
  type StatsRecord,
  validateCatalog,
  type WalletView,
} from './gifts.js';
import { catalogSchema as catalogConfigSchema, grantSchema, sendPayloadSchema } from './schema.js';

export interface GiftRecords {
  /** `catalog`, `feed` and `stats`. */
  gifts: CatalogRecord | FeedRecord | StatsRecord;
  /** Every sender's total, by public viewer id: what `stats.topSenders` is ranked from. */
  gift_senders: SenderRecord;
}

/** The stored wallet: coins only; the catalog says what they are called. */
export interface StoredWallet {
  balance: number;
}

/** The viewer's current combo: sends with one `comboId` and gift, counted. */
export interface StoredCombo {
  id: string;
  gift: string;
  count: number;
}

export interface GiftMine {
  gifts: { wallet?: StoredWallet; combo?: StoredCombo };
}

/** One ledger row (`log: 'ledger'`): every debit and credit, with the balance after it. */
export interface LedgerRow {
  kind: 'send' | 'grant';
  amount: number;
  balance: number;
  gift?: string;
  quantity?: number;
  comboId?: string;
  comboCount?: number;
  event?: GiftEvent;
}

export interface GiftFeatureOptions {
  /** Coins a viewer starts with (minor units). Default 10,000. */
  startingBalance?: number;
  /** Sends per viewer on servers, on top of the channel's action limit. Default 5/s, burst 10. */
  sendLimit?: { rate: number; burst: number };
}

export const DEFAULT_STARTING_BALANCE = 10_000;
/** Ledger rows an ops query returns at most. */
export const LEDGER_LIMIT = 500;

const catalogSchema = strict({ catalog: v.unknown() });
const ledgerSchema = strict({ viewer: v.optional(id(64)), signed: v.optional(bool(), false) });

// The catalog's schema rides along (`.schema`) so campaign editors can describe `gift.catalog`.
const parseCatalog = withField(
  parser(catalogSchema),
  'catalog',
  Object.assign(validateCatalog, { schema: catalogConfigSchema }),
);

/** A short random event id from the handler's randomness (the same on every host for the same draw). */
function eventId(random: () => number): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)];
  return out;
}

export function giftsFeature(options: GiftFeatureOptions = {}) {
  const starting = options.startingBalance ?? DEFAULT_STARTING_BALANCE;
  const balanceOf = (mine: Readonly<Partial<GiftMine>>) => mine.gifts?.wallet?.balance ?? starting;

  return defineFeature<GiftRecords, GiftMine>({
    name: 'gifts',
    collections: { gifts: {}, gift_senders: { view: false } },
    private: ['gifts'],
    viewerScoped: { gifts: ['wallet'] },
    /** The wallet, in the catalog's currency; nothing before the room has a catalog. */
    viewMine(state, mine): { gifts: { wallet?: WalletView } } {
      const catalog = state.get('gifts', 'catalog') as CatalogRecord | undefined;
      if (!catalog) return { gifts: {} };
      const wallet: WalletView = {
        balance: balanceOf(mine),
        currency: catalog.currency,
        digits: catalog.digits,
      };
      return { gifts: { wallet } };
    },
    logs: ['ledger'],
    actions: {
      /** `{gift, quantity, comboId?, name?}` → `{event, balance}`; the wallet in `mine.gifts`. */
      'gift.send': {
        parse: parser(sendPayloadSchema),
        invalid: invalidSend,
        limit: options.sendLimit ?? { rate: 5, burst: 10 },
        run(state, send, ctx) {
          const catalog = state.get('gifts', 'catalog') as CatalogRecord | undefined;
          const priced = priceSend(catalog ?? null, send);
          if (!priced.ok) return priced;
          const { gift, amount } = priced.value;
          const balance = balanceOf(ctx.mine);
          if (amount > balance) return { ok: false, error: insufficient(balance, amount) };
          const comboId = send.comboId ?? `k-${ctx.key}`.slice(0, 64);
          const prior = ctx.mine.gifts?.combo;
          const comboCount = prior && prior.id === comboId && prior.gift === gift.id ? prior.count + 1 : 1;
          const sender = { id: ctx.viewer.id, name: send.name ?? defaultName(ctx.viewer.id) };
          const event: GiftEvent = {
            id: eventId(ctx.random),
            sender,
            gift: gift.id,
            name: gift.name,
            icon: gift.icon,
            quantity: send.quantity,
            comboId,
            comboCount,
            value: amount,
            at: ctx.now,
          };
          const feed = state.get('gifts', 'feed') as FeedRecord;
          const stats = state.get('gifts', 'stats') as StatsRecord;
          const before = state.get('gift_senders', sender.id);
          const { stats: nextStats, sender: total } = addSender(stats, before, sender, send.quantity, amount);
          const left = balance - amount;
          return done(
            { event, balance: left },
            {
              changes: [
                { coll: 'gifts', id: 'feed', value: { id: 'feed', events: appendFeed(feed.events, event) } },
                { coll: 'gifts', id: 'stats', value: nextStats },
                { coll: 'gift_senders', id: sender.id, value: total },
              ],
              mine: {
                gifts: {
                  wallet: { balance: left },
                  combo: { id: comboId, gift: gift.id, count: comboCount },
                },
              },
              append: [
                {
                  log: 'ledger',
                  viewer: ctx.viewer.key,
                  key: ctx.key,
                  row: {
                    kind: 'send',
                    amount,
                    balance: left,
                    gift: gift.id,
                    quantity: send.quantity,
                    comboId,
                    comboCount,
                    event,
                  } satisfies LedgerRow,
                },
              ],
            },
          );
        },
      },
      /** `{}` → `{wallet}` (null without a catalog): a read, after a top-up the host fulfilled. */
      'gift.wallet': {
        parse: parser(strict({})),
        run(state, _payload, ctx) {
          const catalog = state.get('gifts', 'catalog') as CatalogRecord | undefined;
          const wallet = catalog
            ? { balance: balanceOf(ctx.mine), currency: catalog.currency, digits: catalog.digits }
            : null;
          return done({ wallet }, { mine: {} });
        },
      },
    },
    ops: {
      /** Replaces the room's catalog; the feed and totals start empty the first time. */
      'gift.catalog': {
        parse: parseCatalog,
        run(state, { catalog }) {
          const stats = (state.get('gifts', 'stats') as StatsRecord | undefined) ?? emptyStats();
          const changes: { coll: 'gifts'; id: string; value: CatalogRecord | FeedRecord | StatsRecord }[] = [
            { coll: 'gifts', id: 'catalog', value: catalogRecord(catalog) },
            {
              coll: 'gifts',
              id: 'stats',
              value: { ...stats, currency: catalog.currency, digits: catalog.digits },
            },
          ];
          if (!state.get('gifts', 'feed'))
            changes.push({ coll: 'gifts', id: 'feed', value: { id: 'feed', events: [] } });
          return done({ catalog }, { changes });
        },
        http: {
          method: 'PUT',
          path: '/gifts/catalog',
          input: ({ body }) => ({ catalog: body }),
          bodyAt: 'catalog',
        },
      },
      /** Credits a viewer's wallet (demos, tests, top-ups): `{viewer, amount, signed?}`. */
      'gift.grant': {
        parse: parser(grantSchema),
        viewer: ({ viewer, signed }) => ({ id: viewer, signed }),
        run(_state, { viewer, amount }, ctx) {
          const balance = balanceOf(ctx.mine) + amount;
          return done(
            { viewer, balance },
            {
              mine: { gifts: { wallet: { balance } } },
              append: [
                {
                  log: 'ledger',
                  viewer: ctx.viewer!.key,
                  key: `grant-${ctx.key}`,
                  row: { kind: 'grant', amount, balance },
                },
              ],
            },
          );
        },
        http: { method: 'POST', path: '/gifts/grant', input: ({ body }) => body },
      },
    },
    queries: {
      /** The last 500 ledger rows of the room (of one viewer, with their balance, when named). */
      'gift.ledger': {
        parse: parser(ledgerSchema),
        viewer: ({ viewer, signed }) => (viewer === undefined ? null : { id: viewer, signed }),
        run(_state, _input, ctx) {
          const filter = ctx.viewer
            ? { viewer: ctx.viewer.key, limit: LEDGER_LIMIT }
            : { limit: LEDGER_LIMIT };
          const entries = ctx.log('ledger', filter).map((entry) => {
            const row = entry.row as LedgerRow;
            return {
              seq: entry.seq,
              room: ctx.room,
              viewer: entry.viewer,
              key: entry.key,
              kind: row.kind,
              gift: row.gift ?? null,
              quantity: row.quantity ?? null,
              amount: row.amount,
              balance: row.balance,
              comboId: row.comboId ?? null,
              comboCount: row.comboCount ?? null,
              at: entry.at,
            };
          });
          return { ok: true, result: ctx.viewer ? { entries, balance: balanceOf(ctx.mine) } : { entries } };
        },
        http: {
          method: 'GET',
          path: '/gifts/ledger',
          input: ({ query }) => ({
            ...(query['viewer'] === undefined ? {} : { viewer: query['viewer'] }),
            signed: query['signed'] === 'true',
          }),
        },
      },
    },
  });
}
