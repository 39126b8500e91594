import { OnairRoomElement } from './room/room.js';

export { OnairRoomElement };

OnairRoomElement.define('onair-room');

declare global {
  interface HTMLElementTagNameMap {
    'onair-room': OnairRoomElement;
  }
}
