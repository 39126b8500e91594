import type { ReactiveController, ReactiveElement } from 'lit';

/** The slice of `@onair/telemetry` a widget needs; a page may pass its own implementation. */
export interface Tracker {
  track(
    type: string,
    props?: Record<string, unknown>,
    context?: { room?: string; widget?: { kind: string; id?: string } },
  ): unknown;
}

export interface TelemetryHost extends ReactiveElement {
  /** The room's tracker, or null when the page sends no telemetry. */
  readonly tracker: Tracker | null;
  /** Widget family without the prefix (`poll`) and the instance's id when it has one. */
  readonly widgetRef: { kind: string; id?: string };
}

/** At least half the widget on screen… */
const VISIBLE_RATIO = 0.5;
/** …for at least a second counts as an impression (the industry's viewable-impression rule). */
const IMPRESSION_MS = 1000;

/** Elements that already reported an impression: once per widget instance per page session. */
const seen = new WeakSet<Element>();

/**
 * Reports what every widget reports: `widget.impression` (≥ 50 % visible for ≥ 1 s, once per
 * instance), `widget.open` / `widget.close` around the time the widget shows content, with
 * `dwellMs` = time it was at least half visible while open.
 */
export class WidgetTelemetryController implements ReactiveController {
  private readonly host: TelemetryHost;
  private observer: IntersectionObserver | null = null;
  private impressionTimer: ReturnType<typeof setTimeout> | undefined;
  private visibleSince: number | null = null;
  private dwellMs = 0;
  private openedAt: number | null = null;

  constructor(host: TelemetryHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver((entries) => this.onVisibility(entries), {
      threshold: [0, VISIBLE_RATIO],
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    clearTimeout(this.impressionTimer);
    this.close('removed');
    this.visibleSince = null;
  }

  /** The widget started showing content (a poll appeared). */
  open(props: Record<string, unknown> = {}): void {
    if (this.openedAt !== null) return;
    this.openedAt = Date.now();
    this.dwellMs = 0;
    if (this.visibleSince !== null) this.visibleSince = this.openedAt;
    this.send('widget.open', props);
  }

  /** The widget stopped showing that content (closed, replaced or removed). */
  close(reason: string, props: Record<string, unknown> = {}): void {
    if (this.openedAt === null) return;
    const now = Date.now();
    const dwellMs = this.dwellMs + (this.visibleSince !== null ? now - this.visibleSince : 0);
    this.send('widget.close', { ...props, reason, dwellMs, openMs: now - this.openedAt });
    this.openedAt = null;
    this.dwellMs = 0;
    if (this.visibleSince !== null) this.visibleSince = now;
  }

  /** Sends an event with the widget's context; does nothing without a tracker. */
  send(type: string, props: Record<string, unknown> = {}): void {
    try {
      this.host.tracker?.track(type, props, { widget: this.host.widgetRef });
    } catch {
      // Telemetry must never break a widget.
    }
  }

  private onVisibility(entries: IntersectionObserverEntry[]): void {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const visible = entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO;
    const now = Date.now();
    if (visible && this.visibleSince === null) {
      this.visibleSince = now;
      if (!seen.has(this.host))
        this.impressionTimer = setTimeout(() => {
          if (this.visibleSince === null || seen.has(this.host)) return;
          seen.add(this.host);
          this.send('widget.impression', { visibleRatio: VISIBLE_RATIO, afterMs: IMPRESSION_MS });
        }, IMPRESSION_MS);
    } else if (!visible && this.visibleSince !== null) {
      if (this.openedAt !== null) this.dwellMs += now - this.visibleSince;
      this.visibleSince = null;
      clearTimeout(this.impressionTimer);
    }
  }
}
