// Public surface of `@onair/core/feature.js`: the feature contract and the room engine that hosts
// run. No DOM, no network: the server imports it as it is.
export { defineFeature, done, refuse, withField, withParams } from './define.js';
export {
  type Done,
  type EngineOptions,
  type MineChange,
  type Ran,
  type Refused,
  RoomEngine,
} from './engine.js';
export * from './types.js';
