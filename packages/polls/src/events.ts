import type { IntentDetail } from '@onair/core/element.js';

/** Events `<onair-poll>` fires. */
export const PollEvents = {
  voteRequest: 'onair-vote-request',
  vote: 'onair-vote',
} as const;

/**
 * `onair-vote-request`: cancelable. `preventDefault()` vetoes the vote; `respondWith(answer)` takes
 * it over (the host counts it its own way) — the widget then shows the answer's outcome.
 */
export interface VoteRequestDetail extends IntentDetail<VoteAnswer | undefined> {
  pollId: string;
  choice: string[];
}

/** A host's answer to a vote it took over: the viewer's votes on the poll now, when it knows. */
export interface VoteAnswer {
  count?: number;
}

export interface VoteDetail {
  pollId: string;
  choice: string[];
  /** Votes this viewer has now cast on the poll (more than 1 under an extra-votes policy). */
  count: number;
}

declare global {
  interface HTMLElementEventMap {
    'onair-vote-request': CustomEvent<VoteRequestDetail>;
    'onair-vote': CustomEvent<VoteDetail>;
  }
}
