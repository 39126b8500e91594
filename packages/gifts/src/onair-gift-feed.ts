import { OnairGiftFeed } from './feed/feed.js';

export { OnairGiftFeed };

OnairGiftFeed.define('onair-gift-feed');

declare global {
  interface HTMLElementTagNameMap {
    'onair-gift-feed': OnairGiftFeed;
  }
}
