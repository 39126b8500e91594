/** Events `<onair-poll>` fires. */
export const PollEvents = {
  voteRequest: 'onair-vote-request',
  vote: 'onair-vote',
} as const;

export interface VoteRequestDetail {
  pollId: string;
  choice: string[];
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
