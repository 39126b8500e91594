import { OnairRedPacketRain } from './rain/rain.js';

// Declarations only: the event map (`onair-packet-open`) and the React/Vue typings reach every
// project that imports this element.
export type { PacketOpenDetail } from './events.js';
export type {} from './jsx.js';

export { OnairRedPacketRain };

OnairRedPacketRain.define('onair-red-packet-rain');

declare global {
  interface HTMLElementTagNameMap {
    'onair-red-packet-rain': OnairRedPacketRain;
  }
}
