import { ContextProvider } from '@lit/context';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { OnairElement } from '../base/onair-element.js';
import type { Transport } from '../channel/types.js';
import { createRoom } from '../context/create-room.js';
import { type RoomContext, roomContext } from '../context/room-context.js';

/**
 * Provides a room — its live channel, viewer identity, locale and theme — to every Onair widget
 * inside it.
 *
 * @tag onair-room
 * @summary The room every widget inside belongs to.
 * @slot - Widgets and any other content.
 */
export class OnairRoomElement extends OnairElement {
  /** Room id. */
  @property({ reflect: true, attribute: 'room' }) roomId = '';
  /** Server base URL (http or https); the live channel connects to `<server>/v1/live`. */
  @property() server = '';
  /** Telemetry collector URL. */
  @property({ attribute: 'telemetry-endpoint' }) telemetryEndpoint = '';
  /** Host-issued signed viewer token. */
  @property({ attribute: false }) token = '';
  /** A custom transport (in-memory room, platform IM SDK) instead of `server`. */
  @property({ attribute: false }) transport?: Transport;

  private readonly provider = new ContextProvider(this, { context: roomContext });

  /** The context handed to widgets; also readable from JavaScript. */
  get context(): RoomContext | undefined {
    return this.provider.value;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** `lang` is the global HTML attribute: widgets read it; the room re-publishes so they re-render. */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.publish({});
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const connection = ['roomId', 'server', 'transport', 'token', 'telemetryEndpoint'] as const;
    if (connection.some((key) => changed.has(key))) this.reconnect();
    else if (changed.has('theme')) this.publish({});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.provider.value?.dispose();
    this.provider.setValue(undefined);
  }

  /** Reports a host-side event (`order.placed`, `follow`) through the room's telemetry. */
  track(type: string, props: Record<string, unknown> = {}): void {
    this.provider.value?.telemetry?.track(type, props, { room: this.roomId });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.provider.value && this.roomId) this.reconnect();
  }

  private reconnect(): void {
    this.provider.value?.dispose();
    if (!this.roomId) {
      this.provider.setValue(undefined);
      return;
    }
    try {
      const next = createRoom({
        room: this.roomId,
        theme: this.effectiveTheme,
        lang: this.locale,
        ...(this.server ? { server: this.server } : {}),
        ...(this.transport ? { transport: this.transport } : {}),
        ...(this.telemetryEndpoint ? { telemetryEndpoint: this.telemetryEndpoint } : {}),
        ...(this.token ? { token: this.token } : {}),
      });
      this.provider.setValue(next);
    } catch (error) {
      this.reportInvalidConfig([
        { path: 'server', message: error instanceof Error ? error.message : String(error) },
      ]);
    }
  }

  private publish(patch: Partial<RoomContext>): void {
    const current = this.provider.value;
    if (current)
      this.provider.setValue({ ...current, locale: this.locale, theme: this.effectiveTheme, ...patch });
  }

  protected override renderContent(): TemplateResult {
    return html`<slot></slot>`;
  }
}
