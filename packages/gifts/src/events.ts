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

export interface GiftSendRequestDetail {
  gift: string;
  name: string;
  quantity: number;
  /** price × quantity, minor units of `currency`. */
  amount: number;
  currency: string;
  comboId: string;
  /** Idempotency key of this send: the same on every retry of it. Charge once per key. */
  key: string;
  /**
   * Take the send over: call `preventDefault()` and pass the promise of your backend's answer.
   * It resolves when the viewer was charged, or rejects with `{code, message}`. Canceling
   * without `respondWith` drops the send.
   */
  respondWith(result: Promise<HostSendResult | undefined>): void;
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
