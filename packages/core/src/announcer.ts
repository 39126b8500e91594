import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * A polite live region that speaks at most once per `intervalMs` unless told it is urgent, so
 * a tally changing ten times a second does not drown a screen reader.
 */
export class AnnounceController implements ReactiveController {
  text = '';
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queued = '';
  private readonly host: ReactiveControllerHost;
  private readonly intervalMs: number;

  constructor(host: ReactiveControllerHost, intervalMs = 10_000) {
    this.host = host;
    this.intervalMs = intervalMs;
    host.addController(this);
  }

  /** Announces now if `urgent` or the interval passed; otherwise once the interval is over. */
  announce(text: string, urgent = false): void {
    const wait = this.last + this.intervalMs - Date.now();
    if (urgent || wait <= 0) {
      this.speak(text);
      return;
    }
    this.queued = text;
    this.timer ??= setTimeout(() => this.speak(this.queued), wait);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  render(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.text}</div>`;
  }

  private speak(text: string): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.last = Date.now();
    if (text === this.text) return;
    this.text = text;
    this.host.requestUpdate();
  }
}
