/**
 * Responses as CSV for ops (RFC 4180: quoted where needed, CRLF rows), safe to open in a
 * spreadsheet: a cell a viewer wrote that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is read as text (a leading `'`), never as a formula (CSV injection). Plain numbers stay.
 */
import { questionsOf } from './logic.js';
import type { Answer, Survey } from './schema.js';

export interface StoredResponse {
  response: string;
  /** Epoch ms the response was stored. */
  at: number;
  /** The viewer, for identified surveys. */
  viewer?: string;
  answers: Record<string, Answer>;
  other: Record<string, string>;
}

export function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per response; a column per question, and one for the "other" text where there is one. */
export function responsesCsv(survey: Survey, responses: readonly StoredResponse[]): string {
  const questions = questionsOf(survey).filter((q) => q.type !== 'info');
  const identified = survey.identity === 'identified';
  const header = ['response', 'submitted_at', ...(identified ? ['viewer'] : [])];
  for (const q of questions) header.push(q.id, ...(q.other ? [`${q.id} (other)`] : []));
  const rows = responses.map((r) => {
    const row: unknown[] = [r.response, new Date(r.at).toISOString(), ...(identified ? [r.viewer] : [])];
    for (const q of questions) {
      const value = Object.hasOwn(r.answers, q.id) ? r.answers[q.id] : undefined;
      row.push(Array.isArray(value) ? value.join('; ') : value);
      if (q.other) row.push(Object.hasOwn(r.other, q.id) ? r.other[q.id] : undefined);
    }
    return row;
  });
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
