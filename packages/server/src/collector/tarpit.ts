/**
 * Holds a refused request's answer a while — no longer than its sender must wait anyway, and at
 * most `maxHoldMs` — before the 429 goes out. A sender that ignores Retry-After and loops on its
 * connections is slowed to about one refusal per connection per hold instead of hundreds a second,
 * each of which the live channel's thread would have had to answer. Bounded: at most `maxHeld`
 * answers wait at once (past that, refusals go out at once); a client that hangs up, or the
 * server closing, ends the wait.
 */
import type { EventEmitter } from 'node:events';

export class Tarpit {
  private readonly waiting = new Set<() => void>();
  private readonly maxHoldMs: number;
  private readonly maxHeld: number;

  constructor(maxHoldMs: number, maxHeld: number) {
    this.maxHoldMs = maxHoldMs;
    this.maxHeld = maxHeld;
  }

  /** Waits up to `waitMs` (capped); resolves with how long it held. `socket` closing ends it. */
  hold(waitMs: number, socket: EventEmitter): Promise<number> {
    const ms = Math.min(waitMs, this.maxHoldMs);
    if (ms <= 0 || this.waiting.size >= this.maxHeld) return Promise.resolve(0);
    const started = performance.now();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        socket.off('close', done);
        this.waiting.delete(done);
        resolve(Math.round(performance.now() - started));
      };
      const timer = setTimeout(done, ms);
      socket.once('close', done);
      this.waiting.add(done);
    });
  }

  /** Answers every held request now (the server is closing). */
  release(): void {
    for (const done of [...this.waiting]) done();
  }
}
