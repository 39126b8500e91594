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
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.spec, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now, cost);
  }

  sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.full(now)) this.buckets.delete(key);
  }
}
