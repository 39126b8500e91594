// React 19 and Vue typings for <onair-gift-panel>, <onair-gift-feed> and <onair-gift-effects>, brought in by their
// registering modules' declarations. Copied to dist/types by the build.
import type { ReactElementProps, VueElement } from '@onair/core/element.js';
import type { OnairGiftEffects } from './effects/effects.js';
import type { OnairGiftFeed } from './feed/feed.js';
import type { OnairGiftPanel } from './panel/panel.js';

type PanelProps =
  | 'config'
  | 'startingBalance'
  | 'quantities'
  | 'maxQuantity'
  | 'confirmAbove'
  | 'comboWindow'
  | 'senderName'
  | 'theme'
  | 'room';
type PanelEvents = 'onair-gift-send-request' | 'onair-gift-sent' | 'onair-topup-request' | 'onair-error';
type FeedProps = 'max' | 'linger' | 'bigAbove' | 'stats' | 'theme' | 'room';
type EffectsProps = 'above' | 'maxQueue' | 'maxDuration' | 'player' | 'theme' | 'room';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'onair-gift-panel': ReactElementProps<OnairGiftPanel, PanelProps, PanelEvents>;
      'onair-gift-feed': ReactElementProps<OnairGiftFeed, FeedProps, 'onair-error'>;
      'onair-gift-effects': ReactElementProps<OnairGiftEffects, EffectsProps, 'onair-error'>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'onair-gift-panel': VueElement<OnairGiftPanel, PanelProps, PanelEvents>;
    'onair-gift-feed': VueElement<OnairGiftFeed, FeedProps, 'onair-error'>;
    'onair-gift-effects': VueElement<OnairGiftEffects, EffectsProps, 'onair-error'>;
  }
}
