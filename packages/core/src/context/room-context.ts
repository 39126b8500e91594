/**
 * The room context: what every widget reads. Kept apart from `createRoom()` (create-room.ts) so a
 * widget does not bundle the channel client and telemetry it never constructs.
 */
import { createContext } from '@lit/context';
import type { Channel } from '../channel/types.js';
import type { Locale } from '../i18n/locale.js';
import type { Tracker } from '../telemetry/widget-telemetry.js';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** What every widget inside a room gets: where it is, how to reach the server, how to speak. */
export interface RoomContext {
  room: string;
  /** Live channel to the room, or null for static embeds. */
  channel: Channel | null;
  locale: Locale;
  theme: Theme;
  /** Where telemetry goes, or null to send none. */
  telemetryEndpoint: string | null;
  /** The room's telemetry: widgets report through it; the page may `track()` its own events. */
  telemetry: Tracker | null;
  /** Stops what the room started (channel, telemetry it created). */
  dispose(): void;
}

export const roomContext = createContext<RoomContext | undefined>(Symbol.for('onair-room-context'));
