/**
 * Gifts on the server: the catalog per room (ops), the `gift.send` action (balance check, debit,
 * ledger row and idempotency record in one SQLite transaction, before the ack), the room's feed
 * and aggregates, and a per-viewer send rate limit. The rules are `@onair/gifts/model.js`, shared
 * with the in-memory room.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AckFrame, RecordValue } from '@onair/core/channel.js';
import { formatIssue, parse } from '@onair/core/validation.js';
import {
  addToTally,
  appendFeed,
  type Catalog,
  catalogRecord,
  createTally,
  defaultName,
  FEED_SIZE,
  type GiftEvent,
  type GiftTally,
  grantSchema,
  insufficient,
  priceSend,
  statsRecord,
  validateCatalog,
  type WalletView,
} from '@onair/gifts/model.js';
import { type ActionContext, refuse } from './actions.js';
import type { Clock } from './clock.js';
import type { Database } from './db.js';
import { createGiftStore, type GiftStore, type LedgerRow } from './gift-store.js';
import { DEFAULT_STARTING_BALANCE, SqliteWallet, type Wallet } from './gift-wallet.js';
import type { OpsResult } from './polls.js';
import { type BucketSpec, KeyedBuckets } from './rate-limit.js';
import type { Room, RoomRegistry } from './rooms.js';

export interface GiftOptions {
  /** Coins a viewer starts with in the default SQLite wallet. Default 10,000. */
  startingBalance?: number;
  /** A real wallet instead of the SQLite one. */
  wallet?: Wallet;
  /** Gift sends per viewer (on top of the channel's action limit). Default 5/s, burst 10. */
  sendLimit?: BucketSpec;
}

interface GiftRoom {
  catalog: Catalog | null;
  feed: GiftEvent[];
  tally: GiftTally;
}

interface GiftDeps {
  db: Database;
  rooms: RoomRegistry;
  clock: Clock;
}

export const LEDGER_LIMIT = 500;

export class GiftService {
  private readonly store: GiftStore;
  private readonly wallet: Wallet;
  /** The default wallet debits inside the gift transaction; other wallets are awaited first. */
  private readonly localWallet: SqliteWallet | null;
  private readonly state = new Map<string, GiftRoom>();
  private readonly buckets: KeyedBuckets;
  /** Sends waiting on an asynchronous wallet, by room/viewer/key: a repeat joins the first. */
  private readonly inFlight = new Map<string, Promise<string | AckFrame>>();
  private readonly deps: GiftDeps;

  constructor(deps: GiftDeps, options: GiftOptions = {}) {
    this.deps = deps;
    this.store = createGiftStore(deps.db);
    this.localWallet = options.wallet
      ? null
      : new SqliteWallet(deps.db, options.startingBalance ?? DEFAULT_STARTING_BALANCE, () =>
          deps.clock.now(),
        );
    this.wallet = options.wallet ?? this.localWallet!;
    this.buckets = new KeyedBuckets(options.sendLimit ?? { rate: 5, burst: 10 });
    deps.rooms.use({
      coll: 'gifts',
      all: (room) => {
        const gifts = this.room(room);
        const out: Record<string, RecordValue> = {};
        if (!gifts.catalog) return out;
        return {
          catalog: this.record(room, 'catalog')!,
          stats: this.record(room, 'stats')!,
          feed: this.record(room, 'feed')!,
        };
      },
      get: (room, id) => this.record(room, id),
      mine: (room, viewerKey) => {
        const gifts = this.room(room);
        const wallet = gifts.catalog ? this.walletView(gifts.catalog, viewerKey) : null;
        return wallet ? { wallet } : {};
      },
      load: (room) => {
        this.state.delete(room.id);
        this.room(room);
      },
      reload: (room) => {
        this.state.delete(room.id);
        return this.room(room).catalog ? ['catalog', 'stats', 'feed'] : [];
      },
    });
  }

