/**
 * The poll's rules: what a vote does, how a poll opens and closes, what viewers see. Pure
 * functions over plain records; `feature.ts` wires them into the live feature both hosts run.
 */
import { isOpen } from './open.js';
import type { PollConfig, PollKind, RatingScale, ResultVisibility } from './schema.js';

export type PollStatus = 'draft' | 'open' | 'closed';

export interface PollOption {
  id: string;
  label: string;
}

/** The authoritative record (server side). `publicPoll()` is what viewers receive. */
export interface PollRecord {
  id: string;
  kind: PollKind;
  question: string;
  options: PollOption[];
  maxSelections: number;
  correct: string[] | null;
  results: ResultVisibility;
  allowChange: boolean;
  votesPerViewer: number;
  durationMs: number | null;
  status: PollStatus;
  openedAt: number | null;
  closesAt: number | null;
  /** Votes per option id. */
  tally: Record<string, number>;
  /** Distinct viewers who voted. */
  voters: number;
}

/** A poll as broadcast to viewers: tallies hidden while `results` is `after-close`, answers until closed. */
export interface PublicPoll extends Omit<PollRecord, 'tally' | 'correct'> {
  tally: Record<string, number> | null;
  correct: string[] | null;
  quiz: boolean;
}

/** What the server remembers of one viewer's votes on one poll. */
export interface PollVote {
  choice: string[];
  count: number;
}

export interface PollError {
  code: string;
  message: string;
  path?: string;
}

export type PollOutcome<T> = { ok: true; value: T } | { ok: false; error: PollError };

function ratingOptions(scale: RatingScale): PollOption[] {
  const [from, to] = scale === '0-10' ? [0, 10] : [1, 5];
  const out: PollOption[] = [];
  for (let n = from; n <= to; n++) out.push({ id: String(n), label: String(n) });
  return out;
}

export function createPoll(config: PollConfig): PollRecord {
  const options = config.kind === 'rating' ? ratingOptions(config.scale) : (config.options ?? []);
  return {
    id: config.id,
    kind: config.kind,
    question: config.question,
    options,
    maxSelections: config.kind === 'multiple' ? (config.maxSelections ?? options.length) : 1,
    correct: config.correct ?? null,
    results: config.results,
    allowChange: config.allowChange,
    votesPerViewer: config.votesPerViewer,
    durationMs: config.durationMs ?? null,
    status: 'draft',
    openedAt: null,
    closesAt: null,
    tally: Object.fromEntries(options.map((o) => [o.id, 0])),
    voters: 0,
  };
}

export function openPoll(poll: PollRecord, now: number, durationMs = poll.durationMs): PollRecord {
  return { ...poll, status: 'open', openedAt: now, closesAt: durationMs ? now + durationMs : null };
}

export function closePoll(poll: PollRecord, now: number): PollRecord {
  return { ...poll, status: 'closed', closesAt: Math.min(poll.closesAt ?? now, now) };
}

export { isOpen };

/**
 * Applies one viewer's vote. `prior` is what that viewer already cast on this poll. Returns the
 * new poll record and the viewer's new vote, or an error naming the rule that refused it.
 */
export function applyVote(
  poll: PollRecord,
  prior: PollVote | undefined,
  choice: readonly string[],
  now: number,
): PollOutcome<{ poll: PollRecord; vote: PollVote }> {
  if (!isOpen(poll, now))
    return fail('poll_closed', `poll ${poll.id} is ${poll.status === 'draft' ? 'not open yet' : 'closed'}`);
  if (choice.length < 1 || choice.length > poll.maxSelections)
    return fail('invalid_choice', `expected 1–${poll.maxSelections} choices`, 'payload.choice');
  // The poll's own options only: an id such as `constructor` must not find the prototype's.
  const known = new Set(poll.options.map((option) => option.id));
  const index = choice.findIndex((c) => !known.has(c));
  if (index >= 0)
    return fail(
      'unknown_option',
      `poll ${poll.id} has no option "${choice[index]}"`,
      `payload.choice[${index}]`,
    );
  if (new Set(choice).size !== choice.length)
    return fail('invalid_choice', 'expected unique choices', 'payload.choice');

  const tally = { ...poll.tally };
  let voters = poll.voters;
  let count = 1;
  if (!prior) voters += 1;
  else if (prior.count < poll.votesPerViewer) count = prior.count + 1;
  else if (poll.allowChange) {
    count = prior.count;
    for (const c of prior.choice) tally[c] = Math.max(0, (tally[c] ?? 0) - 1);
  } else
    return fail(
      'already_voted',
      `viewer already cast ${poll.votesPerViewer === 1 ? 'a vote' : `${poll.votesPerViewer} votes`} on poll ${poll.id}`,
    );
  for (const c of choice) tally[c] = (tally[c] ?? 0) + 1;
  return { ok: true, value: { poll: { ...poll, tally, voters }, vote: { choice: [...choice], count } } };
}

/** The viewer-facing copy: hides the answer until close and tallies when results wait for close. */
export function publicPoll(poll: PollRecord): PublicPoll {
  const closed = poll.status === 'closed';
  return {
    ...poll,
    quiz: poll.correct !== null,
    correct: closed ? poll.correct : null,
    tally: poll.results === 'after-close' && !closed ? null : poll.tally,
  };
}

function fail(code: string, message: string, path?: string): { ok: false; error: PollError } {
  return { ok: false, error: path ? { code, message, path } : { code, message } };
}
