/** Token buckets: `rate` tokens per second up to `burst`; time is a monotonic millisecond clock. */

export interface BucketSpec {
  rate: number;
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly spec: BucketSpec;

  constructor(spec: BucketSpec, now: number) {
    this.spec = spec;
    this.tokens = spec.burst;
    this.last = now;
  }

  /** Takes `cost` tokens; returns 0 when allowed, else the milliseconds until it would be. */
  take(now: number, cost = 1): number {
    this.refill(now);
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return 0;
    }
    return Math.ceil(((cost - this.tokens) / this.spec.rate) * 1000);
  }

  /**
   * Takes `cost` tokens even when there are fewer (down to `-burst`): for costs known only after the
   * work was let in, which the next `take` then waits for.
   */
  charge(now: number, cost: number): void {
    this.refill(now);
    this.tokens = Math.max(-this.spec.burst, this.tokens - cost);
  }

  /** True once the bucket has refilled completely, i.e. forgetting it changes nothing. */
  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.spec.burst;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.spec.burst, this.tokens + elapsed * this.spec.rate);
    this.last = now;
  }
}

/** Buckets by key (one per viewer), forgetting full ones so idle viewers cost no memory. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly spec: BucketSpec;

  constructor(spec: BucketSpec) {
    this.spec = spec;
  }

  take(key: string, now: number, cost = 1): number {
    return this.bucket(key, now).take(now, cost);
  }

  charge(key: string, now: number, cost: number): void {
    this.bucket(key, now).charge(now, cost);
  }

  has(key: string): boolean {
    return this.buckets.has(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private bucket(key: string, now: number): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.spec, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.full(now)) this.buckets.delete(key);
  }
}
