import { OnairGiftPanel } from './panel/panel.js';

// Declarations only: the event map (`onair-gift-sent` …) and the React/Vue typings reach every
// project that imports this element.
export type { GiftSendRequestDetail, GiftSentDetail, TopupRequestDetail } from './events.js';
export type {} from './jsx.js';

export { OnairGiftPanel };

OnairGiftPanel.define('onair-gift-panel');

declare global {
  interface HTMLElementTagNameMap {
    'onair-gift-panel': OnairGiftPanel;
  }
}
