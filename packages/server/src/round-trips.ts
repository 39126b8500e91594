/**
 * A connection's round trip as the server measures it itself: a WebSocket ping frame (browsers and
 * `ws` answer pings on their own, so no client code is involved) carrying a fresh nonce, timed on
 * the server's clock until the pong that echoes it. Pongs that echo nothing the server sent are
 * ignored. The round trip is the shortest of the last few, so one slow moment does not inflate it;
 * a client that holds its pongs back gains no more than the cap the feature engine applies.
 */

/** Round trips kept per connection. */
const KEPT = 4;

export class RoundTrips {
  private readonly trips: number[] = [];
  private pending: { nonce: string; at: number } | null = null;
  private sent = 0;

  /** The payload of the next ping, sent at `now`; a ping still unanswered is given up. */
  ping(now: number): Buffer {
    const nonce = `rt${++this.sent}`;
    this.pending = { nonce, at: now };
    return Buffer.from(nonce);
  }

  /** A pong arrived at `now`: counts when it echoes the ping in flight. */
  pong(data: Buffer, now: number): void {
    const pending = this.pending;
    if (!pending || data.toString('latin1') !== pending.nonce) return;
    this.pending = null;
    this.trips.push(Math.max(0, now - pending.at));
    if (this.trips.length > KEPT) this.trips.shift();
  }

  /** The shortest recent round trip, ms; 0 before the first pong. */
  get latencyMs(): number {
    return this.trips.length ? Math.min(...this.trips) : 0;
  }
}
