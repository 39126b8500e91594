/**
 * Words for the survey's own message keys, in both built-in languages: why an answer is not
 * acceptable (the widget shows them under the question; the server's refusals carry the English)
 * and what is wrong with a survey document. No dependencies, so the server and the widget share it.
 */
import { describe } from '@onair/core/validation.js';

type Words = [en: (n: string) => string, zh: (n: string) => string];

const ANSWER: Record<string, Words> = {
  required: [() => 'Please answer this question.', () => '请回答此题。'],
  choice: [() => 'Pick one of the choices.', () => '请从选项中选择。'],
  otherText: [() => 'Tell us what “other” is.', () => '请填写“其他”的内容。'],
  minSelected: [(n) => `Pick at least ${n}.`, (n) => `至少选择 ${n} 项。`],
  maxSelected: [(n) => `Pick at most ${n}.`, (n) => `最多选择 ${n} 项。`],
  minLength: [(n) => `Write at least ${n} characters.`, (n) => `至少输入 ${n} 个字符。`],
  maxLength: [(n) => `Write at most ${n} characters.`, (n) => `最多输入 ${n} 个字符。`],
  min: [(n) => `Enter ${n} or more.`, (n) => `请输入不小于 ${n} 的数。`],
  max: [(n) => `Enter ${n} or less.`, (n) => `请输入不大于 ${n} 的数。`],
  number: [() => 'Enter a number.', () => '请输入数字。'],
  email: [() => 'Enter an email address.', () => '请输入有效的邮箱地址。'],
  pattern: [() => 'Check the format of this answer.', () => '格式不正确，请检查。'],
  rank: [() => 'Put the items in order.', () => '请为所有选项排序。'],
  type: [() => 'This answer does not fit the question.', () => '答案与题目不符。'],
  hidden: [() => 'This question is not shown, so it takes no answer.', () => '此题未显示，不能作答。'],
  unknown: [() => 'This survey has no such question.', () => '问卷中没有此题。'],
};

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

function words(table: Record<string, Words>, key: string, locale: string): string | null {
  const [name = '', ...args] = key.split('|');
  if (!Object.hasOwn(table, name)) return null;
  return table[name]![locale === 'zh-CN' ? 1 : 0](args.join('|'));
}

/** Why an answer was refused (`maxSelected|3`), in `locale`. */
export const answerMessage = (key: string, locale = 'en'): string => words(ANSWER, key, locale) ?? key;

/** An issue of a survey document in `locale`; the validator's common keys are core's. */
export const surveyIssue = (key: string, locale = 'en'): string =>
  words(DOCUMENT, key === 'expression' ? 'expressionType' : key, locale) ?? describe(key, locale);
