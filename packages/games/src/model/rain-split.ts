/**
 * How a red-packet rain's budget becomes packets — "double the mean" with a floor, the split
 * WeChat made familiar: each packet is the floor plus a uniform share of at most twice the mean of
 * what is left above the floors, and the last packet takes the rest. Pure and seeded: the same
 * randomness gives the same packets on every host.
 */

/**
 * Splits `budget` (integer minor units or points) into `count` integer packets of at least
 * `minimum` each, in the order they will be grabbed. With `spare = left − packetsLeft × minimum`,
 * packet i (not the last) is `minimum + floor(random() × (floor(2 × spare / packetsLeft) + 1))`:
 * uniform over `minimum … minimum + 2 × mean spare`, so its expected size is about the mean and the
 * floors of the packets after it stay funded. The last packet is what is left. The packets sum to
 * `budget` exactly and none is under `minimum`.
 *
 * Throws a `RangeError` on an impossible split (`count × minimum > budget`, or non-integers):
 * validate with `splitProblem()` first, which says which field is at fault.
 */
export function splitBudget(budget: number, count: number, minimum: number, random: () => number): number[] {
  const problem = splitProblem(budget, count, minimum);
  if (problem) throw new RangeError(`${problem.path}: ${problem.message}`);
  const packets: number[] = [];
  let left = budget;
  for (let n = count; n > 1; n--) {
    const spare = left - n * minimum;
    const most = Math.floor((2 * spare) / n);
    // min() guards a random() that returns 1 against its contract.
    const extra = Math.min(most, Math.floor(random() * (most + 1)));
    packets.push(minimum + extra);
    left -= minimum + extra;
  }
  packets.push(left);
  return packets;
}

/** Why `budget`, `count` and `minimum` cannot be split, naming the field at fault, or null. */
export function splitProblem(
  budget: number,
  count: number,
  minimum: number,
): { path: 'budget' | 'count' | 'minimum'; message: string; most?: number } | null {
  if (!Number.isSafeInteger(budget) || budget < 1)
    return { path: 'budget', message: 'expected a whole number of at least 1' };
  if (!Number.isSafeInteger(count) || count < 1)
    return { path: 'count', message: 'expected a whole number of at least 1' };
  if (!Number.isSafeInteger(minimum) || minimum < 1)
    return { path: 'minimum', message: 'expected a whole number of at least 1' };
  if (count * minimum > budget) {
    const most = Math.floor(budget / count);
    return {
      path: 'minimum',
      message: `${count} packets of at least ${minimum} need ${count * minimum}, more than the budget ${budget}; the minimum can be ${most} at most`,
      most,
    };
  }
  return null;
}
