/**
 * Cancelable intent + answer: dispatches `onair-add-to-cart` / `onair-buy-now` with a
 * `respondWith()` the host calls synchronously (like `FetchEvent.respondWith`), then waits for the
 * answer, bounded. Shared by the card and the shelf so both behave the same.
 */
import type { CartAnswer, CartIntentDetail } from '../events.js';

/** A host that never answers must not leave a spinner forever. */
export const ANSWER_TIMEOUT_MS = 15_000;

export type IntentOutcome =
  | { kind: 'answered'; answer: CartAnswer }
  | { kind: 'canceled' }
  | { kind: 'unanswered' };

export async function runCartIntent(
  dispatch: (detail: CartIntentDetail) => boolean,
  base: Omit<CartIntentDetail, 'respondWith'>,
  onPending: () => void,
  timeoutMs = ANSWER_TIMEOUT_MS,
): Promise<IntentOutcome> {
  let answer: Promise<CartAnswer> | null = null;
  let dispatching = true;
  const detail: CartIntentDetail = {
    ...base,
    respondWith(value) {
      if (!dispatching)
        throw new Error('respondWith() must be called synchronously inside the event listener');
      if (answer) throw new Error('respondWith() was already called for this event');
      answer = Promise.resolve(value);
    },
  };
  let proceed: boolean;
  try {
    proceed = dispatch(detail);
  } finally {
    dispatching = false;
  }
  const pending = answer as Promise<CartAnswer> | null;
  if (!pending) return proceed ? { kind: 'unanswered' } : { kind: 'canceled' };
  onPending();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CartAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, message: '' }), timeoutMs);
  });
  try {
    return { kind: 'answered', answer: normalize(await Promise.race([pending, timeout])) };
  } catch (error) {
    return {
      kind: 'answered',
      answer: { ok: false, message: error instanceof Error ? error.message : String(error) },
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Hosts send what they send: anything but `{ok: true}` is a failure, messages are bounded text. */
function normalize(value: unknown): CartAnswer {
  const answer = (value ?? {}) as { ok?: unknown; message?: unknown };
  const message = typeof answer.message === 'string' ? answer.message.slice(0, 200) : '';
  if (answer.ok === true) return message ? { ok: true, message } : { ok: true };
  return { ok: false, message };
}
