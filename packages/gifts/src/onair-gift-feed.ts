import { OnairGiftFeed } from './feed/feed.js';

// Declarations only: the React/Vue typings reach every project that imports this element.
export type {} from './jsx.js';

export { OnairGiftFeed };

OnairGiftFeed.define('onair-gift-feed');

declare global {
  interface HTMLElementTagNameMap {
    'onair-gift-feed': OnairGiftFeed;
  }
}
