/**
 * What to do with a response, and when to try again. Pure functions, unit-tested against every
 * status class; the sender and the client only read their answers.
 */

/** `ok`: delete. `retry`: keep and back off. `split`: 413, halve the batch. `drop`: no retry can succeed. */
export type Outcome = 'ok' | 'retry' | 'split' | 'drop';

/**
 * `status` 0 is a network error (offline, reset, CORS failure). 408, 429 and 5xx are transient;
 * 501 (not implemented) and 505 (HTTP version) will fail the same way forever, like other 4xx.
 */
export function classify(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 413) return 'split';
  if (status === 0 || status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505))
    return 'retry';
  return 'drop';
}

/**
 * `Retry-After` as a delay in ms, in either form the RFC allows (delta-seconds or an HTTP-date),
 * clamped to [0, max] so a hostile or broken header cannot park the queue for days.
 * Undefined when absent or unreadable, so the caller falls back to backoff.
 */
export function retryAfter(header: string | null | undefined, now: number, max: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  // Every HTTP-date form names a day or month; without letters, `Date.parse('-5')` would read a year.
  const ms = /^\d+$/.test(value)
    ? Number(value) * 1000
    : /[a-z]/i.test(value)
      ? Date.parse(value) - now
      : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), max);
}

/**
 * Capped exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): a uniform draw in [0, min(cap, base·2^attempt)), so clients that failed together do
 * not come back together.
 */
export function backoff(attempt: number, base: number, cap: number, random: number = Math.random()): number {
  return Math.floor(random * Math.min(cap, base * 2 ** attempt));
}
