// React 19 and Vue typings for <onair-product-card> and <onair-product-shelf>, brought in by their
// registering modules' declarations. Copied to dist/types by the build.
import type { ReactElementProps, VueElement } from '@onair/core/element.js';
import type { OnairProductCard } from './product-card/product-card.js';
import type { OnairProductShelf } from './product-shelf/product-shelf.js';

type CardProps =
  | 'productId'
  | 'pinned'
  | 'index'
  | 'link'
  | 'campaign'
  | 'promotion'
  | 'config'
  | 'theme'
  | 'room';
type CardEvents = 'onair-product-click' | 'onair-add-to-cart' | 'onair-buy-now' | 'onair-error';
type ShelfProps = 'open' | 'link' | 'campaign' | 'config' | 'theme' | 'room';
type ShelfEvents = 'onair-product-click' | 'onair-add-to-cart' | 'onair-error';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'onair-product-card': ReactElementProps<OnairProductCard, CardProps, CardEvents>;
      'onair-product-shelf': ReactElementProps<OnairProductShelf, ShelfProps, ShelfEvents>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'onair-product-card': VueElement<OnairProductCard, CardProps, CardEvents>;
    'onair-product-shelf': VueElement<OnairProductShelf, ShelfProps, ShelfEvents>;
  }
}
