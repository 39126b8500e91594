/**
 * Chat from the host-reported `chat.message` (`text`): messages per epoch minute and the top
 * `MAX_KEYWORDS` keywords. Words come from `Intl.Segmenter` (word granularity, locale `zh`, which
 * splits Chinese by dictionary and other scripts at word boundaries): word-like segments only,
 * lowercased, without digits-only words and stop words (`stop-words.ts`). A keyword's count is its
 * occurrences, weighted like the messages. Only the first `MAX_TEXT` characters of a text count.
 */
import { minuteOf, type Section, Tally, top } from './event.js';
import { STOP_WORDS } from './stop-words.js';

export const MAX_KEYWORDS = 20;
export const MAX_TEXT = 500;
/** Distinct words kept while counting; past it new words are not counted (said in the answer). */
export const MAX_DISTINCT_WORDS = 100_000;
/**
 * Texts whose words are remembered for the rest of the answer: bullet comments repeat a lot ("666",
 * "好看"), and segmenting one costs several µs.
 */
export const MAX_REMEMBERED_TEXTS = 10_000;

export interface ChatResult {
  messages: number;
  minutes: { minute: number; messages: number }[];
  keywords: { word: string; count: number }[];
  /** Whether some words were not counted because `MAX_DISTINCT_WORDS` were already held. */
  wordsCapped: boolean;
  estimated: boolean;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const DIGITS = /^\p{N}+$/u;

export function chat(): Section<ChatResult> {
  const perMinute = new Map<number, Tally>();
  const words = new Map<string, number>();
  const messages = new Tally();
  let wordsCapped = false;
  const remembered = new Map<string, readonly string[]>();
  const wordsOf = (text: string): readonly string[] => {
    const known = remembered.get(text);
    if (known) return known;
    const found: string[] = [];
    for (const { segment, isWordLike } of segmenter.segment(text)) {
      if (!isWordLike) continue;
      const word = segment.toLowerCase();
      if (!(STOP_WORDS.has(word) || DIGITS.test(word))) found.push(word);
    }
    if (remembered.size < MAX_REMEMBERED_TEXTS) remembered.set(text, found);
    return found;
  };
  return {
    types: ['chat.message'],
    add(e) {
      const props = e.props;
      const raw = Object.hasOwn(props, 'text') ? props['text'] : undefined;
      if (typeof raw !== 'string') return;
      messages.add(e.rate);
      const minute = minuteOf(e.ts);
      let tally = perMinute.get(minute);
      if (!tally) {
        tally = new Tally();
        perMinute.set(minute, tally);
      }
      tally.add(e.rate);
      for (const word of wordsOf(raw.slice(0, MAX_TEXT))) {
        const seen = words.get(word);
        if (seen === undefined && words.size >= MAX_DISTINCT_WORDS) {
          wordsCapped = true;
          continue;
        }
        words.set(word, (seen ?? 0) + 1 / e.rate);
      }
    },
    result() {
      return {
        messages: messages.value,
        minutes: [...perMinute]
          .sort(([a], [b]) => a - b)
          .map(([minute, t]) => ({ minute, messages: t.value })),
        keywords: top(words, (n) => n, MAX_KEYWORDS).kept.map(([word, count]) => ({ word, count })),
        wordsCapped,
        estimated: messages.estimated,
      };
    },
  };
}
