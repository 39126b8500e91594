/**
 * The gift panel's view state and its actions. The element renders what this store says; every
 * rule (what is selected, what a press does, combos, idempotency keys, confirm, retry) lives here.
 *
 * Idempotency: one user send = one key. A press while a send is in flight is ignored (a
 * double-click cannot make a second key); a failed send that may have reached the server keeps
 * its key, and `retry()` sends the same key again, so the server charges it at most once.
 */
import { type Channel, mineRecord, stampedKey } from '@onair/core/element.js';
import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import type { CatalogRecord, GiftEvent, GiftsRecord, WalletView } from '../model/gifts.js';
import type { Gift } from '../model/schema.js';

export interface SendRequest {
  key: string;
  gift: Gift;
  quantity: number;
  amount: number;
  comboId: string;
  currency: string;
}

export interface Combo {
  id: string;
  gift: string;
  quantity: number;
  count: number;
  until: number;
}

export interface PanelSettings {
  quantities: readonly number[];
  maxQuantity: number;
  /** Sends costing at least this much ask for confirmation; 0 never asks. */
  confirmAbove: number;
  comboWindowMs: number;
  senderName: string;
}

export interface PanelView {
  catalog: CatalogRecord | null;
  category: string;
  gifts: Gift[];
  selected: Gift | null;
  quantity: number;
  /** The custom quantity text, or null when a preset is chosen. */
  custom: string | null;
  quantityValid: boolean;
  total: number;
  wallet: WalletView | null;
  canAfford: boolean;
  pending: boolean;
  combo: Combo | null;
  confirming: SendRequest | null;
  /** A failed send that can be retried with its key. */
  retry: SendRequest | null;
  /** Gifting is open in the room. */
  open: boolean;
}

export type Press =
  | { kind: 'send'; request: SendRequest; continuesCombo: boolean }
  | { kind: 'confirm'; request: SendRequest }
  | {
      kind: 'refused';
      code: 'insufficient_balance' | 'invalid_quantity' | 'room_closed';
      request: SendRequest | null;
    }
  | { kind: 'busy' };

export interface SendOutcome {
  event: GiftEvent | null;
  balance: number | null;
  comboCount: number;
  /** The combo went past its first send. */
  comboContinued: boolean;
}

export interface PanelStore {
  $view: ReadableAtom<PanelView>;
  selectCategory(id: string): void;
  selectGift(id: string): void;
  setQuantity(quantity: number): void;
  setCustom(text: string): void;
  /** What a press on Send does now; 'send' and 'confirm' hand back the request to emit. */
  press(): Press;
  confirm(): SendRequest | null;
  cancelConfirm(): void;
  /** Sends through the channel, or awaits the host's answer when it took the send over. */
  send(request: SendRequest, routed?: Promise<{ balance?: number } | undefined>): Promise<SendOutcome>;
  /** Asks the server for the wallet (after a top-up, or where snapshots carry none). */
  refreshBalance(): Promise<void>;
  /** Asks for the wallet once when the room has a catalog but the viewer has no wallet yet (it joined before the catalog). */
  ensureWallet(): void;
  settings(next: PanelSettings): void;
}

/** Error codes after which the send may have reached the server: retry with the same key. */
const UNSURE = new Set(['timeout', 'closed', 'internal_error', 'rate_limited', 'action_failed']);

function randomId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

