import { OnairLuckyDraw } from './draw/draw.js';

// Declarations only: the event map (`onair-prize-claim` …) and the React/Vue typings reach every
// project that imports this element.
export type { DrawEnterDetail, PrizeClaimAnswer, PrizeClaimDetail } from './events.js';
export type {} from './jsx.js';

export { OnairLuckyDraw };

OnairLuckyDraw.define('onair-lucky-draw');

declare global {
  interface HTMLElementTagNameMap {
    'onair-lucky-draw': OnairLuckyDraw;
  }
}
