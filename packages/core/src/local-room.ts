// Public surface of `@onair/core/local-room.js`: the in-page room (static embeds, the gallery,
// offline demos, tests) and its frame-level face for the network client's tests.
export {
  type CommandResult,
  createLocalRoom,
  type LocalRoom,
  type LocalRoomOptions,
  type LocalSession,
  type LocalSessions,
} from './feature/local-room.js';
export { type LocalNetwork, type LocalTransportOptions, localNetwork } from './feature/local-transport.js';
export { type ManualClock, manualClock } from './feature/manual-clock.js';
