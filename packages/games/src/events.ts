/** Events `<onair-quiz>` fires. */
export const QuizEvents = {
  answerRequest: 'onair-answer-request',
  answer: 'onair-answer',
} as const;

/**
 * `onair-answer-request`: cancelable, before an answer is sent. `preventDefault()` vetoes it (a
 * page that wants viewers signed in first). A host cannot answer for the viewer: the server times
 * each answer itself.
 */
export interface AnswerRequestDetail {
  quizId: string;
  /** The question's index, from 0. */
  question: number;
  /** The option's index, from 0. */
  choice: number;
}

/** `onair-answer`: the server accepted the answer; `ms` is its answer time as the server measured it. */
export interface AnswerDetail extends AnswerRequestDetail {
  ms: number;
}

declare global {
  interface HTMLElementEventMap {
    'onair-answer-request': CustomEvent<AnswerRequestDetail>;
    'onair-answer': CustomEvent<AnswerDetail>;
  }
}

/** Events `<onair-red-packet-rain>` fires. */
export const RainEvents = {
  packetOpen: 'onair-packet-open',
} as const;

/** `onair-packet-open`: the server gave the viewer a packet; `total` is theirs in this rain so far. */
export interface PacketOpenDetail {
  rainId: string;
  amount: number;
  total: number;
}

declare global {
  interface HTMLElementEventMap {
    'onair-packet-open': CustomEvent<PacketOpenDetail>;
  }
}
