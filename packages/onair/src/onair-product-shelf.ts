export * from '@onair/commerce/onair-product-shelf.js';
