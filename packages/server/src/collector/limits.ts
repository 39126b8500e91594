/**
 * The collector's rate limits: token buckets per client address and per page origin, counted in
 * events. A request is let in while both of its buckets hold a token (checked before its body is
 * read, so a refusal costs almost nothing); once read, it is charged what it carried — one token per
 * event, and at least one per KiB of body — so a sender of big batches waits longer between them.
 * The bucket maps are swept, and capped: past `maxKeys`, new keys share one overflow bucket.
 */
import { type BucketSpec, KeyedBuckets } from '../rate-limit.js';

export interface CollectorLimits {
  /** Per client address (IPv6: per /64); `null` for none. */
  address: BucketSpec | null;
  /** Per `Origin` header (requests without one share the key `none`); `null` for none. */
  origin: BucketSpec | null;
  /** Keys held per map at most. */
  maxKeys: number;
  /** How long a refusal may be held before it is answered (`tarpit.ts`); 0 answers at once. */
  holdMs: number;
  /** Refusals held at once at most. */
  maxHeld: number;
}

/**
 * A page sends a few events a minute per viewer; an address stands for many viewers behind one NAT,
 * an origin for every viewer of a site.
 */
export const DEFAULT_COLLECTOR_LIMITS: CollectorLimits = {
  address: { rate: 200, burst: 2_000 },
  origin: { rate: 2_000, burst: 20_000 },
  maxKeys: 50_000,
  holdMs: 1_000,
  maxHeld: 1_000,
};

export type Scope = 'address' | 'origin';

/** Parses `<rate>[/<burst>]` (events per second, burst default 10 × rate) or `off`. */
export function parseRateSpec(text: string): BucketSpec | null | { error: string } {
  if (text === 'off') return null;
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text);
  const rate = Number(match?.[1]);
  const burst = match?.[2] === undefined ? rate * 10 : Number(match[2]);
  if (!match || rate < 1 || rate > 1_000_000 || burst < 1 || burst > 10_000_000)
    return {
      error: `expected <events per second>[/<burst>] such as 200/2000 (1 to 1000000, burst up to 10000000) or off, got "${text}"`,
    };
  return { rate, burst };
}

const OVERFLOW = '*';
const SWEEP_EVERY_MS = 10_000;

class ScopedBuckets {
  private readonly buckets: KeyedBuckets;
  private readonly maxKeys: number;
  private lastSweep = 0;

  constructor(spec: BucketSpec, maxKeys: number) {
    this.buckets = new KeyedBuckets(spec);
    this.maxKeys = maxKeys;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** The key to count by: its own while there is room, else the shared overflow bucket. */
  keyFor(key: string, now: number): string {
    if (this.buckets.has(key) || this.buckets.size < this.maxKeys) return key;
    // Full buckets are forgotten by a sweep; run one early, but not on every request of a flood.
    if (now - this.lastSweep >= 1_000) this.sweep(now);
    return this.buckets.size < this.maxKeys ? key : OVERFLOW;
  }

  take(key: string, now: number): number {
    return this.buckets.take(this.keyFor(key, now), now);
  }

  charge(key: string, now: number, cost: number): void {
    if (cost > 0) this.buckets.charge(this.keyFor(key, now), now, cost);
  }

  sweep(now: number): void {
    this.lastSweep = now;
    this.buckets.sweep(now);
  }
}

export interface Sender {
  address: string;
  /** The `Origin` header, or `none`. */
  origin: string;
}

export class CollectorLimiter {
  private readonly scopes: [Scope, ScopedBuckets][] = [];
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(limits: CollectorLimits, now: () => number = () => performance.now()) {
    this.now = now;
    for (const scope of ['address', 'origin'] as const) {
      const spec = limits[scope];
      if (spec) this.scopes.push([scope, new ScopedBuckets(spec, limits.maxKeys)]);
    }
    this.timer = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  /** At the door: `null` lets the request in (and takes a token); else who is over and for how long. */
  admit(sender: Sender): { scope: Scope; waitMs: number } | null {
    const now = this.now();
    for (const [scope, buckets] of this.scopes) {
      const waitMs = buckets.take(sender[scope], now);
      if (waitMs > 0) return { scope, waitMs };
    }
    return null;
  }

  /** After the body was read: the rest of what it cost (the door took one token). */
  charge(sender: Sender, cost: number): void {
    const now = this.now();
    for (const [scope, buckets] of this.scopes) buckets.charge(sender[scope], now, cost - 1);
  }

  /** Keys held now, per scope (tests, metrics). */
  sizes(): Partial<Record<Scope, number>> {
    return Object.fromEntries(this.scopes.map(([scope, buckets]) => [scope, buckets.size]));
  }

  sweep(): void {
    const now = this.now();
    for (const [, buckets] of this.scopes) buckets.sweep(now);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
