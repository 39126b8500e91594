import type { IntentDetail } from '@onair/core/element.js';
import type { Answers } from './model/schema.js';

/** Events `<onair-survey>` fires. */
export const SurveyEvents = {
  submitRequest: 'onair-survey-submit-request',
  submit: 'onair-survey-submit',
} as const;

/**
 * `onair-survey-submit-request`: cancelable, before a response is sent. `preventDefault()` vetoes
 * it; `respondWith(answer)` takes it over (the host stores it its own way) and the widget shows
 * the outcome. `key` is the response's idempotency key: the same on every retry of it.
 */
export interface SurveySubmitRequestDetail extends IntentDetail<SubmitAnswer | undefined> {
  survey: string;
  answers: Answers;
  /** What the viewer wrote for "other", by question id. */
  other: Record<string, string>;
  key: string;
}

/** A host's answer to a response it took over: the id it stored it under, when it has one. */
export interface SubmitAnswer {
  response?: string;
}

export interface SurveySubmitDetail {
  survey: string;
  /** The stored response's id (its idempotency key, unless the host named it). */
  response: string;
  answers: Answers;
  other: Record<string, string>;
}

declare global {
  interface HTMLElementEventMap {
    'onair-survey-submit-request': CustomEvent<SurveySubmitRequestDetail>;
    'onair-survey-submit': CustomEvent<SurveySubmitDetail>;
  }
}
