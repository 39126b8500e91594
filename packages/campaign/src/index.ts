// @onair/campaign: the campaign document, its checks, the player and the dry run (see model.js).
export * from './model/index.js';
