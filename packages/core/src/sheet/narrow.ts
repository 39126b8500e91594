/**
 * Whether the widget has less than `below` px of width: the space the page gave it, not the
 * viewport (a widget may sit in a narrow column of a wide page). Structure follows it (a button
 * and a bottom sheet instead of an inline panel); styles follow `@container` queries on `:host`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class NarrowController implements ReactiveController {
  narrow = false;
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly below: number;
  private observer: ResizeObserver | null = null;
  private frame = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, below: number) {
    this.host = host;
    this.below = below;
    host.addController(this);
  }

  hostConnected(): void {
    // Measured now, before the first render, so a phone never sees the wide layout flash by.
    this.set(this.host.getBoundingClientRect().width);
    // A resize re-renders in the next frame: re-rendering inside the observer's callback would
    // resize the host again in the same frame (a ResizeObserver loop).
    this.observer ??= new ResizeObserver(([entry]) => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.set(entry?.contentRect.width ?? 0));
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    cancelAnimationFrame(this.frame);
  }

  /** A width of 0 is a hidden widget, not a narrow one: it keeps what it had. */
  private set(width: number): void {
    const narrow = width > 0 ? width < this.below : this.narrow;
    if (narrow === this.narrow) return;
    this.narrow = narrow;
    this.host.requestUpdate();
  }
}
