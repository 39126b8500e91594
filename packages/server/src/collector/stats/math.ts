/**
 * The statistics the review needs, written out so their definitions are on the page: median and
 * MAD (gift peaks), the Wilson score interval and Newcombe's interval for a difference of two
 * proportions (experiments), and the chi-square upper tail (the sample-ratio check).
 */

/** 1.96: the 97.5th percentile of the standard normal, for 95 % intervals. */
const Z95 = 1.959963984540054;

/** The median of `values` (the mean of the middle two for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation from the median (unscaled). */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

export interface Interval {
  low: number;
  high: number;
}

/** The Wilson score interval (95 %) of `successes` out of `n`; null for n = 0. */
export function wilson(successes: number, n: number): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/**
 * Newcombe's hybrid score interval (his method 10) for p1 − p2, from each proportion's Wilson
 * interval; null when either side has no trials.
 */
export function differenceInterval(s1: number, n1: number, s2: number, n2: number): Interval | null {
  const w1 = wilson(s1, n1);
  const w2 = wilson(s2, n2);
  if (!w1 || !w2) return null;
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularized upper incomplete gamma Q(a, x): a series below a + 1, a continued fraction above. */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * front);
  }
  // Lentz's method for the continued fraction of Q.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, front * h);
}

/** P(χ² with `df` degrees of freedom ≥ `x`). */
export function chiSquareP(x: number, df: number): number {
  return upperGamma(df / 2, x / 2);
}

/**
 * Pearson's goodness-of-fit test of `observed` counts against `weights` (any positive scale): the
 * statistic and its p-value with k − 1 degrees of freedom; null when there is nothing to test.
 */
export function sampleRatioTest(
  observed: readonly number[],
  weights: readonly number[],
): { chiSquare: number; p: number } | null {
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (observed.length < 2 || total === 0 || weightSum <= 0) return null;
  let chiSquare = 0;
  observed.forEach((count, i) => {
    const expected = (total * weights[i]!) / weightSum;
    chiSquare += (count - expected) ** 2 / expected;
  });
  return { chiSquare, p: chiSquareP(chiSquare, observed.length - 1) };
}

/** A ratio for the answer: 4 decimals, null when the denominator is 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator) : null;
}

/** 4 decimals: rates and shares; enough for a report, and stable for tests written by hand. */
export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
