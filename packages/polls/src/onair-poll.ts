import { OnairPoll } from './poll/poll.js';

// Declarations only: the event map (`onair-vote` …) and the React/Vue typings reach every
// project that imports this element.
export type { VoteDetail, VoteRequestDetail } from './events.js';
export type {} from './jsx.js';

export { OnairPoll };

OnairPoll.define('onair-poll');

declare global {
  interface HTMLElementTagNameMap {
    'onair-poll': OnairPoll;
  }
}
