/**
 * Why an answer is not acceptable, in both built-in languages: the widget shows it under the
 * question, the server's refusals carry the English. No dependencies, so both share it.
 */

export type Words = [en: (n: string) => string, zh: (n: string) => string];

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

export function words(table: Record<string, Words>, key: string, locale: string): string | null {
  const [name = '', ...args] = key.split('|');
  if (!Object.hasOwn(table, name)) return null;
  return table[name]![locale === 'zh-CN' ? 1 : 0](args.join('|'));
}

/** Why an answer was refused (`maxSelected|3`), in `locale`. */
export const answerMessage = (key: string, locale = 'en'): string => words(ANSWER, key, locale) ?? key;
