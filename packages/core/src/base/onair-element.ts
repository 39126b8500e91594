import { consume } from '@lit/context';
import { html, LitElement, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type RoomContext, roomContext, type Theme } from '../context/room-context.js';
import { CoreEvents, type EventDetail, type OnairErrorDetail } from '../events.js';
import { type Locale, resolveLocale } from '../i18n/locale.js';
import { coreMessage } from '../i18n/messages.js';
import { type Tracker, WidgetTelemetryController } from '../telemetry/widget-telemetry.js';
import { litPolicyRefused, TRUSTED_TYPES_HELP } from '../trusted-types.js';
import { VERSION } from '../version.js';
import { baseStyles } from './base.styles.js';

type Issue = { path: string; message: string };
interface Failure extends OnairErrorDetail {
  kind: 'invalidConfig' | 'actionFailed' | 'renderFailed';
  issues: Issue[];
}

const versionKey = Symbol.for('onair.version');

/**
 * Base class of every Onair element: safe registration, typed events, the room context, locale
 * and theme, and an error boundary that keeps a widget's failure inside the widget.
 *
 * Subclasses implement `renderContent()` instead of `render()`.
 *
 * @event {CustomEvent<OnairErrorDetail>} onair-error - A config was invalid or an action failed. `detail: { code, message, path }`.
 * @csspart base - The widget's box.
 * @csspart error - The message shown when the widget cannot work.
 */
export class OnairElement extends LitElement {
  static version = VERSION;
  static override styles = [baseStyles];
  /** Widget family for telemetry (`poll`); empty for elements that are not widgets. */
  static telemetryKind = '';

  /**
   * Registers `tag` unless it is taken. Several bundles can meet on one live page: the same
   * version registering twice is fine; a different version keeps the first and warns.
   */
  static define(tag: string, ctor: CustomElementConstructor = this): void {
    const existing = customElements.get(tag) as
      | (CustomElementConstructor & { [versionKey]?: string })
      | undefined;
    if (existing) {
      const theirs = existing[versionKey];
      if (theirs !== VERSION)
        console.warn(
          `<${tag}> is already registered by Onair ${theirs ?? '(unknown)'}; this bundle's ${VERSION} is not used.`,
        );
      return;
    }
    Object.defineProperty(ctor, versionKey, { value: VERSION });
    customElements.define(tag, ctor);
  }

  /** Light or dark; defaults to the room's theme, then light. */
  @property({ reflect: true }) theme?: Theme;

  /** A room context from `createRoom()`, for pages that do not use `<onair-room>`. */
  @property({ attribute: false }) room?: RoomContext;

  @consume({ context: roomContext, subscribe: true })
  @state()
  protected contextRoom?: RoomContext;

  @state() private failure: Failure | null = null;
  private crashing = false;

  /** Impressions, open/close and dwell; null for elements that are not widgets. */
  protected readonly widgetTelemetry = (this.constructor as typeof OnairElement).telemetryKind
    ? new WidgetTelemetryController(this)
    : null;

  /** The room's tracker, or null when the page sends no telemetry. */
  get tracker(): Tracker | null {
    return this.roomContext?.telemetry ?? null;
  }

  /** What telemetry says this widget is: its family and, when set, the element's `id`. */
  get widgetRef(): { kind: string; id?: string } {
    const kind = (this.constructor as typeof OnairElement).telemetryKind;
    return this.id ? { kind, id: this.id } : { kind };
  }

  /** The room in effect: an explicit `room` property wins over the enclosing `<onair-room>`. */
  protected get roomContext(): RoomContext | undefined {
    return this.room ?? this.contextRoom;
  }

  /** The element's own `lang`, else the nearest ancestor's, else the room's, else the browser's. */
  get locale(): Locale {
    const tagged = this.closest('[lang]')?.getAttribute('lang');
    return resolveLocale(tagged || this.roomContext?.locale || globalThis.navigator?.language);
  }

  protected get effectiveTheme(): Theme {
    return this.theme ?? this.roomContext?.theme ?? 'light';
  }

