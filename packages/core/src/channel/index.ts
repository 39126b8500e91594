// Public surface of `@onair/core/channel.js`.
export { backoffDelay } from './backoff.js';
export { createChannel, HEARTBEAT_MS } from './client.js';
export { byteLength, type Decoded, decodeClientFrame, decodeServerFrame, encodeFrame } from './codec.js';
export {
  createMemoryRoom,
  type MemoryActionHandler,
  type MemoryRoom,
  type MemoryRoomOptions,
  type ViewerMine,
} from './memory-room.js';
export * from './protocol.js';
export * from './types.js';
export {
  FINAL_CLOSE_CODES,
  type WebSocketConstructor,
  type WebSocketLike,
  type WebSocketTransportOptions,
  webSocketTransport,
} from './websocket.js';
