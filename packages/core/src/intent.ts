/**
 * One contract for every cancelable intent a widget fires before it acts (`onair-vote-request`,
 * `onair-gift-send-request`, `onair-add-to-cart`, `onair-buy-now`):
 * - nobody objects: the widget does what it does by default (sends the vote);
 * - `event.preventDefault()`: vetoed, nothing happens;
 * - `event.detail.respondWith(answer)`: the host takes over, and the widget shows the outcome of
 *   `answer` (a value or a promise). Only while the event is being dispatched, as
 *   `FetchEvent.respondWith`: a later call, or a second one, throws an `IntentError`.
 */

/** What every intent's `detail` carries besides its own fields. */
export interface IntentDetail<A> {
  respondWith(answer: A | Promise<A>): void;
}

/** Thrown by `respondWith()` called after dispatch, or twice. */
export class IntentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntentError';
  }
}

export type IntentOutcome<A> =
  | { kind: 'default' }
  | { kind: 'vetoed' }
  | { kind: 'answered'; answer: Promise<A> };

/** The answer type of a known intent event (`onair-vote-request` → `VoteAnswer | undefined`). */
export type IntentAnswer<K extends keyof HTMLElementEventMap> =
  HTMLElementEventMap[K] extends CustomEvent<IntentDetail<infer A>> ? A : never;

/** The fields of a known intent's detail, without `respondWith`. */
export type IntentFields<K extends keyof HTMLElementEventMap> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? Omit<D, 'respondWith'> : never;

/** Dispatches a bubbling, composed, cancelable intent from `target` and says who decided what. */
export function dispatchIntent<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  name: K,
  fields: IntentFields<K>,
): IntentOutcome<IntentAnswer<K>>;
export function dispatchIntent<A>(target: EventTarget, name: string, fields: object): IntentOutcome<A>;
export function dispatchIntent<A>(target: EventTarget, name: string, fields: object): IntentOutcome<A> {
  const state: { answer: Promise<A> | null; dispatching: boolean } = { answer: null, dispatching: true };
  const detail: IntentDetail<A> = {
    ...fields,
    respondWith(value) {
      if (!state.dispatching)
        throw new IntentError(`respondWith() on "${name}" must be called while the event is dispatched`);
      if (state.answer) throw new IntentError(`respondWith() on "${name}" was already called`);
      state.answer = Promise.resolve(value);
    },
  };
  let proceed: boolean;
  try {
    proceed = target.dispatchEvent(
      new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }),
    );
  } finally {
    state.dispatching = false;
  }
  if (state.answer) return { kind: 'answered', answer: state.answer };
  return proceed ? { kind: 'default' } : { kind: 'vetoed' };
}
