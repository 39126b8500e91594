/**
 * Words for the campaign's own issue keys and preflight findings, en and zh-CN; keys the core knows
 * (`text|1|120`, `required`) go to its `describe()`.
 */
import { describe } from '@onair/core/validation.js';

type Lang = 'en' | 'zh-CN';

const templates: Record<string, Record<Lang, (a: string[]) => string>> = {
  date: {
    en: () => 'expected an ISO 8601 date-time with a zone (2026-12-24T20:00:00+08:00)',
    'zh-CN': () => '应为带时区的 ISO 8601 时间（2026-12-24T20:00:00+08:00）',
  },
  endWhen: {
    en: () => 'expected either afterMs or at, not both',
    'zh-CN': () => '应填写 afterMs 或 at 之一，不能同时填写',
  },
  share: { en: () => 'expected a number from 0 to 1', 'zh-CN': () => '应为 0 到 1 之间的数' },
  element: {
    en: () => "expected an Onair element name starting with 'onair-'",
    'zh-CN': () => '应为以“onair-”开头的 Onair 元素名',
  },
  attribute: {
    en: () => 'expected an attribute name in lower case',
    'zh-CN': () => '应为小写的属性名',
  },
  trigger: {
    en: () => 'expected a trigger of type at, offset, after or manual',
    'zh-CN': () => '触发方式应为 at、offset、after 或 manual',
  },
  command: {
    en: ([name, known]) => `unknown command "${name}"; expected one of ${known}`,
    'zh-CN': ([name, known]) => `未知指令“${name}”，应为以下之一：${known}`,
  },
  duplicateItem: {
    en: ([item]) => `another item already has the id "${item}"`,
    'zh-CN': ([item]) => `已有 id 为“${item}”的条目`,
  },
  duplicateExperiment: {
    en: ([key]) => `another experiment already has the key "${key}"`,
    'zh-CN': ([key]) => `已有 key 为“${key}”的实验`,
  },
  duplicateVariation: {
    en: ([key]) => `another variation already has the id "${key}"`,
    'zh-CN': ([key]) => `已有 id 为“${key}”的版本`,
  },
  unknownItem: {
    en: ([item]) => `no item of this campaign has the id "${item}"`,
    'zh-CN': ([item]) => `本活动没有 id 为“${item}”的条目`,
  },
  weightsLength: {
    en: ([n]) => `expected one weight per variation (${n})`,
    'zh-CN': ([n]) => `每个版本应有一个权重（共 ${n} 个）`,
  },
  weightsSum: {
    en: ([sum]) => `weights add up to ${sum}, not 1`,
    'zh-CN': ([sum]) => `权重之和为 ${sum}，不是 1`,
  },
  cycle: {
    en: ([chain]) => `"after" triggers form a cycle: ${chain}`,
    'zh-CN': ([chain]) => `“after”触发形成循环：${chain}`,
  },
  overlap: {
    en: ([slot, other, from, to]) => `overlaps item "${other}" in slot "${slot}" from +${from} s to +${to} s`,
    'zh-CN': ([slot, other, from, to]) => `与条目“${other}”在位置“${slot}”重叠（+${from} 秒至 +${to} 秒）`,
  },
  endBeforeStart: {
    en: ([end, start]) => `ends at +${end} s, before it starts at +${start} s`,
    'zh-CN': ([end, start]) => `结束于 +${end} 秒，早于开始时间 +${start} 秒`,
  },
  pastGoLive: {
    en: ([ago]) => `go-live is ${ago} s in the past`,
    'zh-CN': ([ago]) => `开播时间已过去 ${ago} 秒`,
  },
  pastItem: {
    en: ([ago]) => `fires ${ago} s in the past, before go-live it would run at once`,
    'zh-CN': ([ago]) => `触发时间已过去 ${ago} 秒，将立即执行`,
  },
  beforeGoLive: {
    en: ([s]) => `fires ${s} s before go-live`,
    'zh-CN': ([s]) => `在开播前 ${s} 秒触发`,
  },
  noSlotShow: {
    en: () => 'has a slot but nothing to show: add show.element',
    'zh-CN': () => '指定了位置但没有要显示的内容：请填写 show.element',
  },
  slotTooLarge: {
    en: ([bytes]) => `what this item and its variations show is over ${bytes} bytes; shorten the attributes`,
    'zh-CN': ([bytes]) => `该条目及其各版本的显示内容超过 ${bytes} 字节，请缩短属性`,
  },
  refused: {
    en: ([code, message]) => `the room would refuse it (${code}): ${message}`,
    'zh-CN': ([code, message]) => `房间会拒绝此指令（${code}）：${message}`,
  },
  neverFires: {
    en: ([item]) => `waits for item "${item}", which never fires on its own (manual)`,
    'zh-CN': ([item]) => `等待条目“${item}”，但该条目需手动触发`,
  },
};

/** Words for an issue or finding key (`name|arg|arg`) in the given language. */
export function describeCampaign(key: string, lang: string = 'en'): string {
  const [name = '', ...args] = key.split('|');
  const template = templates[name];
  return template ? template[lang === 'zh-CN' ? 'zh-CN' : 'en'](args) : describe(key, lang);
}

/** `path: message`, as the server's error answers and the editor show it. */
export function formatCampaignIssue(issue: { path: string; key: string }, lang: string = 'en'): string {
  const text = describeCampaign(issue.key, lang);
  return issue.path ? `${issue.path}: ${text}` : text;
}
