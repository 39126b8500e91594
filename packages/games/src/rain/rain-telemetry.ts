/**
 * What `<onair-red-packet-rain>` reports (packages/telemetry/EVENTS.md): `widget.open`/`widget.close`
 * around each rain it shows; `packet.grab` when the viewer taps a packet (the grab is sent);
 * `packet.result` when the server answers it: the amount won, or 0 with the refusal's code.
 */
import type { WidgetTelemetryController } from '@onair/core/element.js';

export class RainTelemetry {
  private readonly widget: () => WidgetTelemetryController | null;
  private shown = '';

  constructor(widget: () => WidgetTelemetryController | null) {
    this.widget = widget;
  }

  /** The rain shown now (or none): closes the one before, opens this one. */
  show(rain: string): void {
    if (rain === this.shown) return;
    if (this.shown) this.widget()?.close('replaced', { rain: this.shown });
    if (rain) this.widget()?.open({ rain });
    this.shown = rain;
  }

  removed(): void {
    if (this.shown) this.widget()?.close('removed', { rain: this.shown });
    this.shown = '';
  }

  grab(rain: string, surface: 'rain' | 'grid'): void {
    this.widget()?.send('packet.grab', { rain, surface });
  }

  result(rain: string, amount: number, reason: string | null): void {
    this.widget()?.send('packet.result', { rain, amount, reason });
  }
}
