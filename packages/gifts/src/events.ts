import type { IntentDetail } from '@onair/core/element.js';

/** Events `<onair-gift-panel>` fires. */
export const GiftEvents = {
  sendRequest: 'onair-gift-send-request',
  sent: 'onair-gift-sent',
  topupRequest: 'onair-topup-request',
} as const;

/** What the host's payment backend answers for a send it took over. */
export interface HostSendResult {
  /** The viewer's balance after the debit, when the host knows it. */
  balance?: number;
}

/**
 * `onair-gift-send-request`: cancelable. `preventDefault()` drops the send; `respondWith(answer)`
 * takes it over — pass your payment backend's answer (or its promise): it resolves when the viewer
 * was charged, or rejects with `{code, message}`.
 */
export interface GiftSendRequestDetail extends IntentDetail<HostSendResult | undefined> {
  gift: string;
  name: string;
  quantity: number;
  /** price × quantity, minor units of `currency`. */
  amount: number;
  currency: string;
  comboId: string;
  /** Idempotency key of this send: the same on every retry of it. Charge once per key. */
  key: string;
}

export interface GiftSentDetail {
  gift: string;
  quantity: number;
  amount: number;
  currency: string;
  comboId: string;
  /** Sends in this combo so far (the ×N counter). */
  comboCount: number;
  key: string;
  balance: number | null;
}

export interface TopupRequestDetail {
  balance: number | null;
  currency: string;
  /** What the send the viewer tried costs, when a top-up is asked for because of it. */
  needed: number | null;
}

declare global {
  interface HTMLElementEventMap {
    'onair-gift-send-request': CustomEvent<GiftSendRequestDetail>;
    'onair-gift-sent': CustomEvent<GiftSentDetail>;
    'onair-topup-request': CustomEvent<TopupRequestDetail>;
  }
}
