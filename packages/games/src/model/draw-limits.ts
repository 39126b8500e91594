/** The lucky draw's limits, apart from its schemas so the widget can read them without valibot. */
export const DRAW_LIMITS = {
  prizeName: 60,
  quantity: { min: 1, max: 10_000 },
  conditions: 6,
  keyword: 30,
  /** The countdown: from 10 s to a day. */
  durationMs: { min: 10_000, max: 86_400_000 },
  maxWins: 100,
  drawsPerRoom: 50,
  entrantsPerDraw: 100_000,
  /** Winners named in the draw's record itself; all of them are in its `winners` list. */
  winnersShown: 50,
  /** A list chunk's ids, at most this many UTF-8 bytes (a `draw.list` answer fits any frame). */
  chunkBytes: 8_000,
  /** The window of the win limit. */
  winWindowMs: 30 * 86_400_000,
} as const;
