/**
 * The default transport: protocol v1 over a WebSocket (JSON text frames). It only moves frames;
 * the channel client owns hello, sequencing and reconnects.
 */
import { decodeServerFrame, encodeFrame } from '../protocol/codec.js';
import type { ClientFrame } from '../protocol/frames.js';
import type { Transport, TransportHandlers } from './types.js';

/** The part of the WebSocket API this transport uses; the DOM one and the `ws` package both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface WebSocketTransportOptions {
  /** Defaults to the global `WebSocket`; Node 20 has none, so pass `ws`'s `WebSocket` there. */
  WebSocketImpl?: WebSocketConstructor;
  protocols?: string | string[];
}

/** Close codes after which reconnecting cannot help: policy violation, unauthorized, forbidden. */
export const FINAL_CLOSE_CODES: readonly number[] = [1008, 4401, 4403];

const OPEN = 1;

/**
 * A transport over WebSocket. `url` may be a function, read on every connect, so a reconnect can
 * carry a fresh token or region. A malformed server frame is dropped and reported to the channel
 * as a local `error` frame (`bad_json`, `invalid_frame`, `unknown_type`), never thrown.
 */
export function webSocketTransport(
  url: string | (() => string),
  options: WebSocketTransportOptions = {},
): Transport {
  let socket: WebSocketLike | null = null;

  return {
    connect(handlers: TransportHandlers) {
      const Impl = options.WebSocketImpl ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
      let current: WebSocketLike;
      try {
        if (!Impl) throw new Error('no WebSocket implementation: pass options.WebSocketImpl');
        current = new Impl(typeof url === 'function' ? url() : url, options.protocols);
      } catch (error) {
        // A bad URL or a missing implementation will not fix itself by retrying.
        queueMicrotask(() => handlers.close({ code: 1006, reason: String(error), retry: false }));
        return;
      }
      socket = current;
      // Listeners stay attached for the socket's life; `socket !== current` marks it as dropped.
      // (`ws` throws on an `error` event nobody listens to, e.g. a close() while still connecting.)
      current.addEventListener('open', () => {
        if (socket === current) handlers.open();
      });
      current.addEventListener('message', (event: { data: unknown }) => {
        if (socket !== current) return;
        const decoded = decodeServerFrame(event.data);
        if (decoded.ok) handlers.frame(decoded.frame);
        else
          handlers.frame({
            t: 'error',
            ...decoded.error,
            message: `server frame dropped: ${decoded.error.message}`,
          });
      });
      current.addEventListener('error', () => {
        // Always followed by `close`, which carries the code.
      });
      current.addEventListener('close', (event: { code: number; reason: string }) => {
        if (socket !== current) return;
        socket = null;
        handlers.close({
          code: event.code,
          reason: event.reason,
          retry: !FINAL_CLOSE_CODES.includes(event.code),
        });
      });
    },
    send(frame: ClientFrame) {
      // Throws `frame_too_large` before anything is sent; the channel rejects that one action.
      const text = encodeFrame(frame);
      // A socket already closing drops the frame; its `close` event is on the way.
      if (socket?.readyState === OPEN) socket.send(text);
    },
    disconnect() {
      const current = socket;
      socket = null;
      current?.close(1000, 'client closed');
    },
  };
}
