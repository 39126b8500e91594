import { createTelemetry, type Telemetry } from '@onair/telemetry';
import { createChannel } from '../channel/client.js';
import type { Channel, Transport } from '../channel/types.js';
import { webSocketTransport } from '../channel/websocket.js';
import { resolveLocale } from '../i18n/locale.js';
import type { Tracker } from '../telemetry/widget-telemetry.js';
import type { RoomContext, Theme } from './room-context.js';

export interface RoomOptions {
  room: string;
  /** Server base URL (`https://live.example.com`); the channel goes to `<server>/v1/live`. */
  server?: string;
  /** A custom transport (a platform's own IM SDK, an in-page room's frames) instead of `server`. */
  transport?: Transport;
  /** A ready channel instead of `server` or `transport`: an in-page room's `connect()`. */
  channel?: Channel;
  lang?: string;
  theme?: Theme;
  telemetryEndpoint?: string;
  /** Host-issued signed viewer token. */
  token?: string;
  /** Your own tracker (e.g. a shared `createTelemetry()` instance) instead of `telemetryEndpoint`. */
  telemetry?: Tracker;
}

/** The live channel URL for a server base URL; only http(s) servers are accepted. */
export function liveUrl(server: string, room: string): string {
  const url = new URL(server, globalThis.location?.href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`server: expected an http(s) URL`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/v1/live`;
  url.search = new URLSearchParams({ room }).toString();
  return url.href;
}

const CREDENTIAL_KEY = 'onair:credential';

/** The anonymous credential kept per tab (sessionStorage): a reload is the same viewer, a new tab a new one. */
function rememberedCredential(): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(CREDENTIAL_KEY) ?? undefined;
  } catch {
    return undefined; // storage blocked: the server issues a fresh one
  }
}

/**
 * Keeps the server-issued credential for reloads and stamps the viewer's public id on telemetry, so
 * events join votes (the credential itself goes nowhere else).
 */
function rememberViewer(channel: Channel, telemetry: Telemetry | null): () => void {
  return channel.$viewer.listen((viewer) => {
    if (!viewer) return;
    telemetry?.setContext({ viewer: viewer.id });
    if (!viewer.credential) return;
    try {
      globalThis.sessionStorage?.setItem(CREDENTIAL_KEY, viewer.credential);
    } catch {
      // Storage full or blocked: identity then lasts for this page only, which is acceptable.
    }
  });
}

/**
 * Builds a room context from JavaScript, for pages that do not use `<onair-room>`:
 * `poll.room = createRoom({ room: 'r1', server: 'https://…' })`.
 */
export function createRoom(options: RoomOptions): RoomContext {
  let channel: Channel | null = null;
  let forget = () => {};
  const ownTelemetry =
    !options.telemetry && options.telemetryEndpoint
      ? createTelemetry({ endpoint: options.telemetryEndpoint, room: options.room })
      : null;
  const transport =
    options.transport ??
    (options.server ? webSocketTransport(liveUrl(options.server, options.room)) : undefined);
  if (options.channel) channel = options.channel;
  else if (transport) {
    const credential = rememberedCredential();
    channel = createChannel({
      room: options.room,
      transport,
      ...(credential ? { credential } : {}),
      ...(options.token ? { token: options.token } : {}),
    });
    forget = rememberViewer(channel, ownTelemetry);
  }
  return {
    room: options.room,
    channel,
    locale: resolveLocale(options.lang ?? globalThis.navigator?.language),
    theme: options.theme ?? 'light',
    telemetryEndpoint: options.telemetryEndpoint ?? null,
    telemetry: options.telemetry ?? ownTelemetry,
    dispose() {
      forget();
      channel?.close();
      void ownTelemetry?.shutdown();
    },
  };
}
