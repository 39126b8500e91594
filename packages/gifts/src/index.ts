export { type GiftEffectPlayer, OnairGiftEffects } from './effects/effects.js';
export { createEffectsStore, type EffectsStore, type GiftEffect } from './effects/effects-store.js';
export * from './events.js';
export { OnairGiftFeed } from './feed/feed.js';
export { createFeedStore, type FeedItem, type FeedStore, type FeedView } from './feed/feed-store.js';
export * from './model/index.js';
export { OnairGiftPanel } from './panel/panel.js';
export { createPanelStore, type PanelStore, type PanelView } from './panel/panel-store.js';
