/**
 * The telemetry envelope, version 1. Every event on the wire has this shape; `EVENTS.md` is the
 * reference for what each field means and which props each event type carries.
 */

/** Bumped only for a change a collector must know about; additive fields keep `1`. */
export const ENVELOPE_VERSION = 1;

export interface WidgetRef {
  /** Element family without the prefix: `poll`, `survey`, `gift-panel`, `product-card`. */
  kind: string;
  /** The widget's id in the campaign document, when it has one. */
  id?: string;
}

/** What an event is about; `track()` merges it over the client's defaults. */
export interface TrackContext {
  room?: string;
  campaign?: string;
  variant?: string;
  widget?: WidgetRef;
}

export interface Envelope extends TrackContext {
  v: typeof ENVELOPE_VERSION;
  /** UUIDv7, set once at creation; retries and other tabs resend the same id, so the collector can dedupe. */
  id: string;
  /** Dotted lowercase name, e.g. `poll.vote`; see the taxonomy in EVENTS.md. */
  type: string;
  /** Created, epoch ms on the viewer's clock. The batch's `sentAt` lets the collector correct skew. */
  ts: number;
  /** Per-session counter from 0, so gaps and order are visible server-side. */
  seq: number;
  session: string;
  viewer: string;
  props?: Record<string, unknown>;
  /** The sampling rate this event survived (0–1]; absent means 1. Weight = 1 / sampleRate. */
  sampleRate?: number;
}

/** The POST body: `sentAt` is stamped per attempt, so a retry carries a fresh one. */
export interface Batch {
  sentAt: number;
  events: Envelope[];
}
