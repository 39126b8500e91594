/**
 * The poll's view state and its one action. The element renders what this store says; all
 * rules (which poll shows, whether results are visible, what a click does) live here.
 */
import { type Channel, mineRecord } from '@onair/core/element.js';
import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import type { VoteAnswer } from '../events.js';
import { isOpen } from '../model/open.js';
import type { PollVote, PublicPoll } from '../model/poll.js';

export interface PollRow {
  id: string;
  label: string;
  count: number;
  /** Share of all votes, 0…1. */
  ratio: number;
  /** The viewer picked it in the current, not yet sent selection. */
  selected: boolean;
  /** The viewer's recorded vote includes it. */
  mine: boolean;
  /** Quiz: true/false once the answer is revealed, else null. */
  correct: boolean | null;
  /** Closed with votes: this option has the most (ties share it). */
  winner: boolean;
}

export interface PollView {
  poll: PublicPoll | null;
  rows: PollRow[];
  mine: PollVote | null;
  open: boolean;
  showResults: boolean;
  totalVotes: number;
  remainingMs: number | null;
  /** Share of the open time still left, 1…0, while a countdown runs; else null. */
  remainingRatio: number | null;
  /** The viewer can send the current selection now. */
  canSubmit: boolean;
  /** The viewer may vote (again) at all: first vote, extra votes or a change. */
  canVote: boolean;
  pending: boolean;
  /** Quiz outcome for this viewer once revealed. */
  answeredRight: boolean | null;
}

export interface PollStore {
  $view: ReadableAtom<PollView>;
  /** Whether picking the option is allowed (a full multiple-choice selection refuses more). */
  accepts(optionId: string): boolean;
  /** Selects an option (single/rating: replaces; multiple: toggles within the limit). */
  choose(optionId: string): void;
  /** The selection to send, validated; null when nothing can be sent. */
  pendingChoice(): { pollId: string; choice: string[] } | null;
  /**
   * Sends the vote, or waits for the host's answer when it took the vote over (`routed`); resolves
   * with the recorded vote, rejects with the reason.
   */
  submit(
    routed?: Promise<VoteAnswer | undefined>,
  ): Promise<{ pollId: string; choice: string[]; vote: PollVote }>;
}

/** Picks the poll to show: the requested id, else the latest opened one (open before closed). */
function pickPoll(polls: Readonly<Record<string, PublicPoll>>, pollId: string | null): PublicPoll | null {
  if (pollId) return Object.hasOwn(polls, pollId) ? polls[pollId]! : null;
  let best: PublicPoll | null = null;
  for (const poll of Object.values(polls)) {
    if (poll.status === 'draft') continue;
    const rank = (p: PublicPoll) => [p.status === 'open' ? 1 : 0, p.openedAt ?? 0] as const;
    const [a0, a1] = rank(poll);
    const [b0, b1] = best ? rank(best) : [-1, -1];
    if (a0 > b0 || (a0 === b0 && a1 > b1)) best = poll;
  }
  return best;
}

/**
 * Server time, ticking once a second while someone listens — but only while `running()` says a
 * countdown is on screen, so an idle poll does not re-render every second.
 */
function clockStore(channel: Channel, running: () => boolean): ReadableAtom<number> {
  const $now = atom(channel.serverNow());
  onMount($now, () => {
    const timer = setInterval(() => {
      if (running()) $now.set(channel.serverNow());
    }, 1000);
    return () => clearInterval(timer);
  });
  return $now;
}

