/**
 * A survey's life in a room: created (a draft), opened (for its time limit, if it has one),
 * closed. Pure functions over plain records; `feature.ts` wires them into the live feature.
 */
import type { Survey } from './schema.js';

export type SurveyStatus = 'draft' | 'open' | 'closed';

/** A survey as the room holds it, and as viewers receive it (nothing in it is secret). */
export interface SurveyRecord extends Survey {
  status: SurveyStatus;
  openedAt: number | null;
  closesAt: number | null;
  /** Whether viewers see the live per-question results once they submitted. */
  showResults: boolean;
}

/** What a viewer's own records say about a survey: they responded. */
export interface SurveyDone {
  done: true;
}

export function createSurvey(survey: Survey): SurveyRecord {
  return { ...survey, status: 'draft', openedAt: null, closesAt: null, showResults: survey.results };
}

export function openSurvey(
  survey: SurveyRecord,
  now: number,
  timeLimitMs = survey.timeLimitMs,
): SurveyRecord {
  return { ...survey, status: 'open', openedAt: now, closesAt: timeLimitMs ? now + timeLimitMs : null };
}

export function closeSurvey(survey: SurveyRecord, now: number): SurveyRecord {
  return { ...survey, status: 'closed', closesAt: Math.min(survey.closesAt ?? now, now) };
}

/** True while the survey takes responses (a time limit that ran out counts as closed). */
export function isOpen(survey: { status: string; closesAt: number | null }, now: number): boolean {
  return survey.status === 'open' && (survey.closesAt === null || now < survey.closesAt);
}
