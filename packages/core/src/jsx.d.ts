// React 19 and Vue typings for <onair-room> and <onair-debug>, brought in by their registering
// modules' declarations. Copied to dist/types by the build.
import type { OnairDebug } from './debug/debug.js';
import type { ReactElementProps, VueElement } from './jsx-types.js';
import type { OnairRoomElement } from './room/room.js';

type RoomProps = 'roomId' | 'server' | 'telemetryEndpoint' | 'token' | 'transport' | 'theme';
type DebugProps = 'telemetry' | 'theme' | 'room';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      // `roomId`, not `room`: frameworks set a prop the element has as a property, and `room` is
      // the RoomContext property every element inherits.
      'onair-room': ReactElementProps<OnairRoomElement, RoomProps, 'onair-error'>;
      'onair-debug': ReactElementProps<OnairDebug, DebugProps, 'onair-error'>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'onair-room': VueElement<OnairRoomElement, RoomProps, 'onair-error'>;
    'onair-debug': VueElement<OnairDebug, DebugProps, 'onair-error'>;
  }
}
