/**
 * Gift rules served by an in-memory room (`@onair/core` `createMemoryRoom`): the gallery, static
 * embeds, the offline demo and the feed benchmark get the same behaviour as the reference server
 * (balance check, debit, combos, feed, aggregates, coalesced broadcast), minus persistence.
 */
import type { Change, MemoryRoom } from '@onair/core/channel.js';
import { formatIssue } from '@onair/core/validation.js';
import {
  addToTally,
  appendFeed,
  catalogRecord,
  createTally,
  defaultName,
  type GiftEvent,
  insufficient,
  priceSend,
  statsRecord,
  validateCatalog,
  type WalletView,
} from './gifts.js';
import type { Catalog, CatalogInput } from './schema.js';

export interface MemoryGiftsOptions {
  catalog?: CatalogInput;
  /** Coins a viewer starts with (minor units). Default 10,000. */
  startingBalance?: number;
  /** Coalescing window of feed and stats broadcasts, ms, as the server's rooms do. 0 sends each at once. */
  flushMs?: number;
  clock?: () => number;
}

export interface LedgerEntry {
  viewer: string;
  key: string;
  gift: string;
  quantity: number;
  amount: number;
  comboId: string;
  at: number;
}

export interface MemoryGifts {
  /** Replaces the catalog (as ops would); throws on an invalid one. */
  setCatalog(catalog: CatalogInput): void;
  grant(viewer: string, amount: number): number;
  balance(viewer: string): number;
  ledger(viewer?: string): LedgerEntry[];
  /** A send by a simulated viewer (crowd, bench), through the same rules; throws a refusal. */
  send(viewer: string, payload: Record<string, unknown>, key?: string): GiftEvent;
  /** Broadcasts pending feed and stats changes now. */
  flush(): void;
  dispose(): void;
}

export const DEFAULT_STARTING_BALANCE = 10_000;

/** Registers `gift.send` and `gift.wallet` on the room and returns the ops-side controls. */
export function serveGifts(room: MemoryRoom, options: MemoryGiftsOptions = {}): MemoryGifts {
  const clock = options.clock ?? Date.now;
  const starting = options.startingBalance ?? DEFAULT_STARTING_BALANCE;
  const flushMs = options.flushMs ?? 100;
  let catalog: Catalog | null = null;
  const wallets = new Map<string, number>();
  const combos = new Map<string, number>();
  const ledger: LedgerEntry[] = [];
  const tally = createTally();
  let feed: GiftEvent[] = [];
  let serial = 0;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const wallet = (viewer: string): WalletView => ({
    balance: wallets.get(viewer) ?? starting,
    currency: catalog?.currency ?? 'COIN',
    digits: catalog?.digits ?? 0,
  });

  const records = (): Change[] => [
    { coll: 'gifts', id: 'feed', value: { id: 'feed', events: feed } },
    {
      coll: 'gifts',
      id: 'stats',
      value: { ...statsRecord(tally, catalog?.currency ?? 'COIN', catalog?.digits ?? 0) },
    },
  ];

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    room.commit(records() as unknown as Change[]);
  };

  const apply = (viewer: string, payload: unknown, key: string): { event: GiftEvent; wallet: WalletView } => {
    const priced = priceSend(catalog, payload);
    if (!priced.ok) throw priced.error;
    const { send, gift, amount } = priced.value;
    const balance = wallets.get(viewer) ?? starting;
    if (amount > balance) throw insufficient(balance, amount);
    wallets.set(viewer, balance - amount);
    const comboId = send.comboId ?? `k-${key}`.slice(0, 64);
    const comboKey = `${viewer}\n${comboId}\n${gift.id}`;
    const comboCount = (combos.get(comboKey) ?? 0) + 1;
    combos.set(comboKey, comboCount);
    const now = clock();
    const event: GiftEvent = {
      id: `m${++serial}`,
      sender: { id: viewer, name: send.name ?? defaultName(viewer) },
      gift: gift.id,
      name: gift.name,
      icon: gift.icon,
      quantity: send.quantity,
      comboId,
      comboCount,
      value: amount,
      at: now,
    };
    ledger.push({ viewer, key, gift: gift.id, quantity: send.quantity, amount, comboId, at: now });
    feed = appendFeed(feed, event);
    addToTally(tally, event.sender, send.quantity, amount);
    dirty = true;
    if (flushMs <= 0) flush();
    else timer ??= setTimeout(flush, flushMs);
    return { event, wallet: wallet(viewer) };
  };

  room.handle('gift.send', (payload, ctx) => {
    const { event, wallet: view } = apply(ctx.viewer, payload, `${ctx.now}-${serial}`);
    return {
      result: { event: { ...event }, balance: view.balance },
      mine: { gifts: { wallet: { ...view } } },
    };
  });
  // A read: memory rooms have no per-viewer snapshot hook, so the panel asks for its wallet.
  room.handle('gift.wallet', (_payload, ctx) => {
    const view = wallet(ctx.viewer);
    return { result: { wallet: { ...view } }, mine: { gifts: { wallet: { ...view } } } };
  });

  const controls: MemoryGifts = {
    setCatalog(input) {
      const valid = validateCatalog(input);
      if (!valid.ok) throw new TypeError(valid.issues.map((issue) => formatIssue(issue)).join('; '));
      catalog = valid.value;
      room.commit([
        { coll: 'gifts', id: 'catalog', value: { ...catalogRecord(catalog) } },
        ...records(),
      ] as unknown as Change[]);
    },
    grant(viewer, amount) {
      const balance = (wallets.get(viewer) ?? starting) + amount;
      wallets.set(viewer, balance);
      return balance;
    },
    balance: (viewer) => wallets.get(viewer) ?? starting,
    ledger: (viewer) => ledger.filter((entry) => viewer === undefined || entry.viewer === viewer),
    send: (viewer, payload, key = `sim-${serial}`) => apply(viewer, payload, key).event,
    flush,
    dispose() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
  if (options.catalog) controls.setCatalog(options.catalog);
  return controls;
}
