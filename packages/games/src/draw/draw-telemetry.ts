/**
 * What `<onair-lucky-draw>` reports (packages/telemetry/EVENTS.md): `widget.open`/`widget.close`
 * around each draw it shows; `draw.view` once per draw and phase shown (`open`, `drawing`,
 * `revealed`); `draw.enter` when the server accepted the viewer's entry; `draw.result` once per draw
 * when the viewer's result reaches their page.
 */
import type { WidgetTelemetryController } from '@onair/core/element.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DrawView } from './draw-store.js';

export class DrawTelemetry implements ReactiveController {
  private readonly widget: () => WidgetTelemetryController | null;
  private shown = '';
  private readonly sent = new Set<string>();

  constructor(host: ReactiveControllerHost, widget: () => WidgetTelemetryController | null) {
    this.widget = widget;
    host.addController(this);
  }

  hostConnected(): void {}

  removed(): void {
    if (this.shown) this.widget()?.close('removed', { draw: this.shown });
    this.shown = '';
  }

  entered(draw: string, entrants: number): void {
    this.once(`enter|${draw}`, 'draw.enter', { draw, entrants });
  }

  update(view: DrawView): void {
    const id = view.draw?.id ?? '';
    if (id !== this.shown) {
      if (this.shown) this.widget()?.close('replaced', { draw: this.shown });
      if (id) this.widget()?.open({ draw: id });
      this.shown = id;
    }
    if (!view.draw || view.phase === 'none') return;
    this.once(`view|${id}|${view.phase}`, 'draw.view', {
      draw: id,
      phase: view.phase,
      entered: view.entered,
    });
    if (view.outcome === 'won' || view.outcome === 'lost')
      this.once(`result|${id}`, 'draw.result', { draw: id, won: view.outcome === 'won' });
  }

  private once(key: string, type: string, props: Record<string, unknown>): void {
    if (this.sent.has(key)) return;
    this.sent.add(key);
    this.widget()?.send(type, props);
  }
}
