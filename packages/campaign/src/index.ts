// @onair/campaign: the campaign document, its checks, the player and the dry run (`model.js`),
// and <onair-slot> (`onair-slot.js`).
export * from './model/index.js';
export * from './onair-slot.js';
