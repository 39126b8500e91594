/**
 * The gift rules, shared by the reference server and the in-memory room: what a send costs, when
 * it is refused, how combos count, and the room's feed and aggregates. Pure functions over plain
 * records; no I/O, no DOM.
 */
import { formatIssue, parse, type ValidationIssue } from '@onair/core/validation.js';
import {
  type Catalog,
  catalogSchema,
  type Gift,
  MAX_GIFTS,
  MAX_QUANTITY,
  type SendPayload,
  sendPayloadSchema,
} from './schema.js';

/** Record ids in the `gifts` collection. */
export const GIFT_RECORDS = { catalog: 'catalog', stats: 'stats', feed: 'feed' } as const;
/** Events kept in the `feed` record, so late joiners see recent gifts. */
export const FEED_SIZE = 50;
export const TOP_SENDERS = 5;

export interface GiftError {
  code: string;
  message: string;
  path?: string;
}

export type GiftOutcome<T> = { ok: true; value: T } | { ok: false; error: GiftError };

/** The `catalog` record: the config plus its id. */
export interface CatalogRecord extends Catalog {
  id: 'catalog';
}

export interface GiftSender {
  id: string;
  name: string;
}

/** One accepted send, as every viewer sees it. */
export interface GiftEvent {
  id: string;
  sender: GiftSender;
  gift: string;
  /** Name and icon at the time of sending, so the feed needs no catalog. */
  name: string;
  icon: string;
  quantity: number;
  comboId: string;
  /** Sends in this combo so far, this one included (the ×N counter). */
  comboCount: number;
  /** price × quantity, minor units. */
  value: number;
  at: number;
}

export interface FeedRecord {
  id: 'feed';
  events: GiftEvent[];
}

export interface TopSender extends GiftSender {
  value: number;
}

export interface StatsRecord {
  id: 'stats';
  /** Gifts sent (quantities added up). */
  totalGifts: number;
  /** Their value, minor units. */
  totalValue: number;
  currency: string;
  digits: number;
  uniqueSenders: number;
  topSenders: TopSender[];
}

/** What `viewer.mine.gifts.wallet` holds. */
export interface WalletView {
  balance: number;
  currency: string;
  digits: number;
}

/** Validates a catalog, including the rules that span fields; issues name the field at fault. */
export function validateCatalog(
  input: unknown,
): { ok: true; value: Catalog } | { ok: false; issues: ValidationIssue[] } {
  const parsed = parse(catalogSchema, input);
  if (!parsed.ok) return parsed;
  const catalog = parsed.value;
  const issues: ValidationIssue[] = [];
  const categories = new Set<string>();
  const gifts = new Set<string>();
  catalog.categories.forEach((category, c) => {
    if (categories.has(category.id)) issues.push({ path: `categories[${c}].id`, key: 'unique' });
    categories.add(category.id);
    category.gifts.forEach((gift, g) => {
      const at = `categories[${c}].gifts[${g}]`;
      if (gifts.has(gift.id)) issues.push({ path: `${at}.id`, key: 'unique' });
      gifts.add(gift.id);
      if (gift.tag === 'blind-box') {
        const total = gift.odds?.reduce((sum, o) => sum + o.permille, 0);
        if (total === undefined) issues.push({ path: `${at}.odds`, key: 'required' });
        else if (total !== 1000)
          issues.push({ path: `${at}.odds`, key: 'expected odds adding up to 1000 ‰' });
      } else if (gift.odds) issues.push({ path: `${at}.odds`, key: 'unknown' });
    });
  });
  if (gifts.size > MAX_GIFTS) issues.push({ path: 'categories', key: `list|1|${MAX_GIFTS}` });
  return issues.length ? { ok: false, issues } : { ok: true, value: catalog };
}

export function catalogRecord(catalog: Catalog): CatalogRecord {
  return { id: 'catalog', ...catalog };
}

export function findGift(catalog: Catalog, giftId: string): Gift | undefined {
  for (const category of catalog.categories) {
    const gift = category.gifts.find((g) => g.id === giftId);
    if (gift) return gift;
  }
  return undefined;
}

/**
 * Checks a `gift.send` payload against the catalog: the gift and what it costs, or the refusal.
 * The balance is checked separately, by whoever holds the wallet.
 */
export function priceSend(
  catalog: Catalog | null,
  payload: unknown,
): GiftOutcome<{ send: SendPayload; gift: Gift; amount: number }> {
  const parsed = parse(sendPayloadSchema, payload);
  if (!parsed.ok) {
    const issue = parsed.issues[0]!;
    const path = issue.path ? `payload.${issue.path}` : 'payload';
    const code = issue.path === 'quantity' ? 'invalid_quantity' : 'invalid_action';
    const message =
      code === 'invalid_quantity'
        ? `quantity must be a whole number from 1 to ${MAX_QUANTITY}`
        : formatIssue({ ...issue, path });
    return fail(code, message, path);
  }
  const send = parsed.value;
  if (!catalog?.open) return fail('room_closed', 'gifting is closed in this room');
  const gift = findGift(catalog, send.gift);
  if (!gift) return fail('unknown_gift', `no gift "${send.gift}" in this room's catalog`, 'payload.gift');
  return { ok: true, value: { send, gift, amount: gift.price * send.quantity } };
}

export function insufficient(balance: number, amount: number): GiftError {
  return {
    code: 'insufficient_balance',
    message: `this send costs ${amount} and the balance is ${balance}`,
  };
}

/** The feed record after one more event: newest last, at most FEED_SIZE. */
export function appendFeed(events: readonly GiftEvent[], event: GiftEvent): GiftEvent[] {
  const next = events.length >= FEED_SIZE ? events.slice(events.length - FEED_SIZE + 1) : events.slice();
  next.push(event);
  return next;
}

/** Running aggregates of one room; `statsRecord()` is what viewers receive. */
export interface GiftTally {
  totalGifts: number;
  totalValue: number;
  senders: Map<string, TopSender>;
}

export function createTally(): GiftTally {
  return { totalGifts: 0, totalValue: 0, senders: new Map() };
}

export function addToTally(tally: GiftTally, sender: GiftSender, quantity: number, value: number): void {
  tally.totalGifts += quantity;
  tally.totalValue += value;
  const prior = tally.senders.get(sender.id);
  tally.senders.set(sender.id, { id: sender.id, name: sender.name, value: (prior?.value ?? 0) + value });
}

export function statsRecord(tally: GiftTally, currency: string, digits: number): StatsRecord {
  const top = [...tally.senders.values()].sort((a, b) => b.value - a.value).slice(0, TOP_SENDERS);
  return {
    id: 'stats',
    totalGifts: tally.totalGifts,
    totalValue: tally.totalValue,
    currency,
    digits,
    uniqueSenders: tally.senders.size,
    topSenders: top,
  };
}

/** Anonymous viewers get a readable default name from their id. */
export function defaultName(viewerId: string): string {
  return `Viewer ${viewerId.replace(/[^A-Za-z0-9]/g, '').slice(-4) || viewerId}`;
}

function fail(code: string, message: string, path?: string): { ok: false; error: GiftError } {
  return { ok: false, error: path ? { code, message, path } : { code, message } };
}
