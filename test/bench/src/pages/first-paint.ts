// Module evaluation → first paint of a live <onair-poll>: the bundle's first statement (banner)
// sets __benchT0; the poll's question is in its DOM (render), then the next animation frame (paint).
import 'onair/onair-poll.js';
import { livePoll, QUESTION, shows } from './harness.js';

const defined = performance.now();
const { context } = livePoll();
const poll = document.createElement('onair-poll');
poll.room = context;
document.body.append(poll);
shows(poll, QUESTION).then(
  ({ dom, frame }) => {
    window.benchResult = {
      evalToDefinedMs: defined - window.__benchT0,
      evalToRenderMs: dom - window.__benchT0,
      evalToPaintMs: frame - window.__benchT0,
      navigationToPaintMs: frame,
    };
  },
  (error: Error) => {
    window.benchResult = { error: error.message };
  },
);
