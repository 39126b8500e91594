export * from '@onair/commerce/onair-product-card.js';
