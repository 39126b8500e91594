/**
 * Words for validation issues, kept apart from the schemas so a widget can show a localized
 * message without loading the validator.
 */
import type { ValidationIssue } from './issue.js';

type Lang = 'en' | 'zh-CN';

const templates: Record<string, Record<Lang, (a: string[]) => string>> = {
  text: {
    en: ([min, max]) => `expected a string of ${min}–${max} characters`,
    'zh-CN': ([min, max]) => `应为 ${min}–${max} 个字符的文本`,
  },
  int: {
    en: ([min, max]) => `expected a whole number from ${min} to ${max}`,
    'zh-CN': ([min, max]) => `应为 ${min} 到 ${max} 之间的整数`,
  },
  list: {
    en: ([min, max]) => `expected a list of ${min}–${max} items`,
    'zh-CN': ([min, max]) => `应为包含 ${min}–${max} 项的列表`,
  },
  oneOf: {
    en: ([values]) => `expected one of ${values}`,
    'zh-CN': ([values]) => `应为以下之一：${values}`,
  },
  id: {
    en: ([max]) => `expected an id of 1–${max} letters, digits, '-' or '_'`,
    'zh-CN': ([max]) => `应为 1–${max} 位字母、数字、“-”或“_”组成的标识`,
  },
  bool: { en: () => 'expected true or false', 'zh-CN': () => '应为 true 或 false' },
  object: { en: () => 'expected an object', 'zh-CN': () => '应为对象' },
  unknown: { en: () => 'unknown field', 'zh-CN': () => '未知字段' },
  required: { en: () => 'is required', 'zh-CN': () => '为必填项' },
  unique: { en: () => 'expected unique values', 'zh-CN': () => '不能有重复值' },
  reserved: {
    en: () => 'is a reserved name (__proto__, constructor, prototype)',
    'zh-CN': () => '是保留名称（__proto__、constructor、prototype）',
  },
  url: { en: () => 'expected an http(s) URL', 'zh-CN': () => '应为 http(s) 网址' },
  json: { en: () => 'expected valid JSON', 'zh-CN': () => '应为有效的 JSON' },
};

/** Words for an issue key in the given language; unknown keys (valibot's own text) pass through. */
export function describe(key: string, lang: string = 'en'): string {
  const [name = '', ...args] = key.split('|');
  const template = templates[name];
  if (!template) return key;
  return template[lang === 'zh-CN' ? 'zh-CN' : 'en'](args);
}

/** `path: message`, the one-line form used in `onair-error` details and server error frames. */
export function formatIssue(issue: ValidationIssue, lang: string = 'en'): string {
  const text = describe(issue.key, lang);
  return issue.path ? `${issue.path}: ${text}` : text;
}