  /** Classes for the `base` part: the theme, so dark tokens apply. */
  protected get baseClass(): string {
    return this.effectiveTheme === 'dark' ? 'dark' : 'light';
  }

  /** Dispatches a typed, bubbling, composed event; returns false if a listener canceled it. */
  protected emit<K extends keyof HTMLElementEventMap>(
    name: K,
    detail: EventDetail<K>,
    options: { cancelable?: boolean } = {},
  ): boolean {
    const event = new CustomEvent(name, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: !!options.cancelable,
    });
    return this.dispatchEvent(event);
  }

  /** Shows a bad config inside the widget and reports it; the widget renders nothing else. */
  protected reportInvalidConfig(issues: Issue[]): void {
    const first = issues[0] ?? { path: '', message: '' };
    this.setFailure({
      kind: 'invalidConfig',
      code: 'invalid_config',
      message: first.path ? `${first.path}: ${first.message}` : first.message,
      path: first.path,
      issues,
    });
  }

  /** Reports a failed action (the widget keeps working; the message shows until cleared). */
  protected reportActionFailure(code: string, message: string, path = ''): void {
    this.setFailure({ kind: 'actionFailed', code, message, path, issues: [] });
  }

  protected clearFailure(): void {
    this.failure = null;
  }

  protected get failed(): Failure | null {
    return this.failure;
  }

  private setFailure(failure: Failure): void {
    const same = this.failure?.code === failure.code && this.failure.message === failure.message;
    this.failure = failure;
    if (!same)
      this.emit(CoreEvents.error, { code: failure.code, message: failure.message, path: failure.path });
  }

  /** The error boundary: nothing thrown while updating reaches the host page. */
  protected override performUpdate(): void {
    try {
      super.performUpdate();
    } catch (error) {
      if (litPolicyRefused()) {
        this.showTrustedTypesHelp();
        return;
      }
      if (this.crashing) {
        console.error(error);
        return;
      }
      this.crashing = true;
      const message = error instanceof Error ? error.message : String(error);
      this.setFailure({ kind: 'renderFailed', code: 'render_failed', message, path: '', issues: [] });
      console.error(error);
      queueMicrotask(() => {
        this.crashing = false;
      });
    }
  }

  /**
   * Rendering fails when the page enforces Trusted Types but refused lit-html's policy: say which
   * directive to add, with plain DOM (no HTML parsing, so no policy needed), and report it once.
   */
  private showTrustedTypesHelp(): void {
    if (this.renderRoot.querySelector('[part~="error"]')) return;
    const help = document.createElement('p');
    help.setAttribute('part', 'error');
    help.setAttribute('role', 'alert');
    help.textContent = TRUSTED_TYPES_HELP;
    this.renderRoot.replaceChildren(help);
    this.emit(CoreEvents.error, { code: 'trusted_types', message: TRUSTED_TYPES_HELP, path: '' });
  }

  protected override render(): TemplateResult {
    const failure = this.failure;
    if (failure && failure.kind !== 'actionFailed') return this.renderFailure(failure);
    return this.renderContent();
  }

  /** Subclasses render here; an action failure is rendered by `renderActionFailure()`. */
  protected renderContent(): TemplateResult {
    return html``;
  }

  /** Inline message for a failed action, for subclasses to place near the action. */
  protected renderActionFailure(): TemplateResult | null {
    const failure = this.failure;
    if (failure?.kind !== 'actionFailed') return null;
    return html`<p part="error" role="alert">${failure.message}</p>`;
  }

  private renderFailure(failure: Failure): TemplateResult {
    return html`<div part="base" class=${this.baseClass}>
      <div part="error" role="alert">
        <strong>${coreMessage(this.locale, failure.kind)}</strong>
        ${
          failure.issues.length
            ? html`<ul>
              ${failure.issues.map((issue) => html`<li><code>${issue.path || '·'}</code> ${issue.message}</li>`)}
            </ul>`
            : html`<div>${failure.message}</div>`
        }
      </div>
    </div>`;
  }
}