export function createPollStore(channel: Channel, pollId: string | null): PollStore {
  const $polls = channel.collection<PublicPoll>('polls');
  const $selection = atom<{ pollId: string | null; choice: string[] }>({ pollId: null, choice: [] });
  const $pending = atom(false);
  // A countdown is running while the shown poll is open with a close time not yet reached (as of
  // the last tick); one more tick after that lets the view switch to closed.
  const countingDown = () => {
    const poll = pickPoll($polls.get(), pollId);
    return !!poll && poll.status === 'open' && poll.closesAt !== null && poll.closesAt > $now.get() - 1000;
  };
  const $now = clockStore(channel, countingDown);

  // One computed over the sources (not a chain): each derived layer holds its sources for 1 s
  // after its last listener leaves, and a chain would multiply that.
  const $view = computed(
    [$polls, channel.$viewer, $selection, $pending, $now],
    (polls, viewer, selection, pending, now) => {
      const poll = pickPoll(polls, pollId);
      if (!poll) return emptyView(pending);
      const mine = mineRecord<PollVote>(viewer?.mine, 'polls', poll.id) ?? null;
      const open = isOpen(poll, now);
      const chosen = selection.pollId === poll.id ? selection.choice : [];
      const tally = poll.tally ?? {};
      const totalVotes = Object.values(tally).reduce((sum, n) => sum + n, 0);
      const revealed = poll.correct !== null;
      const showResults =
        poll.tally !== null &&
        (poll.results === 'always' || !open || (poll.results === 'after-vote' && mine !== null));
      const canVote = open && (!mine || mine.count < poll.votesPerViewer || poll.allowChange);
      const top = Math.max(0, ...Object.values(tally));
      const rows = poll.options.map((option) => {
        const count = tally[option.id] ?? 0;
        return {
          winner: !open && !poll.quiz && showResults && top > 0 && count === top,
          id: option.id,
          label: option.label,
          count,
          ratio: totalVotes ? count / totalVotes : 0,
          selected: chosen.includes(option.id),
          mine: mine?.choice.includes(option.id) ?? false,
          correct: revealed ? (poll.correct?.includes(option.id) ?? false) : null,
        };
      });
      const answeredRight = revealed && mine ? sameSet(mine.choice, poll.correct ?? []) : null;
      const remainingMs = open && poll.closesAt !== null ? Math.max(0, poll.closesAt - now) : null;
      const span = (poll.closesAt ?? 0) - (poll.openedAt ?? 0);
      return {
        poll,
        rows,
        mine,
        open,
        showResults,
        totalVotes,
        remainingMs,
        remainingRatio: remainingMs !== null && span > 0 ? Math.min(1, remainingMs / span) : null,
        canSubmit: canVote && !pending && chosen.length > 0,
        canVote,
        pending,
        answeredRight,
      };
    },
  );

  /** The selection after picking `optionId`, or null when the pick is not allowed. */
  const nextSelection = (optionId: string): string[] | null => {
    const { poll, canVote } = $view.get();
    if (!poll || !canVote || !poll.options.some((o) => o.id === optionId)) return null;
    const current = $selection.get();
    const chosen = current.pollId === poll.id ? current.choice : [];
    if (poll.kind !== 'multiple') return [optionId];
    if (chosen.includes(optionId)) return chosen.filter((id) => id !== optionId);
    return chosen.length < poll.maxSelections ? [...chosen, optionId] : null;
  };

  const store: PollStore = {
    $view,
    accepts: (optionId) => nextSelection(optionId) !== null,
    choose(optionId) {
      const next = nextSelection(optionId);
      if (next) $selection.set({ pollId: $view.get().poll!.id, choice: next });
    },
    pendingChoice() {
      const view = $view.get();
      if (!view.poll || !view.canSubmit) return null;
      return { pollId: view.poll.id, choice: [...$selection.get().choice] };
    },
    async submit(routed) {
      const request = store.pendingChoice();
      if (!request) throw new Error('nothing to submit');
      $pending.set(true);
      try {
        const vote = routed
          ? { choice: request.choice, count: (await routed)?.count ?? 1 }
          : mineRecord<PollVote>(
              (await channel.act('poll.vote', { poll: request.pollId, choice: request.choice })).mine,
              'polls',
              request.pollId,
            )!;
        $selection.set({ pollId: null, choice: [] });
        return { ...request, vote };
      } finally {
        $pending.set(false);
      }
    },
  };
  return store;
}

function emptyView(pending: boolean): PollView {
  return {
    poll: null,
    rows: [],
    mine: null,
    open: false,
    showResults: false,
    totalVotes: 0,
    remainingMs: null,
    remainingRatio: null,
    canSubmit: false,
    canVote: false,
    pending,
    answeredRight: null,
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
