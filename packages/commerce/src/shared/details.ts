/**
 * Where a product's details open: a popover anchored to the card when the card has room, a bottom
 * sheet when it is narrow (a phone, or a narrow column of a desktop page). The card's width
 * decides, not the viewport's, matching the card's own `@container` layout.
 */
import { SheetController, type SheetHost } from '@onair/core/element.js';
import { PopoverController } from './popover.js';

/** Below this width (px) the card is compact and its details open as a bottom sheet. */
export const COMPACT_BELOW = 360;

export class DetailsController {
  readonly popover: PopoverController;
  readonly sheet: SheetController;
  private readonly host: SheetHost;

  constructor(host: SheetHost, onOpenChange: (open: boolean) => void) {
    this.host = host;
    this.popover = new PopoverController(
      host,
      () => host.renderRoot.querySelector<HTMLElement>('[part~="popover"]'),
      onOpenChange,
    );
    this.sheet = new SheetController(host, onOpenChange, 'details');
  }

  get isOpen(): boolean {
    return this.popover.isOpen || this.sheet.isOpen;
  }

  open(trigger: HTMLElement): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    // The popover sits beside the whole card, never over the card it came from.
    const card = this.host.renderRoot.querySelector<HTMLElement>('.card') ?? trigger;
    return this.host.getBoundingClientRect().width < COMPACT_BELOW
      ? this.sheet.open(trigger)
      : this.popover.open(trigger, card);
  }

  close(restoreFocus = true): void {
    this.popover.close(restoreFocus);
    this.sheet.close(restoreFocus);
  }
}
