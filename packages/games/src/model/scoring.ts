/**
 * The quiz's scoring, as documented in the package README ("Scoring"). Pure arithmetic on what the
 * server measured; both hosts and the widget's own explanations use these functions.
 */

/**
 * Points for a right answer `ms` after the question opened (the server's measure, the latency
 * allowance already taken off): Kahoot's `round((1 − t/T/2) × points)` — all of them at once,
 * half of them at the buzzer.
 */
export function speedPoints(ms: number, limitMs: number, points: number): number {
  const t = Math.min(Math.max(ms, 0), limitMs);
  return Math.round((1 - t / limitMs / 2) * points);
}

/** Right answers in a row that add to the bonus, at most (Kahoot caps its streak bonus alike). */
export const STREAK_STEPS = 5;

/**
 * The streak bonus of a right answer that makes a run of `streak` right answers in a row: a tenth
 * of the question's points for each answer of the run after the first, at most half of them
 * (1,000-point questions: +100, +200, … +500).
 */
export function streakBonus(points: number, streak: number): number {
  return Math.round((points * Math.min(Math.max(streak - 1, 0), STREAK_STEPS)) / 10);
}

/** What orders players: score, then the time they took, then who joined first. */
export interface Ranked {
  score: number;
  /** Answer time saved against the limits of the questions asked: more is faster. */
  saved: number;
  /** 1 for the player whose first answer arrived first, and so on. */
  order: number;
}

/**
 * Higher score first; on a tie the shorter total answer time (every scored question asked counts
 * its whole time limit for a player who did not answer it); then whoever answered first.
 */
export function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || b.saved - a.saved || a.order - b.order;
}
