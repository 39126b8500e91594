/**
 * A product's details inside the bag's sheet (a tap on a row): the same details the card shows —
 * option, quantity, add to cart, buy now — through a card store of its own, with a way back to the
 * list that puts focus on the row the viewer came from.
 */
import { type Channel, keepFocus, type Locale, StoreController } from '@onair/core/element.js';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ProductRecord } from '../model/product.js';
import { type CardStore, type CardView, createCardStore } from '../product-card/product-card-store.js';
import { type CartAction, contextProps, type ProductActions } from '../shared/product-actions.js';
import { renderDetails } from '../shared/product-view.js';
import type { ShelfRow, ShelfStore } from './product-shelf-store.js';
import { shelfMessage } from './shelf.messages.js';

export interface ShelfDetailsDeps {
  channel(): Channel | null;
  actions(): ProductActions;
  shelf(): ShelfStore | null;
  href(row: ShelfRow): string | null;
  send(type: string, props: Record<string, unknown>): void;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class ShelfDetails {
  /** Id of the product shown, or '' while the list shows. */
  id = '';
  private row: ShelfRow | null = null;
  private store: CardStore | null = null;
  private readonly view: StoreController<CardView | null>;
  private readonly host: Host;
  private readonly deps: ShelfDetailsDeps;

  constructor(host: Host, deps: ShelfDetailsDeps) {
    this.host = host;
    this.deps = deps;
    this.view = new StoreController<CardView | null>(host, null, null);
  }

  get product(): ProductRecord | null {
    return this.id ? (this.view.value?.product ?? this.row?.product ?? null) : null;
  }

  show(row: ShelfRow): void {
    const channel = this.deps.channel();
    if (!channel) return;
    this.row = row;
    this.id = row.product.id;
    this.store = createCardStore(channel, { productId: row.product.id });
    this.view.setStore(this.store.$view);
    this.deps.send('product.detail_open', contextProps(this.context(row)));
    this.focusAfterUpdate('.back');
  }

  /** Back to the list, focus on the row the viewer came from. */
  back(): void {
    const id = this.id;
    this.close();
    this.focusAfterUpdate(`[data-product="${CSS.escape(id)}"] .title`);
  }

  close(): void {
    this.id = '';
    this.row = null;
    this.store = null;
    this.view.setStore(null);
    this.host.requestUpdate();
  }

  render(locale: Locale, link: boolean): TemplateResult | typeof nothing {
    const view = this.view.value;
    const row = this.row;
    if (!this.id || !row || !view?.product) return nothing;
    const href = link ? this.deps.href(row) : null;
    return html`<div class="detail-view">
      <button type="button" class="back" @click=${() => this.back()}>← ${shelfMessage(locale, 'back')}</button>
      ${renderDetails(
        view as CardView & { product: ProductRecord },
        {
          variant: view.variant,
          quantity: view.quantity,
          maxQuantity: view.maxQuantity,
          chooseVariant: (id) => this.store?.chooseVariant(id),
          setQuantity: (n) => this.store?.setQuantity(n),
        },
        {
          locale,
          link,
          href,
          cart: (action) => this.cart(action, row, href),
          onLink: (event, to) => {
            if (!this.deps.actions().click(this.context(row), 'link', to)) event.preventDefault();
          },
        },
        'sheet-title',
      )}
    </div>`;
  }

  private context(row: ShelfRow) {
    return { product: row.product, position: row.position, pinned: row.pinned, window: row.pinnedAt };
  }

  private cart(action: CartAction, row: ShelfRow, href: string | null): void {
    const store = this.store;
    const view = this.view.value;
    if (!store || !view || view.cart.state === 'pending') return;
    const ctx = { ...this.context(row), variant: view.variant, quantity: view.quantity };
    const pressed = (this.host.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    void keepFocus(
      this.host as unknown as Parameters<typeof keepFocus>[0],
      () =>
        this.deps.actions().intent(
          action,
          ctx,
          (status) => {
            store.setCart(status);
            this.deps.shelf()?.setCart(row.product.id, status);
          },
          href,
        ),
      () => (pressed?.isConnected ? pressed : this.host.renderRoot.querySelector<HTMLElement>('.back')),
    );
  }

  private focusAfterUpdate(selector: string): void {
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus(),
    );
  }
}
