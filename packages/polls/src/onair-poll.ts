import { OnairPoll } from './poll/poll.js';

export { OnairPoll };

OnairPoll.define('onair-poll');

declare global {
  interface HTMLElementTagNameMap {
    'onair-poll': OnairPoll;
  }
}
