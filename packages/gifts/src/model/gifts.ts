/**
 * The gift rules: the catalog, what a send costs and when it is refused, the room's feed and
 * totals. Pure functions over plain records; `feature.ts` wires them into the live feature.
 */
import { byteLength } from '@onair/core/protocol.js';
import { formatIssue, parse, type ValidationIssue } from '@onair/core/validation.js';
import {
  type Catalog,
  catalogSchema,
  type Gift,
  MAX_GIFTS,
  MAX_QUANTITY,
  type SendPayload,
} from './schema.js';

/** Record ids in the `gifts` collection. */
export const GIFT_RECORDS = { catalog: 'catalog', stats: 'stats', feed: 'feed' } as const;
/** Events kept in the `feed` record, so late joiners see recent gifts. */
export const FEED_SIZE = 50;
/** …and at most this many bytes of them (UTF-8 JSON), so the record always fits a frame. */
export const FEED_BYTES = 11 * 1024;
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

/** A record of the `gifts` collection, told apart by its `id`. */
export type GiftsRecord = CatalogRecord | FeedRecord | StatsRecord;

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

/** The refusal of an invalid `gift.send` payload: a bad quantity gets its own code and words. */
export function invalidSend(issue: ValidationIssue): GiftError {
  const path = issue.path ? `payload.${issue.path}` : 'payload';
  if (issue.path === 'quantity')
    return {
      code: 'invalid_quantity',
      message: `quantity must be a whole number from 1 to ${MAX_QUANTITY}`,
      path,
    };
  return { code: 'invalid_action', message: formatIssue({ ...issue, path }), path };
}

/** What a valid send costs in this catalog, or why the room refuses it (the balance is the wallet's). */
export function priceSend(
  catalog: Catalog | null,
  send: SendPayload,
): GiftOutcome<{ gift: Gift; amount: number }> {
  if (!catalog?.open) return fail('room_closed', 'gifting is closed in this room');
  const gift = findGift(catalog, send.gift);
  if (!gift) return fail('unknown_gift', `no gift "${send.gift}" in this room's catalog`, 'payload.gift');
  return { ok: true, value: { gift, amount: gift.price * send.quantity } };
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
  // Long names and icon URLs make events large: the record must still fit a frame.
  while (next.length > 1 && byteLength(JSON.stringify(next)) > FEED_BYTES) next.shift();
  return next;
}

/** One sender's running total (the `gift_senders` collection, never sent to viewers). */
export type SenderRecord = TopSender;

export function emptyStats(): StatsRecord {
  return {
    id: 'stats',
    totalGifts: 0,
    totalValue: 0,
    currency: 'COIN',
    digits: 0,
    uniqueSenders: 0,
    topSenders: [],
  };
}

/**
 * The stats after one more send and the sender's new total. Totals only grow, so the top senders
 * stay right by re-ranking the sender alone; the room never needs every sender at once.
 */
export function addSender(
  stats: StatsRecord,
  prior: SenderRecord | undefined,
  sender: GiftSender,
  quantity: number,
  value: number,
): { stats: StatsRecord; sender: SenderRecord } {
  const total: SenderRecord = { id: sender.id, name: sender.name, value: (prior?.value ?? 0) + value };
  const top = stats.topSenders.filter((s) => s.id !== sender.id);
  top.push(total);
  top.sort((a, b) => b.value - a.value);
  return {
    sender: total,
    stats: {
      ...stats,
      totalGifts: stats.totalGifts + quantity,
      totalValue: stats.totalValue + value,
      uniqueSenders: stats.uniqueSenders + (prior ? 0 : 1),
      topSenders: top.slice(0, TOP_SENDERS),
    },
  };
}

/** Anonymous viewers get a readable default name from their id. */
export function defaultName(viewerId: string): string {
  return `Viewer ${viewerId.replace(/[^A-Za-z0-9]/g, '').slice(-4) || viewerId}`;
}

function fail(code: string, message: string, path?: string): { ok: false; error: GiftError } {
  return { ok: false, error: path ? { code, message, path } : { code, message } };
}
