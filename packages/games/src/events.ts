import type { IntentDetail } from '@onair/core/element.js';

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

/** Events `<onair-lucky-draw>` fires. */
export const DrawEvents = {
  enter: 'onair-draw-enter',
  prizeClaim: 'onair-prize-claim',
} as const;

/** `onair-draw-enter`: the server accepted the viewer's entry. */
export interface DrawEnterDetail {
  drawId: string;
  /** Entrants after this one. */
  entrants: number;
}

/** The host's answer to a prize claim; `message` is shown in the widget (failures must say why). */
export type PrizeClaimAnswer = { ok: true; message?: string } | { ok: false; message: string };

/**
 * `onair-prize-claim`, cancelable, when a winner taps "Claim your prize". The host owns the prize:
 * call `respondWith()` while the event is dispatched with the answer or a promise of it, and the
 * widget shows "Claiming…" then the outcome; `preventDefault()` without answering means the host
 * handles everything itself (the widget shows nothing). Neither: the widget says the host will be in
 * touch.
 */
export interface PrizeClaimDetail extends IntentDetail<PrizeClaimAnswer> {
  drawId: string;
  prize: { name: string; image: string | null };
  /** The winner's entrant id as published (`s:<id>` or `a:<id>`). */
  entrant: string | null;
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
    'onair-draw-enter': CustomEvent<DrawEnterDetail>;
    'onair-prize-claim': CustomEvent<PrizeClaimDetail>;
    'onair-packet-open': CustomEvent<PacketOpenDetail>;
  }
}
