/**
 * A viewer's answers in progress, kept in localStorage per room, viewer and survey until the
 * survey is submitted, so a reload (or a dropped connection) loses nothing. After submitting, only
 * that it was submitted stays. All drafts live under one key, the newest ten kept, so the host
 * page's storage never fills up with ours; storage that is full or switched off leaves drafts in
 * memory for the page's life, and the host's own keys are never touched.
 */
import type { OtherText } from '../model/logic.js';
import type { Answers } from '../model/schema.js';

export interface Draft {
  answers: Answers;
  other: OtherText;
  /** Index of the page shown, into the survey's pages. */
  page: number;
  /** Pages whose errors show (the viewer tried to go on from them). */
  tried: number[];
  /** The idempotency key of the submission, made before the first attempt and kept for retries. */
  key?: string;
  /** Epoch ms of the first answer (for `survey.start` and how long the viewer took). */
  started?: number;
  done?: boolean;
}

const STORAGE_KEY = 'onair-survey';
const KEPT = 10;

export const emptyDraft = (): Draft => ({ answers: {}, other: {}, page: 0, tried: [] });

type Stored = Record<string, Draft & { at: number }>;
let memory: Stored = {};
let loaded = false;

function all(): Stored {
  if (!loaded) {
    loaded = true;
    try {
      const parsed = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) memory = parsed as Stored;
    } catch {
      // Unreadable or switched off: start empty.
    }
  }
  return memory;
}

export function loadDraft(scope: string): Draft | null {
  const drafts = all();
  return Object.hasOwn(drafts, scope) ? drafts[scope]! : null;
}

export function saveDraft(scope: string, draft: Draft): void {
  const drafts = { ...all(), [scope]: { ...draft, at: Date.now() } };
  const newest = Object.entries(drafts)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, KEPT);
  memory = Object.fromEntries(newest);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(memory));
  } catch {
    // Full or switched off: the draft stays in memory.
  }
}

/** Forgets what was read, so the next read comes from storage again (tests, a reload in place). */
export function resetDrafts(): void {
  loaded = false;
  memory = {};
}
