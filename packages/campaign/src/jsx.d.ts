// React 19 and Vue typings for <onair-slot>, brought in by `onair-slot.js`'s declarations.
// Copied to dist/types by the build (tsc does not emit hand-written .d.ts files).
import type { ReactElementProps, VueElement } from '@onair/core/element.js';
import type { OnairSlot } from './slot/slot.js';

type Props = 'name' | 'theme' | 'room';
type Events = 'onair-error';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'onair-slot': ReactElementProps<OnairSlot, Props, Events>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'onair-slot': VueElement<OnairSlot, Props, Events>;
  }
}
