// React 19 and Vue typings for <onair-poll>, brought in by `onair-poll.js`'s declarations.
// Copied to dist/types by the build (tsc does not emit hand-written .d.ts files).
import type { ReactElementProps, VueElement } from '@onair/core/element.js';
import type { OnairPoll } from './poll/poll.js';

type Props = 'pollId' | 'config' | 'theme' | 'room';
type Events = 'onair-vote-request' | 'onair-vote' | 'onair-error';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'onair-poll': ReactElementProps<OnairPoll, Props, Events>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'onair-poll': VueElement<OnairPoll, Props, Events>;
  }
}
