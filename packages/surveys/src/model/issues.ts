/**
 * What is wrong with a survey document, in both built-in languages (the validator's common keys are
 * core's words). Shown by a static survey with an invalid config; the ops API answers in English.
 */
import { describe } from '@onair/core/validation.js';
import { type Words, words } from './messages.js';

const DOCUMENT: Record<string, Words> = {
  localized: [
    (n) => `expected text of 1–${n} characters, or { "en", "zh-CN" } texts`,
    (n) => `应为 1–${n} 个字符的文本，或 { "en", "zh-CN" } 文本`,
  ],
  name: [
    (n) => `expected 1–${n} characters without braces or control characters`,
    (n) => `应为 1–${n} 个字符，不含花括号或控制字符`,
  ],
  choice: [
    (n) => `expected a value of 1–${n} characters or { value, label }`,
    (n) => `应为 1–${n} 个字符的值或 { value, label }`,
  ],
  questions: [(n) => `a survey holds at most ${n} questions`, (n) => `问卷最多 ${n} 道题`],
  field: [(t) => `not a field of ${t} questions`, (t) => `不是 ${t} 题型的字段`],
  response: [
    (n) => `the longest possible response would be over ${n} bytes; lower maxLength or remove questions`,
    (n) => `最长的答卷将超过 ${n} 字节；请减小 maxLength 或删减题目`,
  ],
  pattern: [(why) => `unsafe or invalid pattern: ${why}`, (why) => `正则表达式无效或不安全：${why}`],
  expression: [(m) => `invalid expression: ${m}`, (m) => `表达式无效：${m}`],
  unknown_question: [
    (q) => `the expression names {${q}}, which is not a question`,
    (q) => `表达式引用的 {${q}} 不是题目`,
  ],
  range: [() => 'min is more than max', () => 'min 大于 max'],
  number: [() => 'expected a number from -1e9 to 1e9', () => '应为 -1e9 到 1e9 之间的数'],
  expressionType: [() => 'expected an expression (text)', () => '应为表达式（文本）'],
};

/** An issue of a survey document in `locale`. */
export const surveyIssue = (key: string, locale = 'en'): string =>
  words(DOCUMENT, key === 'expression' ? 'expressionType' : key, locale) ?? describe(key, locale);
