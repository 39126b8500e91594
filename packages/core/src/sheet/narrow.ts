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

  constructor(host: ReactiveControllerHost & HTMLElement, below: number) {
    this.host = host;
    this.below = below;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer ??= new ResizeObserver(([entry]) => {
      const narrow = (entry?.contentRect.width ?? this.below) < this.below;
      if (narrow === this.narrow) return;
      this.narrow = narrow;
      this.host.requestUpdate();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }
}
