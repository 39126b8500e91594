/**
 * Each section of the stats document as a CSV table (`…/<section>.csv`): one header row, then one
 * row per item; times as ISO 8601 (UTC), ratios as in the JSON. Cells go through the surveys'
 * `cell()`: quoted where needed, and a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is prefixed with `'`, so a spreadsheet never runs a viewer's text as a formula.
 */
import { cell } from '@onair/surveys/model.js';
import type { StatsDocument } from './report.js';

const iso = (minute: number) => new Date(minute * 60_000).toISOString();

type Table = unknown[][];

const TABLES = {
  participation: (d) => [
    ['viewers', 'participants', 'participation_rate', 'estimated'],
    [d.viewers, d.participants, d.participationRate, d.participantsEstimated],
  ],
  'participation-minutes': (d) => [
    ['minute', 'viewers', 'participants'],
    ...d.participationMinutes.map((m) => [iso(m.minute), m.viewers, m.participants]),
  ],
  polls: (d) => [
    ['poll', 'option', 'votes', 'poll_votes', 'poll_voters', 'estimated'],
    ...d.polls.polls.flatMap((p) =>
      p.options.map((o) => [p.poll, o.option, o.votes, p.votes, p.voters, p.estimated]),
    ),
  ],
  surveys: (d) => [
    ['survey', 'starters', 'submitters', 'completion', 'question', 'answered', 'drop_off', 'estimated'],
    ...d.surveys.surveys.flatMap((s) =>
      (s.questions.length ? s.questions : [null]).map((q) => [
        s.survey,
        s.starters,
        s.submitters,
        s.completion,
        q?.question,
        q?.answered,
        q?.dropOff,
        s.estimated,
      ]),
    ),
  ],
  products: (d) => [
    ['product', 'window_pinned_at', 'window_last_seen_at', 'impressed', 'clickers', 'ctr', 'estimated'],
    ...d.products.products.flatMap((p) => [
      [p.product, '', '', p.impressed, p.clickers, p.ctr, p.estimated],
      ...p.windows.map((w) => [
        p.product,
        new Date(w.pinnedAt).toISOString(),
        new Date(w.lastSeenAt).toISOString(),
        w.impressed,
        w.clickers,
        w.ctr,
        p.estimated,
      ]),
    ]),
  ],
  funnel: (d) => [
    ['step', 'viewers', 'conversion', 'leak', 'estimated'],
    ...d.funnel.steps.map((s) => [s.step, s.viewers, s.conversion, s.leak, d.funnel.estimated]),
  ],
  gifts: (d) => [
    ['currency', 'minute', 'count', 'value', 'peak', 'estimated'],
    ...d.gifts.series.flatMap((s) =>
      s.minutes.map((m) => [s.currency, iso(m.minute), m.count, m.value, m.value > s.threshold, s.estimated]),
    ),
  ],
  dwell: (d) => [
    ['viewers_with_heartbeats', 'mean_ms', 'median_ms', 'estimated'],
    [d.dwell.viewers, d.dwell.meanMs, d.dwell.medianMs, d.dwell.estimated],
  ],
  returning: (d) => [
    ['days_before', 'viewers', 'share'],
    [7, d.returning.days7.viewers, d.returning.days7.share],
    [30, d.returning.days30.viewers, d.returning.days30.share],
  ],
  regions: (d) => [
    ['region', 'viewers', 'share'],
    ...d.regions.regions.map((r) => [r.region, r.viewers, r.share]),
    ['unknown', d.regions.unknown, ''],
  ],
  chat: (d) => [
    ['minute', 'messages', 'estimated'],
    ...d.chat.minutes.map((m) => [iso(m.minute), m.messages, d.chat.estimated]),
  ],
  keywords: (d) => [['word', 'count'], ...d.chat.keywords.map((k) => [k.word, k.count])],
  incidents: (d) => [
    ['minute', 'stalls', 'stalled_ms', 'viewers', 'viewers_before', 'change', 'estimated'],
    ...d.incidents.minutes.map((m) => [
      iso(m.minute),
      m.stalls,
      m.stalledMs,
      m.viewers,
      m.viewersBefore,
      m.change,
      d.incidents.estimated,
    ]),
  ],
  experiments: (d) => [
    [
      'experiment',
      'variation',
      'control',
      'exposed',
      'converted',
      'rate',
      'rate_low',
      'rate_high',
      'difference',
      'difference_low',
      'difference_high',
      'srm_p',
      'estimated',
    ],
    ...d.experiments.experiments.flatMap((e) =>
      e.variations.map((v) => [
        e.experiment,
        v.variation,
        v.variation === e.control,
        v.exposed,
        v.converted,
        v.rate,
        v.interval?.low,
        v.interval?.high,
        v.difference?.value,
        v.difference?.interval.low,
        v.difference?.interval.high,
        e.srm?.p,
        e.estimated,
      ]),
    ),
  ],
} satisfies Record<string, (document: StatsDocument) => Table>;

export type CsvSection = keyof typeof TABLES;
export const CSV_SECTIONS = Object.keys(TABLES) as CsvSection[];

export function isCsvSection(name: string): name is CsvSection {
  return Object.hasOwn(TABLES, name);
}

export function sectionCsv(document: StatsDocument, section: CsvSection): string {
  const rows: Table = TABLES[section](document);
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
