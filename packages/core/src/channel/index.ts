// Public surface of `@onair/core/channel.js`: the network channel client and its transports. The
// wire types and codec are `@onair/core/protocol.js`, re-exported here for transport authors.
export * from '../protocol/index.js';
export { backoffDelay } from './backoff.js';
export { createChannel, HEARTBEAT_MS } from './client.js';
export * from './types.js';
export {
  FINAL_CLOSE_CODES,
  type WebSocketConstructor,
  type WebSocketLike,
  type WebSocketTransportOptions,
  webSocketTransport,
} from './websocket.js';
