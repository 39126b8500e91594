// The one intent contract: let through, veto with preventDefault(), take over with respondWith().
import { describe, expect, it } from 'vitest';
import { dispatchIntent, IntentError } from './intent.js';

type Detail = { respondWith(answer: unknown): void; pollId: string };

function fire(listen?: (event: CustomEvent<Detail>) => void) {
  const target = new EventTarget();
  let seen: CustomEvent<Detail> | null = null;
  target.addEventListener('onair-vote-request', (event) => {
    seen = event as CustomEvent<Detail>;
    listen?.(seen);
  });
  const outcome = dispatchIntent<{ count: number }>(target, 'onair-vote-request', { pollId: 'p1' });
  return { outcome, event: seen as CustomEvent<Detail> | null };
}

describe('dispatchIntent', () => {
  it('lets the default happen when nobody objects, with the fields in the detail', () => {
    const { outcome, event } = fire();
    expect(outcome).toEqual({ kind: 'default' });
    expect(event?.detail.pollId).toBe('p1');
    expect(event?.cancelable).toBe(true);
    expect(event?.bubbles && event.composed).toBe(true);
  });

  it('is vetoed by preventDefault()', () => {
    expect(fire((event) => event.preventDefault()).outcome).toEqual({ kind: 'vetoed' });
  });

  it('is taken over by respondWith(), with or without preventDefault(), value or promise', async () => {
    const value = fire((event) => event.detail.respondWith({ count: 2 })).outcome;
    expect(value.kind).toBe('answered');
    if (value.kind === 'answered') expect(await value.answer).toEqual({ count: 2 });
    const promised = fire((event) => {
      event.preventDefault();
      event.detail.respondWith(Promise.reject(new Error('declined')));
    }).outcome;
    if (promised.kind !== 'answered') throw new Error(promised.kind);
    await expect(promised.answer).rejects.toThrow('declined');
  });

  it('throws a named error for respondWith() after dispatch, or twice', () => {
    const { event } = fire();
    expect(() => event!.detail.respondWith({})).toThrow(IntentError);
    expect(() => event!.detail.respondWith({})).toThrow(/while the event is dispatched/);
    fire((e) => {
      e.detail.respondWith({});
      expect(() => e.detail.respondWith({})).toThrowError(expect.objectContaining({ name: 'IntentError' }));
    });
  });
});
