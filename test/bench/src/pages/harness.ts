// Shared by the bench pages (bundled by esbuild and run in Chromium; no Node APIs here).
import { createMemoryRoom, createRoom, type RoomContext } from '@onair/core';
import { type MemoryPolls, publicPoll, servePolls } from '@onair/polls/model.js';

export const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/** A frame was produced after the current DOM: rAF, then a task (the paint happens in between). */
export const painted = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export const QUESTION = 'Which song next?';

export interface LivePoll {
  polls: MemoryPolls;
  context: RoomContext;
  /** Broadcasts one delta: the poll record with `votes` more votes spread over the options. */
  delta(votes: number): void;
}

/** An in-memory room (the same protocol as the server) serving one open poll with four options. */
export function livePoll(room = 'bench'): LivePoll {
  const memory = createMemoryRoom({ room });
  const polls = servePolls(memory);
  const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Option ${id.toUpperCase()}` }));
  polls.open({ id: 'p', question: QUESTION, options, results: 'always' });
  const base = polls.get('p')!;
  const tally: Record<string, number> = { ...base.tally };
  let voters = base.voters;
  let n = 0;
  return {
    polls,
    context: createRoom({ room, transport: memory.transport() }),
    delta(votes) {
      for (let i = 0; i < votes; i++) {
        const option = options[n++ % options.length]!.id;
        tally[option] = (tally[option] ?? 0) + 1;
      }
      voters += votes;
      const value = publicPoll({ ...base, tally: { ...tally }, voters });
      memory.commit([{ coll: 'polls', id: 'p', value: { ...value } }]);
    },
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
