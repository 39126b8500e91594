/**
 * Add to cart / buy now as an intent (the core contract: let through, veto, or answer with
 * `respondWith`), with the host's answer bounded in time and cleaned up. Shared by the card and
 * the shelf so both behave the same.
 */
import type { IntentOutcome } from '@onair/core/element.js';
import type { CartAnswer } from '../events.js';

/** A host that never answers must not leave a spinner forever. */
export const ANSWER_TIMEOUT_MS = 15_000;

export type CartOutcome =
  | { kind: 'answered'; answer: CartAnswer }
  | { kind: 'canceled' }
  | { kind: 'unanswered' };

/** Waits for what the host decided; `onPending` runs while an answer is awaited. */
export async function cartOutcome(
  intent: IntentOutcome<CartAnswer>,
  onPending: () => void,
  timeoutMs = ANSWER_TIMEOUT_MS,
): Promise<CartOutcome> {
  if (intent.kind === 'vetoed') return { kind: 'canceled' };
  if (intent.kind === 'default') return { kind: 'unanswered' };
  onPending();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CartAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, message: '' }), timeoutMs);
  });
  try {
    return { kind: 'answered', answer: normalize(await Promise.race([intent.answer, timeout])) };
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
