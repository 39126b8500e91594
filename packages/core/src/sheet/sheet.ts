/**
 * A bottom sheet on a modal `<dialog>`. The top layer puts it above the page whatever the page's
 * stacking and overflow; `showModal()` makes the rest of the page inert; `::backdrop` is the scrim.
 * On top of that: Tab wraps at both ends (browsers would leave for their own toolbar), Escape, a
 * press on the scrim and a swipe down on the head close it, and focus returns to the opener.
 */
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';

export interface SheetHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface SheetContent {
  /** The sheet's title (also its accessible name). */
  title: string | TemplateResult;
  closeLabel: string;
  /** Rendered only while the sheet is open. */
  body: () => TemplateResult;
}

/** A swipe down this far (px), or a quick flick, closes the sheet. */
const SWIPE_CLOSE_PX = 72;
const FLICK_PX_PER_MS = 0.5;

const TABBABLE =
  'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export class SheetController implements ReactiveController {
  isOpen = false;
  private readonly host: SheetHost;
  private readonly onChange: (open: boolean) => void;
  private readonly id: string;
  private opener: HTMLElement | null = null;
  private drag: { pointer: number; y: number; at: number; dy: number } | null = null;

  constructor(host: SheetHost, onChange: (open: boolean) => void = () => {}, id = 'sheet') {
    this.host = host;
    this.onChange = onChange;
    this.id = id;
    host.addController(this);
  }

  /** Opens the sheet; `opener` gets focus back when it closes. */
  async open(opener: HTMLElement | null = null): Promise<void> {
    if (this.isOpen) return;
    this.opener = opener;
    this.isOpen = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.dialog();
    if (!dialog || !this.isOpen) return;
    if (!dialog.open) dialog.showModal();
    this.onChange(true);
  }

  /** Closes the sheet; focus returns to the opener unless `restoreFocus` is false. */
  close(restoreFocus = true): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    const dialog = this.dialog();
    if (dialog?.open) dialog.close();
    this.host.requestUpdate();
    if (restoreFocus && this.opener?.isConnected) this.opener.focus();
    this.opener = null;
    this.onChange(false);
  }

  hostDisconnected(): void {
    this.isOpen = false;
    this.opener = null;
    this.drag = null;
  }

  /** The dialog with its drag handle, title and close button; the body renders only while open. */
  render(content: SheetContent): TemplateResult {
    return html`<dialog part="sheet" class="sheet" id=${this.id} aria-labelledby=${`${this.id}-title`}
      @cancel=${this.onCancel} @close=${this.onClose} @click=${this.onClick} @keydown=${this.onKeydown}>
      <div class="sheet-head" @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerUp}>
        <span class="sheet-handle" aria-hidden="true"></span>
        <h2 id=${`${this.id}-title`}>${content.title}</h2>
        <button type="button" class="sheet-close" aria-label=${content.closeLabel} @click=${() => this.close()}>×</button>
      </div>
      <div class="sheet-body">${this.isOpen ? content.body() : nothing}</div>
    </dialog>`;
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>(`dialog#${this.id}`);
  }

  /** Escape: close through `close()`, so focus goes back to the opener. */
  private readonly onCancel = (event: Event) => {
    event.preventDefault();
    this.close();
  };

  /** Closed by the page or the browser (e.g. `dialog.close()`): keep the state in step. */
  private readonly onClose = () => {
    if (this.isOpen) this.close();
  };

  /** A press on the scrim lands on the dialog itself (its body covers everything else). */
  private readonly onClick = (event: MouseEvent) => {
    if (event.target === event.currentTarget) this.close();
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const dialog = event.currentTarget as HTMLDialogElement;
    const stops = tabStops(dialog);
    const active = (this.host.renderRoot as ShadowRoot).activeElement ?? null;
    const first = stops[0];
    const last = stops.at(-1);
    if (!first || !last) return;
    if (event.shiftKey ? active === first || active === dialog : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  private readonly onPointerDown = (event: PointerEvent) => {
    if ((event.target as Element).closest('button') || event.button !== 0) return;
    try {
      (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    } catch {
      // A pointer the browser does not track (synthetic events): follow it without capture.
    }
    this.drag = { pointer: event.pointerId, y: event.clientY, at: event.timeStamp, dy: 0 };
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    const drag = this.drag;
    if (!drag || drag.pointer !== event.pointerId) return;
    drag.dy = Math.max(0, event.clientY - drag.y);
    // CSSOM writes: allowed under `style-src 'self'`, unlike a `style` attribute.
    const dialog = this.dialog();
    if (dialog) dialog.style.translate = `0 ${drag.dy}px`;
  };

  private readonly onPointerUp = (event: PointerEvent) => {
    const drag = this.drag;
    if (!drag || drag.pointer !== event.pointerId) return;
    this.drag = null;
    const dialog = this.dialog();
    if (dialog) dialog.style.translate = '';
    const speed = drag.dy / Math.max(1, event.timeStamp - drag.at);
    if (drag.dy >= SWIPE_CLOSE_PX || (drag.dy > 16 && speed >= FLICK_PX_PER_MS)) this.close();
  };
}

/** Where Tab can land inside `root`, in order: visible, enabled, one stop per radio group. */
function tabStops(root: HTMLElement): HTMLElement[] {
  const seen = new Set<string>();
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => {
    if (!el.getClientRects().length) return false;
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio') return true;
    if (seen.has(el.name)) return false;
    const group = root.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${el.name}"]`);
    const stop = [...group].find((radio) => radio.checked) ?? group[0];
    if (stop !== el) return false;
    seen.add(el.name);
    return true;
  });
}
