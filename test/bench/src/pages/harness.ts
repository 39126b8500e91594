// Shared by the bench pages (bundled by esbuild and run in Chromium; no Node APIs here).
import {
  createRoom,
  decodeServerFrame,
  type RoomContext,
  type ServerFrame,
  type Transport,
  type TransportHandlers,
} from '@onair/core';
import { createPoll, openPoll, type PollRecord, publicPoll, validatePollConfig } from '@onair/polls/model.js';

export const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/** A frame was produced after the current DOM: rAF, then a task (the paint happens in between). */
export const painted = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export const QUESTION = 'Which song next?';

export interface LivePoll {
  context: RoomContext;
  /** Broadcasts one delta: the poll record with `votes` more votes spread over the options. */
  delta(votes: number): void;
  /** Voters in the last delta sent. */
  voters(): number;
}

/**
 * A scripted server behind a real transport (serialized frames, the network channel client): one
 * open poll with four options, and deltas sent when the bench says, as a busy server would.
 */
export function livePoll(room = 'bench'): LivePoll {
  const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Option ${id.toUpperCase()}` }));
  const config = validatePollConfig({ id: 'p', question: QUESTION, options, results: 'always' });
  if (!config.ok) throw new Error('bench poll config');
  let poll: PollRecord = openPoll(createPoll(config.value), Date.now());
  let seq = 0;
  let n = 0;
  let handlers: TransportHandlers | null = null;
  const deliver = (frame: ServerFrame) => {
    const decoded = decodeServerFrame(JSON.stringify(frame));
    if (decoded.ok) handlers?.frame(decoded.frame);
  };
  const snapshot = () =>
    deliver({
      t: 'snapshot',
      room,
      version: 'bench',
      seq,
      state: { polls: { p: { ...publicPoll(poll) } } },
      viewer: { id: 'viewer', mine: {} },
      now: Date.now(),
    });
  const transport: Transport = {
    connect(h) {
      handlers = h;
      setTimeout(() => h.open(), 0);
    },
    send(frame) {
      if (frame.t === 'hello' || frame.t === 'resync') setTimeout(snapshot, 0);
      if (frame.t === 'ping') setTimeout(() => deliver({ t: 'pong', now: Date.now() }), 0);
    },
    disconnect() {
      handlers = null;
    },
  };
  return {
    context: createRoom({ room, transport }),
    delta(votes) {
      const tally = { ...poll.tally };
      for (let i = 0; i < votes; i++) {
        const option = options[n++ % options.length]!.id;
        tally[option] = (tally[option] ?? 0) + 1;
      }
      poll = { ...poll, tally, voters: poll.voters + votes };
      seq += 1;
      deliver({
        t: 'delta',
        room,
        version: 'bench',
        seq,
        changes: [{ coll: 'polls', id: 'p', value: { ...publicPoll(poll) } }],
        now: Date.now(),
      });
    },
    voters: () => poll.voters,
  };
}

/**
 * Waits (one task at a time) until `element`'s shadow root shows `text`, then for the next animation
 * frame: returns both moments (performance.now()), or rejects after `ms`.
 */
export async function shows(
  element: Element,
  text: string,
  ms = 10_000,
): Promise<{ dom: number; frame: number }> {
  const until = performance.now() + ms;
  while (!element.shadowRoot?.textContent?.includes(text)) {
    if (performance.now() > until) throw new Error(`<${element.localName}> never showed "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const dom = performance.now();
  await nextFrame();
  return { dom, frame: performance.now() };
}

declare global {
  interface Window {
    /** Set by the bundle banner: the moment the bench bundle starts evaluating. */
    __benchT0: number;
    bench: Record<string, (...args: never[]) => unknown>;
    benchResult?: unknown;
  }
}
