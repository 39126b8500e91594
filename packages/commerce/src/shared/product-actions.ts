/**
 * What a viewer's action on a product does, for the card and the shelf alike: `product.click`
 * telemetry for every action, the cancelable `onair-product-click`, and the add-to-cart / buy-now
 * intent with the host's answer (see cart-intent.ts), its telemetry and what the widget shows.
 */
import type { IntentOutcome, Locale } from '@onair/core/element.js';
import type { CartAnswer, CartIntentDetail, ProductClickDetail } from '../events.js';
import { CommerceEvents } from '../events.js';
import type { ProductRecord } from '../model/product.js';
import { type CartOutcome, cartOutcome } from './cart-intent.js';
import { commerceMessage } from './commerce.messages.js';

export type CartAction = 'add' | 'buy';

/** Where the product was when the viewer acted. */
export interface ProductContext {
  product: ProductRecord;
  position: number;
  pinned: boolean;
  /** `pinnedAt` of the presentation window, or null. */
  window: number | null;
}

export type CartStatus =
  | { state: 'idle' }
  | { state: 'pending'; action: CartAction }
  | { state: 'done'; action: CartAction; ok: boolean; message: string };

export interface ActionsDeps {
  source: 'card' | 'shelf';
  emitClick(detail: ProductClickDetail): boolean;
  intent(
    name: 'onair-add-to-cart' | 'onair-buy-now',
    fields: Omit<CartIntentDetail, 'respondWith'>,
  ): IntentOutcome<CartAnswer>;
  send(type: string, props: Record<string, unknown>): void;
  fail(code: string, message: string): void;
  clear(): void;
  announce(text: string): void;
  locale(): Locale;
}

export function contextProps(ctx: ProductContext): Record<string, unknown> {
  return { product: ctx.product.id, position: ctx.position, pinned: ctx.pinned, window: ctx.window };
}

export class ProductActions {
  private readonly deps: ActionsDeps;

  constructor(deps: ActionsDeps) {
    this.deps = deps;
  }

  /** The viewer opened the product (title, row, link). Returns false when the host canceled. */
  click(ctx: ProductContext, action: 'title' | 'link', href: string | null): boolean {
    this.deps.send('product.click', { ...contextProps(ctx), action });
    return this.deps.emitClick({
      productId: ctx.product.id,
      href,
      pinned: ctx.pinned,
      source: this.deps.source,
    });
  }

  /** Add to cart / buy now: intent, the host's answer, telemetry, and what the widget shows. */
  async intent(
    action: CartAction,
    ctx: ProductContext & { variant: string | null; quantity: number },
    setCart: (status: CartStatus) => void,
    href: string | null,
  ): Promise<CartOutcome> {
    const { deps } = this;
    const t = (key: Parameters<typeof commerceMessage>[1], params?: Record<string, string | number>) =>
      commerceMessage(deps.locale(), key, params);
    const props = { ...contextProps(ctx), variant: ctx.variant, quantity: ctx.quantity };
    deps.send('product.click', { ...props, action: action === 'add' ? 'add_to_cart' : 'buy_now' });
    deps.clear();
    const name = action === 'add' ? CommerceEvents.addToCart : CommerceEvents.buyNow;
    const fields = {
      productId: ctx.product.id,
      variant: ctx.variant,
      quantity: ctx.quantity,
      price: ctx.product.price,
      pinned: ctx.pinned,
      source: deps.source,
    };
    const outcome = await cartOutcome(deps.intent(name, fields), () => setCart({ state: 'pending', action }));
    const money = { price: ctx.product.price.amount, currency: ctx.product.price.currency };
    if (outcome.kind === 'answered' && outcome.answer.ok) {
      const message = outcome.answer.message || t(action === 'add' ? 'added' : 'ordered');
      setCart({ state: 'done', action, ok: true, message });
      deps.send(action === 'add' ? 'product.add_to_cart' : 'product.buy_now', { ...props, ...money });
      deps.announce(message);
    } else if (outcome.kind === 'answered') {
      const reason = outcome.answer.message ?? '';
      setCart({ state: 'done', action, ok: false, message: reason });
      deps.send('product.cart_failed', {
        ...props,
        action: action === 'add' ? 'add_to_cart' : 'buy_now',
        message: reason,
      });
      deps.fail('cart_failed', reason ? t('failed', { message: reason }) : t('failedNoReason'));
    } else if (outcome.kind === 'canceled') setCart({ state: 'idle' });
    else if (href) {
      setCart({ state: 'idle' });
      window.open(href, '_blank', 'noopener');
    } else {
      setCart({ state: 'idle' });
      deps.fail('no_cart', t('noCart'));
    }
    return outcome;
  }
}
