/**
 * A non-modal details popover anchored to its trigger with Floating UI: `flip` and `shift` keep it
 * on screen, `autoUpdate` runs only while it is open. Focus moves into the popover on open and back
 * to the trigger on close; Escape and a press outside close it, and so does Tab moving focus out
 * (a non-modal popover left open would cover whatever the viewer went on to).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Floating UI is fetched the first time a popover opens: most viewers never open one. */
let floating: Promise<typeof import('./floating.js')> | null = null;
const loadFloating = () => {
  floating ??= import('./floating.js');
  return floating;
};

export interface PopoverHost extends ReactiveControllerHost, HTMLElement {}

export class PopoverController implements ReactiveController {
  isOpen = false;
  private readonly host: PopoverHost;
  private readonly panel: () => HTMLElement | null;
  private trigger: HTMLElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private readonly onOpenChange: (open: boolean) => void;

  constructor(
    host: PopoverHost,
    panel: () => HTMLElement | null,
    onOpenChange: (open: boolean) => void = () => {},
  ) {
    this.host = host;
    this.panel = panel;
    this.onOpenChange = onOpenChange;
    host.addController(this);
  }

  /** Opens next to `anchor` (default: the trigger); focus returns to `trigger` on close. */
  async open(trigger: HTMLElement, anchor: HTMLElement = trigger): Promise<void> {
    if (this.isOpen) return;
    this.trigger = trigger;
    this.isOpen = true;
    this.host.requestUpdate();
    const [{ autoUpdate, computePosition, flip, offset, shift, size }] = await Promise.all([
      loadFloating(),
      this.host.updateComplete,
    ]);
    const panel = this.panel();
    if (!panel || !this.isOpen) return;
    // `size` keeps it inside the viewport: past the space left, it scrolls.
    const fit = size({
      padding: 8,
      apply: ({ availableHeight }) => {
        panel.style.maxHeight = `${Math.max(160, availableHeight)}px`;
      },
    });
    const middleware = [offset(8), flip({ padding: 8 }), shift({ padding: 8 }), fit];
    const position = async () => {
      const { x, y, placement } = await computePosition(anchor, panel, {
        strategy: 'fixed',
        placement: 'top',
        middleware,
      });
      // CSSOM writes: allowed under `style-src 'self'`, unlike a `style` attribute.
      panel.style.left = `${x}px`;
      panel.style.top = `${y}px`;
      panel.dataset.placement = placement;
    };
    this.stopAutoUpdate = autoUpdate(anchor, panel, () => void position());
    panel.addEventListener('keydown', this.onKeydown);
    panel.addEventListener('focusout', this.onFocusOut);
    document.addEventListener('pointerdown', this.onPointerDown, true);
    (panel.querySelector<HTMLElement>('[autofocus]') ?? panel).focus();
    this.onOpenChange(true);
  }

  /** Closes; focus returns to the trigger unless the viewer moved it elsewhere on purpose. */
  close(restoreFocus = true): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.detach();
    this.host.requestUpdate();
    if (restoreFocus) this.trigger?.focus();
    this.trigger = null;
    this.onOpenChange(false);
  }

  hostDisconnected(): void {
    this.isOpen = false;
    this.detach();
    this.trigger = null;
  }

  private detach(): void {
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.panel()?.removeEventListener('keydown', this.onKeydown);
    this.panel()?.removeEventListener('focusout', this.onFocusOut);
    document.removeEventListener('pointerdown', this.onPointerDown, true);
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.close();
  };

  /** Focus leaving for another control (Tab, Shift+Tab) closes it; back to the trigger is fine. */
  private readonly onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    const panel = this.panel();
    if (!next || panel?.contains(next) || next === this.trigger) return;
    this.close(false);
  };

  private readonly onPointerDown = (event: PointerEvent) => {
    const path = event.composedPath();
    const panel = this.panel();
    if ((panel && path.includes(panel)) || (this.trigger && path.includes(this.trigger))) return;
    this.close(false);
  };
}