  /** `gift.send` {gift, quantity, comboId?, name?}: acked with the event and the new balance. */
  send = (ctx: ActionContext, payload: Record<string, unknown>): AckFrame | Promise<AckFrame | string> => {
    const { room, viewer, key, now } = ctx;
    const flightKey = `${room.id}\n${viewer.key}\n${key}`;
    const flying = this.inFlight.get(flightKey);
    if (flying) return flying;
    const gifts = this.room(room);
    const priced = priceSend(gifts.catalog, payload);
    if (!priced.ok) return refuse(key, priced.error.code, priced.error.message, priced.error.path);
    const wait = this.buckets.take(viewer.key, performance.now());
    if (wait > 0) return refuse(key, 'rate_limited', `too many gifts from this viewer; retry in ${wait} ms`);
    const catalog = gifts.catalog!;
    const { send, gift, amount } = priced.value;
    const comboId = send.comboId ?? `k-${key}`.slice(0, 64);
    const event = (comboCount: number): GiftEvent => ({
      id: randomBytes(6).toString('base64url'),
      sender: { id: viewer.id, name: send.name ?? defaultName(viewer.id) },
      gift: gift.id,
      name: gift.name,
      icon: gift.icon,
      quantity: send.quantity,
      comboId,
      comboCount,
      value: amount,
      at: now,
    });
    const record = (balance: number) => {
      const sent = event(this.store.comboCount(room.id, viewer.key, comboId, gift.id) + 1);
      const ack: AckFrame = {
        t: 'ack',
        key,
        ok: true,
        result: { event: sent as unknown as RecordValue, balance },
        mine: { gifts: { wallet: { balance, currency: catalog.currency, digits: catalog.digits } } },
      };
      const text = JSON.stringify(ack);
      this.store.writeSend({ room: room.id, viewer: viewer.key, key, event: sent, balance, ack: text });
      return { sent, text };
    };
    const ref = `${room.id}/${key}`;
    if (this.localWallet) {
      const wallet = this.localWallet;
      // Balance check, debit, ledger row and ack in one transaction: all stored, or nothing.
      const outcome = this.deps.db.transaction(() => {
        const debit = wallet.debit(viewer.key, amount, ref);
        return debit.ok ? record(debit.balance) : { refused: debit.balance };
      })();
      if ('refused' in outcome) return this.refuseBalance(key, outcome.refused, amount);
      this.published(room, gifts, outcome.sent);
      // Already stored: a repeat of this key now finds the ack in `action_acks`.
      return Promise.resolve(outcome.text);
    }
    const pending = Promise.resolve(this.wallet.debit(viewer.key, amount, ref))
      .then((debit) => {
        if (!debit.ok) return this.refuseBalance(key, debit.balance, amount);
        const outcome = this.deps.db.transaction(() => record(debit.balance))();
        this.published(room, gifts, outcome.sent);
        return outcome.text;
      })
      .finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, pending);
    return pending;
  };

  /** `gift.wallet` {}: the viewer's wallet in `mine` (a read; nothing is stored). */
  walletAction = (ctx: ActionContext): AckFrame => {
    const catalog = this.room(ctx.room).catalog;
    const wallet = catalog ? this.walletView(catalog, ctx.viewer.key) : null;
    return {
      t: 'ack',
      key: ctx.key,
      ok: true,
      result: { wallet },
      mine: wallet ? { gifts: { wallet } } : {},
    };
  };

  putCatalog(room: Room, input: unknown): OpsResult<{ catalog: Catalog }> {
    const valid = validateCatalog(input);
    if (!valid.ok) {
      const issue = valid.issues[0]!;
      return {
        ok: false,
        status: 400,
        error: { code: 'invalid_body', message: formatIssue(issue), path: issue.path },
      };
    }
    room.persist();
    this.store.saveCatalog(room.id, valid.value, this.deps.clock.now());
    const gifts = this.room(room);
    gifts.catalog = valid.value;
    this.state.set(room.id, gifts);
    for (const id of ['catalog', 'stats', 'feed']) room.changed('gifts', id);
    return { ok: true, value: { catalog: valid.value } };
  }

  async grant(room: Room, input: unknown): Promise<OpsResult<{ viewer: string; balance: number }>> {
    const parsed = parse(grantSchema, input);
    if (!parsed.ok) {
      const issue = parsed.issues[0]!;
      return {
        ok: false,
        status: 400,
        error: { code: 'invalid_body', message: formatIssue(issue), path: issue.path },
      };
    }
    const { viewer, amount, signed } = parsed.value;
    const key = `${signed ? 's' : 'a'}:${viewer}`;
    const ref = `grant-${randomBytes(8).toString('base64url')}`;
    const now = this.deps.clock.now();
    const local = this.localWallet;
    const balance = local
      ? this.deps.db.transaction(() => {
          const next = local.credit(key, amount, ref);
          this.store.writeGrant(room.id, key, ref, amount, next, now);
          return next;
        })()
      : await this.wallet.credit(key, amount, ref);
    if (!local) this.store.writeGrant(room.id, key, ref, amount, balance, now);
    return { ok: true, value: { viewer, balance } };
  }

  ledger(
    room: Room,
    viewer: string | null,
    signed: boolean,
  ): OpsResult<{ entries: LedgerRow[]; balance?: number }> {
    const key = viewer === null ? null : `${signed ? 's' : 'a'}:${viewer}`;
    const entries = this.store.ledger(room.id, key, LEDGER_LIMIT);
    const balance = key === null ? null : this.wallet.balance(key);
    return { ok: true, value: balance === null ? { entries } : { entries, balance } };
  }

  /** The room's catalog, or null (for the crowd and tests). */
  catalog(room: Room): Catalog | null {
    return this.room(room).catalog;
  }

  private refuseBalance(key: string, balance: number, amount: number): AckFrame {
    const error = insufficient(balance, amount);
    return refuse(key, error.code, error.message);
  }

  private published(room: Room, gifts: GiftRoom, event: GiftEvent): void {
    gifts.feed = appendFeed(gifts.feed, event);
    addToTally(gifts.tally, event.sender, event.quantity, event.value);
    room.changed('gifts', 'feed');
    room.changed('gifts', 'stats');
  }

  private walletView(catalog: Catalog, viewerKey: string): WalletView | null {
    const balance = this.wallet.balance(viewerKey);
    return balance === null ? null : { balance, currency: catalog.currency, digits: catalog.digits };
  }

  private record(room: Room, id: string): RecordValue | null {
    const gifts = this.room(room);
    const catalog = gifts.catalog;
    if (!catalog) return null;
    if (id === 'catalog') return catalogRecord(catalog) as unknown as RecordValue;
    if (id === 'feed') return { id: 'feed', events: gifts.feed };
    if (id === 'stats')
      return statsRecord(gifts.tally, catalog.currency, catalog.digits) as unknown as RecordValue;
    return null;
  }

  /** The room's gift state, loaded from SQLite on first use. */
  private room(room: Room): GiftRoom {
    let gifts = this.state.get(room.id);
    if (gifts) return gifts;
    const tally = createTally();
    const totals = this.store.totals(room.id);
    tally.totalGifts = totals.gifts;
    tally.totalValue = totals.value;
    for (const sender of totals.senders) tally.senders.set(sender.id, sender);
    gifts = {
      catalog: this.store.catalog(room.id),
      feed: this.store.recentEvents(room.id, FEED_SIZE),
      tally,
    };
    // Rooms without gifts are not kept: any room id a viewer names would otherwise cost memory.
    if (gifts.catalog) this.state.set(room.id, gifts);
    return gifts;
  }
}
