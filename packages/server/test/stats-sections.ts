/**
 * Which sections of a Stats API document have nothing to chart: the check behind "the simulated
 * crowd fills every chart of the dashboard" (crowd-telemetry.spec.ts, test/e2e/dev-crowd.e2e.ts).
 * A section counts as filled only with the figures its chart draws (a survey with a drop-off, a
 * funnel with viewers at every step, an experiment with both variations exposed…).
 */
// biome-ignore lint/suspicious/noExplicitAny: reads a JSON answer by the paths STATS.md defines.
type Json = any;

export function emptySections(d: Json): string[] {
  const empty: string[] = [];
  if (!(d.viewers > 0 && d.participants > 0)) empty.push('participation');
  if (d.participationMinutes.length === 0) empty.push('participationMinutes');
  if (!d.polls.polls.some((p: Json) => p.votes > 0)) empty.push('polls');
  if (
    !d.surveys.surveys.some(
      (s: Json) => s.starters > 0 && s.submitters > 0 && s.questions.some((q: Json) => q.dropOff > 0),
    )
  )
    empty.push('surveys');
  if (!d.products.products.some((p: Json) => p.impressed > 0 && p.clickers > 0 && p.windows.length > 0))
    empty.push('products');
  if (!d.funnel.steps.every((s: Json) => s.viewers > 0)) empty.push('funnel');
  if (!d.gifts.series.some((s: Json) => s.value > 0 && s.peaks.length > 0)) empty.push('gifts');
  if (!(d.dwell.viewers > 0)) empty.push('dwell');
  if (!(d.regions.regions.length > 0)) empty.push('regions');
  if (!(d.chat.messages > 0 && d.chat.keywords.length > 0)) empty.push('chat');
  if (!(d.incidents.stalls > 0)) empty.push('incidents');
  if (
    !d.experiments.experiments.some(
      (e: Json) => e.variations.length === 2 && e.variations.every((v: Json) => v.exposed > 0),
    )
  )
    empty.push('experiments');
  return empty;
}
