// Module evaluation → first paint of a live <onair-poll>: the bundle's first statement (banner)
// sets __benchT0; the result is the first frame whose DOM holds the poll's question.
import 'onair/onair-poll.js';
import { livePoll, QUESTION, shows } from './harness.js';

const defined = performance.now();
const { context } = livePoll();
const poll = document.createElement('onair-poll');
poll.room = context;
document.body.append(poll);
shows(poll, QUESTION).then(
  (frame) => {
    window.benchResult = {
      evalToDefinedMs: defined - window.__benchT0,
      evalToPaintMs: frame - window.__benchT0,
      navigationToPaintMs: frame,
    };
  },
  (error: Error) => {
    window.benchResult = { error: error.message };
  },
);
