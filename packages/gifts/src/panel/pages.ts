/**
 * Which page of the paged gift grid is in view, for the page dots: read from the scroller's
 * position once per frame while it scrolls (swipe, wheel, or a focused gift scrolled into view).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PageTracker implements ReactiveController {
  page = 0;
  private frame = 0;
  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  readonly onScroll = (event: Event): void => {
    const pages = event.currentTarget as HTMLElement;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      // RTL scrollers report negative positions.
      const page = Math.round(Math.abs(pages.scrollLeft) / Math.max(1, pages.clientWidth));
      if (page === this.page) return;
      this.page = page;
      this.host.requestUpdate();
    });
  };

  /** Scrolls `pages` to page `index`. */
  goTo(pages: HTMLElement | null, index: number): void {
    const target = pages?.children[index] as HTMLElement | undefined;
    target?.scrollIntoView({ block: 'nearest', inline: 'start' });
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}