export function createPanelStore(channel: Channel, initial: PanelSettings): PanelStore {
  const $gifts = channel.collection<GiftsRecord>('gifts');
  const $ui = atom({
    category: '',
    gift: '',
    quantity: initial.quantities[0] ?? 1,
    custom: null as string | null,
  });
  const $pending = atom(false);
  const $combo = atom<Combo | null>(null);
  const $confirming = atom<SendRequest | null>(null);
  const $retry = atom<SendRequest | null>(null);
  /** A balance the host's own backend reported; wins until the server says otherwise. */
  const $hostBalance = atom<number | null>(null);
  const $settings = atom(initial);
  let comboTimer: ReturnType<typeof setTimeout> | undefined;
  let walletAsked = false;

  const $view = computed(
    [$gifts, channel.$viewer, $ui, $pending, $combo, $confirming, $retry, $hostBalance, $settings],
    (gifts, viewer, ui, pending, combo, confirming, retry, hostBalance, settings): PanelView => {
      const record = gifts['catalog'];
      const catalog = record?.id === 'catalog' ? record : null;
      const categories = catalog?.categories ?? [];
      const category = categories.find((c) => c.id === ui.category) ?? categories[0];
      const all = categories.flatMap((c) => c.gifts);
      const selected = all.find((g) => g.id === ui.gift) ?? null;
      const mine = mineRecord<WalletView>(viewer?.mine, 'gifts', 'wallet');
      const wallet = mine
        ? { ...mine, balance: hostBalance ?? mine.balance }
        : hostBalance !== null && catalog
          ? { balance: hostBalance, currency: catalog.currency, digits: catalog.digits }
          : null;
      const quantity = ui.custom === null ? ui.quantity : Number(ui.custom);
      const quantityValid = Number.isInteger(quantity) && quantity >= 1 && quantity <= settings.maxQuantity;
      const total = selected && quantityValid ? selected.price * quantity : 0;
      return {
        catalog,
        category: category?.id ?? '',
        gifts: category?.gifts ?? [],
        selected,
        quantity,
        custom: ui.custom,
        quantityValid,
        total,
        wallet,
        canAfford: !wallet || wallet.balance >= total,
        pending,
        combo,
        confirming,
        retry,
        open: catalog?.open ?? false,
      };
    },
  );

  onMount($combo, () => () => clearTimeout(comboTimer));

  const request = (view: PanelView): SendRequest | null => {
    const gift = view.selected;
    if (!gift || !view.quantityValid || !view.catalog) return null;
    const combo = view.combo;
    const continues =
      !!combo && combo.gift === gift.id && combo.quantity === view.quantity && combo.until > Date.now();
    return {
      key: stampedKey(channel.serverNow()),
      gift,
      quantity: view.quantity,
      amount: view.total,
      comboId: continues ? combo.id : randomId(),
      currency: view.catalog.currency,
    };
  };

  const store: PanelStore = {
    $view,
    selectCategory(id) {
      $ui.set({ ...$ui.get(), category: id });
    },
    selectGift(id) {
      $ui.set({ ...$ui.get(), gift: id });
      $retry.set(null);
    },
    setQuantity(quantity) {
      $ui.set({ ...$ui.get(), quantity, custom: null });
      $retry.set(null);
    },
    setCustom(text) {
      $ui.set({ ...$ui.get(), custom: text });
      $retry.set(null);
    },
    press() {
      const view = $view.get();
      if (view.pending) return { kind: 'busy' };
      const next = request(view);
      if (!view.open) return { kind: 'refused', code: 'room_closed', request: next };
      if (!next) return { kind: 'refused', code: 'invalid_quantity', request: null };
      if (!view.canAfford) return { kind: 'refused', code: 'insufficient_balance', request: next };
      const continuesCombo = next.comboId === view.combo?.id;
      const threshold = $settings.get().confirmAbove;
      if (threshold > 0 && next.amount >= threshold && !continuesCombo) {
        $confirming.set(next);
        return { kind: 'confirm', request: next };
      }
      return { kind: 'send', request: next, continuesCombo };
    },
    confirm() {
      const pending = $confirming.get();
      $confirming.set(null);
      return pending;
    },
    cancelConfirm() {
      $confirming.set(null);
    },
    async send(req, routed) {
      if ($pending.get()) throw Object.assign(new Error('a send is in flight'), { code: 'busy' });
      $pending.set(true);
      $retry.set(null);
      try {
        let event: GiftEvent | null = null;
        let balance: number | null = null;
        if (routed) {
          const answer = await routed;
          balance = typeof answer?.balance === 'number' ? answer.balance : null;
          $hostBalance.set(balance);
        } else {
          const payload: Record<string, unknown> = {
            gift: req.gift.id,
            quantity: req.quantity,
            comboId: req.comboId,
          };
          const name = $settings.get().senderName;
          if (name) payload['name'] = name;
          const { result } = await channel.act<{ event: GiftEvent; balance: number }>(
            'gift.send',
            payload,
            req.key,
          );
          event = result.event;
          balance = result.balance;
          $hostBalance.set(null);
        }
        const prior = $combo.get();
        const count = event?.comboCount ?? (prior?.id === req.comboId ? prior.count + 1 : 1);
        const combo: Combo = {
          id: req.comboId,
          gift: req.gift.id,
          quantity: req.quantity,
          count,
          until: Date.now() + $settings.get().comboWindowMs,
        };
        $combo.set(combo);
        clearTimeout(comboTimer);
        comboTimer = setTimeout(() => {
          if ($combo.get() === combo) $combo.set(null);
        }, $settings.get().comboWindowMs);
        return { event, balance, comboCount: count, comboContinued: count > 1 };
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'action_failed';
        if (UNSURE.has(code)) $retry.set(req);
        throw error;
      } finally {
        $pending.set(false);
      }
    },
    async refreshBalance() {
      await channel.act('gift.wallet', {});
      $hostBalance.set(null);
    },
    ensureWallet() {
      const view = $view.get();
      if (!view.catalog || view.wallet || walletAsked) return;
      walletAsked = true;
      store.refreshBalance().catch(() => {
        walletAsked = false;
      });
    },
    settings(next) {
      $settings.set(next);
    },
  };
  return store;
}
