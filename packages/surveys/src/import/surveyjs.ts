/**
 * `fromSurveyJS(json)`: a SurveyJS survey definition as an Onair survey. Pages and their elements
 * (panels flattened into their questions, their conditions carried onto each), the question types
 * both have, `isRequired`, `visibleIf` / `enableIf` / `requiredIf`, `visible: false`, `readOnly`,
 * validators, choices with value and text, localized strings (`default` → en, `zh-cn` → zh-CN) and
 * visibility triggers (as `visibleIf`). Whatever cannot be carried — matrices, file uploads, custom
 * widgets, other triggers, other languages — is named in a warning with the path it was found at,
 * never dropped in silence. The answers that decide what shows stay the same values, so the same
 * answers show, hide, enable and require the same questions as SurveyJS would (test/parity.spec.ts).
 */

import type { ValidationIssue } from '@onair/core/validation.js';
import { ExpressionError } from '../model/expression.js';
import { SURVEY_LIMITS, type Survey, type Text } from '../model/schema.js';
import { unsafePattern, validateSurvey } from '../model/validate.js';
import { rewrite } from './rewrite.js';

export const IMPORT_WARNINGS = [
  'unsupported_type',
  'unsupported_property',
  'name_changed',
  'expression_unsupported',
  'expression_rewritten',
  'trigger_unsupported',
  'locale_dropped',
  'html_stripped',
  'text_truncated',
  'text_placeholder',
  'choices_truncated',
  'choice_dropped',
  'other_label',
  'none_item',
  'rating_as_choices',
  'rating_style',
  'boolean_labels',
  'input_type',
  'validator_unsupported',
  'error_text_dropped',
  'questions_truncated',
  'pages_truncated',
  'max_length_lowered',
  'title_missing',
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNINGS)[number];

export interface ImportWarning {
  code: ImportWarningCode;
  /** Where in the SurveyJS JSON: `pages[1].elements[0].choicesByUrl`. */
  path: string;
  message: string;
}

export type Imported = {
  warnings: ImportWarning[];
  /** The document as converted (what `survey` is when valid). */
  document: Record<string, unknown>;
  /** Each carried question's SurveyJS name, by its id here. */
  names: Record<string, string>;
} & ({ ok: true; survey: Survey } | { ok: false; issues: ValidationIssue[] });

type Json = Record<string, unknown>;
type Doc = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const own = (o: Json, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

const TYPES: Record<string, string> = {
  radiogroup: 'single',
  checkbox: 'multiple',
  tagbox: 'multiple',
  dropdown: 'dropdown',
  boolean: 'yesno',
  rating: 'rating',
  text: 'text',
  comment: 'longtext',
  ranking: 'ranking',
  html: 'info',
  imagepicker: 'single',
};
/** Properties that only change how SurveyJS lays a question out: nothing to carry. */
const LAYOUT = new Set(
  'colCount startWithNewLine hideNumber titleLocation descriptionLocation width minWidth maxWidth indent innerIndent state renderAs showNumber displayMode autoGenerate showClearButton allowClear textUpdateMode size rows autoGrow allowResize separateSpecialChoices swapOrder renderMode showTitle errorLocation inputSize rateColorMode scaleColorMode displayRateDescriptionsAsExtremeItems rateDisplayMode searchEnabled useDisplayValuesInDynamicTexts imageHeight imageWidth showLabel contentMode imageFit questionTitleLocation page'.split(
    ' ',
  ),
);
/** Properties this importer reads. */
const READ = new Set(
  'type name title description isRequired visibleIf enableIf requiredIf visible readOnly choices hasOther showOtherItem otherText hasNone showNoneItem noneText hasSelectAll showSelectAllItem minSelectedChoices maxSelectedChoices rateMin rateMax rateStep rateCount rateValues rateType minRateDescription maxRateDescription mininumRateDescription maximumRateDescription labelTrue labelFalse valueTrue valueFalse inputType maxLength placeholder placeHolder min max validators html multiSelect elements questions'.split(
    ' ',
  ),
);
const INPUTS = ['text', 'number', 'email', 'tel', 'url'];

interface Converted {
  doc: Doc;
  /** The SurveyJS name, lower-cased (expressions name questions in any case). */
  key: string;
  path: string;
  /** Conditions that must all hold, own and inherited from panels. */
  visible: string[];
  enable: string[];
  required?: string;
}

class Importer {
  readonly warnings: ImportWarning[] = [];
  readonly questions: Converted[] = [];
  private readonly locales = new Set<string>();

  warn(code: ImportWarningCode, path: string, message: string): void {
    this.warnings.push({ code, path, message });
  }

  /** A SurveyJS string or `{ default, "zh-cn", … }` as our text, within `max` characters. */
  text(value: unknown, path: string, max: number = SURVEY_LIMITS.title): Text | undefined {
    let out: Text | undefined;
    if (typeof value === 'string' || typeof value === 'number') out = this.cut(String(value), path, max);
    else if (isObject(value)) {
      const en = own(value, 'default') ?? own(value, 'en');
      const zh = own(value, 'zh-cn') ?? own(value, 'zh-CN');
      for (const locale of Object.keys(value))
        if (!['default', 'en', 'zh-cn', 'zh-CN'].includes(locale) && !this.locales.has(locale)) {
          this.locales.add(locale);
          this.warn('locale_dropped', path, `texts in "${locale}" are not carried (en and zh-CN are)`);
        }
      const first =
        typeof en === 'string'
          ? en
          : typeof zh === 'string'
            ? zh
            : Object.values(value).find((t) => typeof t === 'string');
      if (typeof en === 'string' && typeof zh === 'string')
        out = { en: this.cut(en, path, max), 'zh-CN': this.cut(zh, path, max) };
      else if (typeof first === 'string') out = this.cut(first, path, max);
    }
    const texts = typeof out === 'string' ? [out] : Object.values(out ?? {});
    if (texts.some((t) => /\{[^{}]+\}/.test(t)))
      this.warn('text_placeholder', path, 'placeholders such as {name} are shown as written, not filled in');
    return out === '' ? undefined : out;
  }

  private cut(text: string, path: string, max: number): string {
    const trimmed = text.trim();
    if (trimmed.length <= max) return trimmed;
    this.warn('text_truncated', path, `shortened to ${max} characters`);
    return `${trimmed.slice(0, max - 1)}…`;
  }

  /** Page `p`'s elements (panels flattened), each question with the panels' conditions on it. */
  elements(list: unknown, path: string, inherited: { visible: string[]; enable: string[] }): void {
    if (!Array.isArray(list)) return;
    list.forEach((element, i) => {
      const at = `${path}[${i}]`;
      if (!isObject(element)) return;
      const type = String(own(element, 'type') ?? '');
      const visible = [...inherited.visible, ...this.conditions(element, 'visible')];
      const enable = [...inherited.enable, ...this.conditions(element, 'enable')];
      if (type === 'panel') {
        if (own(element, 'isRequired') || own(element, 'requiredIf'))
          this.warn(
            'unsupported_property',
            at,
            'a required panel (one answer among its questions) is not carried',
          );
        const title = this.text(own(element, 'title'), `${at}.title`);
        if (title !== undefined)
          this.questions.push({
            doc: { type: 'info', title },
            key: `${String(own(element, 'name') ?? '')}\n`,
            path: at,
            visible,
            enable: [],
          });
        this.elements(own(element, 'elements') ?? own(element, 'questions'), `${at}.elements`, {
          visible,
          enable,
        });
        return;
      }
      const converted = this.question(element, TYPES[type], at);
      if (!converted) return;
      const requiredIf = own(element, 'requiredIf');
      this.questions.push({
        doc: converted,
        key: String(own(element, 'name') ?? '').toLowerCase(),
        path: at,
        visible,
        enable,
        ...(typeof requiredIf === 'string' && { required: requiredIf }),
      });
    });
  }

  /** An element's own `visibleIf` (or `visible: false`), or `enableIf` (or `readOnly`). */
  private conditions(element: Json, kind: 'visible' | 'enable'): string[] {
    const condition = own(element, `${kind}If`);
    if (typeof condition === 'string' && condition.trim()) return [condition];
    const off = kind === 'visible' ? own(element, 'visible') === false : own(element, 'readOnly') === true;
    return off ? ['false'] : [];
  }

  private question(e: Json, type: string | undefined, at: string): Doc | null {
    const sjType = String(own(e, 'type') ?? '');
    if (!type) {
      this.warn(
        'unsupported_type',
        at,
        `${sjType || 'untyped'} elements are not carried; "${String(own(e, 'name'))}" is left out`,
      );
      return null;
    }
    const name = String(own(e, 'name') ?? '');
    const doc: Doc = { id: name, type };
    if (type === 'info') {
      const html = own(e, 'html');
      const strip = (value: unknown) => (typeof value === 'string' ? stripHtml(value) : value);
      const plain = isObject(html)
        ? Object.fromEntries(Object.entries(html).map(([k, v]) => [k, strip(v)]))
        : strip(html);
      if (JSON.stringify(plain) !== JSON.stringify(html))
        this.warn('html_stripped', `${at}.html`, 'HTML is shown as plain text');
      const text = this.text(plain, `${at}.html`);
      if (text === undefined) {
        this.warn('unsupported_type', at, 'an html element without text is left out');
        return null;
      }
      doc['title'] = text;
      return doc;
    }
    doc['title'] =
      this.text(own(e, 'title'), `${at}.title`) ?? this.cut(name, `${at}.title`, SURVEY_LIMITS.title);
    const description = this.text(own(e, 'description'), `${at}.description`, SURVEY_LIMITS.description);
    if (description !== undefined) doc['description'] = description;
    if (own(e, 'isRequired') === true) doc['required'] = true;
    for (const [key, value] of Object.entries(e))
      if (!READ.has(key) && !LAYOUT.has(key))
        this.warn(
          key.endsWith('ErrorText')
            ? 'error_text_dropped'
            : key === 'choicesVisibleIf' || key === 'choicesEnableIf'
              ? 'choice_dropped'
              : 'unsupported_property',
          `${at}.${key}`,
          `${key} (${JSON.stringify(value)?.slice(0, 40)}) is not carried`,
        );
    if (sjType === 'imagepicker') {
      this.warn('unsupported_property', `${at}.choices`, 'images are not carried: the choices show as text');
      if (own(e, 'multiSelect') === true) doc['type'] = 'multiple';
    }
    if (['single', 'multiple', 'dropdown', 'ranking'].includes(type)) return this.choiceQuestion(e, doc, at);
    if (type === 'rating') return this.rating(e, doc, at);
    if (type === 'yesno') return this.yesNo(e, doc, at);
    return this.textQuestion(e, doc, at);
  }

  private choices(list: unknown, at: string): { value: string; label?: Text }[] {
    if (!Array.isArray(list)) return [];
    const out: { value: string; label?: Text }[] = [];
    list.forEach((item, i) => {
      let value: unknown = isObject(item) ? own(item, 'value') : item;
      let label: unknown = isObject(item) ? own(item, 'text') : undefined;
      if (typeof value === 'string' && value.includes('|') && label === undefined)
        [value, label] = [value.slice(0, value.indexOf('|')), value.slice(value.indexOf('|') + 1)];
      if (value === undefined || value === null || value === '') return;
      if (isObject(item))
        for (const key of Object.keys(item))
          if (!['value', 'text'].includes(key))
            this.warn('choice_dropped', `${at}[${i}].${key}`, `a choice's ${key} is not carried`);
      const text = this.text(label, `${at}[${i}].text`, SURVEY_LIMITS.label);
      out.push({
        value: String(value),
        ...(text !== undefined && text !== String(value) && { label: text }),
      });
    });
    return out;
  }

  private choiceQuestion(e: Json, doc: Doc, at: string): Doc | null {
    const choices = this.choices(own(e, 'choices'), `${at}.choices`);
    if (own(e, 'hasOther') === true || own(e, 'showOtherItem') === true) {
      doc['other'] = true;
      if (own(e, 'otherText') !== undefined)
        this.warn('other_label', `${at}.otherText`, 'the "Other" choice keeps its built-in label');
    }
    if (own(e, 'hasNone') === true || own(e, 'showNoneItem') === true) {
      this.warn('none_item', at, '"None" is carried as an ordinary choice (it does not clear the others)');
      choices.push({ value: 'none', label: this.text(own(e, 'noneText'), `${at}.noneText`) ?? 'None' });
    }
    if (own(e, 'hasSelectAll') === true || own(e, 'showSelectAllItem') === true)
      this.warn('unsupported_property', at, '"Select all" is not carried');
    const limit = SURVEY_LIMITS.choices - (doc['other'] ? 1 : 0);
    if (choices.length > limit) {
      this.warn(
        'choices_truncated',
        `${at}.choices`,
        `only the first ${limit} of ${choices.length} choices are carried`,
      );
      choices.length = limit;
    }
    if (choices.length + (doc['other'] ? 1 : 0) < 2) {
      this.warn(
        'unsupported_type',
        at,
        'a choice question needs two fixed choices (choices from a URL are not carried)',
      );
      return null;
    }
    doc['choices'] = choices;
    if (doc['type'] === 'multiple') {
      const [min, max] = [own(e, 'minSelectedChoices'), own(e, 'maxSelectedChoices')];
      if (typeof min === 'number' && min > 0) doc['minSelected'] = min;
      if (typeof max === 'number' && max > 0) doc['maxSelected'] = max;
    }
    this.validators(e, doc, at);
    return doc;
  }

  private rating(e: Json, doc: Doc, at: string): Doc | null {
    const rateValues = own(e, 'rateValues');
    const step = Number(own(e, 'rateStep') ?? 1);
    const min = Number(own(e, 'rateMin') ?? 1);
    const count = own(e, 'rateCount');
    const max = Number(own(e, 'rateMax') ?? (typeof count === 'number' ? min + (count - 1) * step : 5));
    const values =
      Array.isArray(rateValues) && rateValues.length ? this.choices(rateValues, `${at}.rateValues`) : null;
    const scale = values
      ? values.map((c) => Number(c.value))
      : Array.from({ length: Math.max(0, Math.floor((max - min) / step) + 1) }, (_, i) => min + i * step);
    const consecutive = scale.every((n, i) => Number.isInteger(n) && n === scale[0]! + i);
    if (
      !consecutive ||
      scale[0]! < 0 ||
      scale[0]! > 9 ||
      scale.length < 2 ||
      scale.length > 11 ||
      values?.some((c) => c.label)
    ) {
      this.warn(
        'rating_as_choices',
        at,
        'this scale is carried as a single-choice question with the same values',
      );
      return this.choiceQuestion({ choices: values ?? scale }, { ...doc, type: 'single' }, at);
    }
    if (scale[0] !== 1) doc['min'] = scale[0];
    if (scale.at(-1) !== 5) doc['max'] = scale.at(-1);
    const style = own(e, 'rateType');
    if (style === 'stars') doc['stars'] = true;
    else if (style !== undefined && style !== 'labels')
      this.warn('rating_style', `${at}.rateType`, `${String(style)} show as numbers`);
    for (const [to, keys] of [
      ['minLabel', ['minRateDescription', 'mininumRateDescription']],
      ['maxLabel', ['maxRateDescription', 'maximumRateDescription']],
    ] as const) {
      const key = keys.find((k) => own(e, k) !== undefined);
      const label = key && this.text(own(e, key), `${at}.${key}`, 40);
      if (label) doc[to] = label;
    }
    return doc;
  }

  private yesNo(e: Json, doc: Doc, at: string): Doc | null {
    const [yes, no] = [own(e, 'valueTrue'), own(e, 'valueFalse')];
    const labels = { yes: own(e, 'labelTrue'), no: own(e, 'labelFalse') };
    if (yes !== undefined || no !== undefined) {
      this.warn('boolean_labels', at, 'a yes/no question with its own values is carried as a single choice');
      return this.choiceQuestion(
        {
          choices: [
            { value: yes ?? true, text: labels.yes ?? 'Yes' },
            { value: no ?? false, text: labels.no ?? 'No' },
          ],
        },
        { ...doc, type: 'single' },
        at,
      );
    }
    if (labels.yes !== undefined || labels.no !== undefined)
      this.warn('boolean_labels', at, 'its own Yes / No labels are not carried; the built-in ones show');
    return doc;
  }

  private textQuestion(e: Json, doc: Doc, at: string): Doc | null {
    const input = own(e, 'inputType');
    if (doc['type'] === 'text' && typeof input === 'string' && input !== 'text') {
      if (INPUTS.includes(input)) doc['input'] = input;
      else this.warn('input_type', `${at}.inputType`, `${input} inputs are carried as plain text`);
    }
    const placeholder = this.text(
      own(e, 'placeholder') ?? own(e, 'placeHolder'),
      `${at}.placeholder`,
      SURVEY_LIMITS.label,
    );
    if (placeholder !== undefined && doc['type'] !== 'yesno') doc['placeholder'] = placeholder;
    const limit = doc['type'] === 'text' ? SURVEY_LIMITS.text : SURVEY_LIMITS.longtext;
    const maxLength = own(e, 'maxLength');
    if (typeof maxLength === 'number' && maxLength > 0) {
      if (maxLength > limit)
        this.warn('text_truncated', `${at}.maxLength`, `answers are limited to ${limit} characters`);
      doc['maxLength'] = Math.min(maxLength, limit);
    }
    if (doc['input'] === 'number')
      for (const key of ['min', 'max']) if (typeof own(e, key) === 'number') doc[key] = own(e, key);
    this.validators(e, doc, at);
    return doc;
  }

  private validators(e: Json, doc: Doc, at: string): void {
    const list = own(e, 'validators');
    if (!Array.isArray(list)) return;
    list.forEach((v, i) => {
      const path = `${at}.validators[${i}]`;
      if (!isObject(v)) return;
      const kind = own(v, 'type');
      const text = doc['type'] === 'text' || doc['type'] === 'longtext';
      if (own(v, 'text') !== undefined)
        this.warn('error_text_dropped', `${path}.text`, 'the built-in messages show');
      if (kind === 'email' && doc['type'] === 'text') doc['input'] = 'email';
      else if (kind === 'numeric' && doc['type'] === 'text') {
        doc['input'] = 'number';
        for (const [from, to] of [
          ['minValue', 'min'],
          ['maxValue', 'max'],
        ] as const)
          if (typeof own(v, from) === 'number') doc[to] = own(v, from);
      } else if (kind === 'text' && text) {
        for (const key of ['minLength', 'maxLength'] as const) {
          const n = own(v, key);
          if (typeof n === 'number' && n > 0)
            doc[key] = Math.min(n, doc['type'] === 'text' ? SURVEY_LIMITS.text : SURVEY_LIMITS.longtext);
        }
      } else if (kind === 'regex' && doc['type'] === 'text' && typeof own(v, 'regex') === 'string') {
        const why = unsafePattern(String(own(v, 'regex')));
        if (why) this.warn('validator_unsupported', path, `the pattern is not carried: ${why}`);
        else doc['pattern'] = own(v, 'regex');
      } else if (kind === 'answercount' && doc['type'] === 'multiple') {
        if (typeof own(v, 'minCount') === 'number') doc['minSelected'] = own(v, 'minCount');
        if (typeof own(v, 'maxCount') === 'number') doc['maxSelected'] = own(v, 'maxCount');
      } else
        this.warn(
          'validator_unsupported',
          path,
          `${String(kind)} validators are not carried on ${String(doc['type'])} questions`,
        );
    });
  }
}

/** Text of an HTML fragment, tags and entities read, never parsed as markup. */
export function stripHtml(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/h\d|\/li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** A valid id of our own for a SurveyJS name, or null when it cannot be one. */
function validName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= SURVEY_LIMITS.id &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what an id may not hold.
    !/[{}\u0000-\u001f]/.test(name) &&
    name === name.trim() &&
    !['__proto__', 'constructor', 'prototype'].includes(name)
  );
}

export function fromSurveyJS(json: unknown, options: { id?: string; title?: Text } = {}): Imported {
  const im = new Importer();
  const root: Json = isObject(json) ? json : {};
  const pagesKey = Array.isArray(own(root, 'pages')) ? 'pages' : null;
  const pages: Json[] = pagesKey
    ? (own(root, 'pages') as unknown[]).filter(isObject)
    : [{ elements: own(root, 'elements') ?? own(root, 'questions') }];
  const pageOf: number[] = [];
  const pageDocs = pages.map((page, p) => {
    const before = im.questions.length;
    const key = Array.isArray(own(page, 'elements')) ? 'elements' : 'questions';
    const at = pagesKey
      ? `pages[${p}].${key}`
      : Array.isArray(own(root, 'elements'))
        ? 'elements'
        : 'questions';
    im.elements(own(page, key), at, { visible: [], enable: [] });
    for (let i = before; i < im.questions.length; i++) pageOf.push(p);
    const doc: Doc = {};
    const title = im.text(own(page, 'title'), `pages[${p}].title`);
    if (title !== undefined) doc['title'] = title;
    const description = im.text(
      own(page, 'description'),
      `pages[${p}].description`,
      SURVEY_LIMITS.description,
    );
    if (description !== undefined) doc['description'] = description;
    return { doc, condition: own(page, 'visibleIf'), visibleFalse: own(page, 'visible') === false };
  });

  // Ids: the SurveyJS name when it is a valid, unique one; else a new one, and expressions follow.
  // Questions first, then the text blocks made of panel titles, so a panel never takes a name.
  const ids = new Map<string, string>();
  const names: Record<string, string> = {};
  const taken = new Set<string>();
  for (const info of [false, true])
    im.questions.forEach((q, i) => {
      if (q.key.endsWith('\n') !== info) return;
      const name = info ? q.key.slice(0, -1) : String(q.doc['id']);
      let id = validName(name) && !taken.has(name.toLowerCase()) ? name : '';
      if (!id) {
        for (let n = i + 1; !id || taken.has(id.toLowerCase()); n++) id = `${info ? 'text' : 'q'}${n}`;
        if (!info)
          im.warn(
            'name_changed',
            q.path,
            `"${name.slice(0, 80)}" is not a valid id here; the question is "${id}"`,
          );
      }
      taken.add(id.toLowerCase());
      // The id first, as a document reads best.
      const { id: _, ...rest } = q.doc;
      q.doc = { id, ...rest };
      if (info) return;
      names[id] = name;
      if (!ids.has(q.key)) ids.set(q.key, id);
    });

  triggers(im, own(root, 'triggers'));

  const resolve = (name: string) => ids.get(name) ?? null;
  const condition = (sources: string[], path: string): string | undefined => {
    const parts: string[] = [];
    for (const source of sources) {
      try {
        const { text, dropped } = rewrite(source, resolve);
        if (dropped.length)
          im.warn(
            'expression_rewritten',
            path,
            `{${dropped.join('}, {')}} ${dropped.length > 1 ? 'are' : 'is'} not carried and reads as empty`,
          );
        parts.push(text);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        im.warn('expression_unsupported', path, `"${source.slice(0, 80)}" is not carried: ${error.message}`);
      }
    }
    if (parts.length < 2) return parts[0];
    return parts.map((p) => `(${p})`).join(' and ');
  };
  for (const q of im.questions) {
    const visibleIf = condition(q.visible, `${q.path}.visibleIf`);
    if (visibleIf) q.doc['visibleIf'] = visibleIf;
    const enableIf = condition(q.enable, `${q.path}.enableIf`);
    if (enableIf) q.doc['enableIf'] = enableIf;
    const requiredIf = q.required !== undefined ? condition([q.required], `${q.path}.requiredIf`) : undefined;
    if (requiredIf) q.doc['requiredIf'] = requiredIf;
  }

  // Limits: at most 50 questions on at most 20 pages.
  if (im.questions.length > SURVEY_LIMITS.questions) {
    im.warn(
      'questions_truncated',
      '',
      `only the first ${SURVEY_LIMITS.questions} of ${im.questions.length} questions are carried`,
    );
    im.questions.length = SURVEY_LIMITS.questions;
  }
  let outPages = pageDocs
    .map((page, p) => {
      const visibleIf = page.visibleFalse
        ? 'false'
        : typeof page.condition === 'string'
          ? condition([page.condition], `pages[${p}].visibleIf`)
          : undefined;
      const questions = im.questions.filter((_, i) => pageOf[i] === p).map((q) => q.doc);
      return { ...page.doc, ...(visibleIf && { visibleIf }), questions };
    })
    .filter((page) => page.questions.length);
  if (outPages.length > SURVEY_LIMITS.pages) {
    im.warn(
      'pages_truncated',
      'pages',
      `only the first ${SURVEY_LIMITS.pages} of ${outPages.length} pages are carried`,
    );
    outPages = outPages.slice(0, SURVEY_LIMITS.pages);
  }

  const title = im.text(own(root, 'title'), 'title') ?? options.title;
  if (title === undefined) im.warn('title_missing', 'title', 'the survey has no title; "Survey" is used');
  const document: Doc = { id: options.id ?? 'surveyjs', title: title ?? 'Survey' };
  const description = im.text(own(root, 'description'), 'description', SURVEY_LIMITS.description);
  if (description !== undefined) document['description'] = description;
  const completed = own(root, 'completedHtml');
  if (completed !== undefined) {
    const plain = typeof completed === 'string' ? stripHtml(completed) : completed;
    if (plain !== completed)
      im.warn('html_stripped', 'completedHtml', 'the completion message is shown as plain text');
    const completion = im.text(plain, 'completedHtml', SURVEY_LIMITS.description);
    if (completion !== undefined) document['completion'] = completion;
  }
  for (const key of [
    'calculatedValues',
    'completedHtmlOnCondition',
    'cookieName',
    'maxTimeToFinish',
    'timeLimit',
    'firstPageIsStarted',
    'questionsOrder',
  ])
    if (own(root, key) !== undefined) im.warn('unsupported_property', key, `${key} is not carried`);
  document['pages'] = outPages;
  fitResponse(im, outPages);
  const valid = validateSurvey(document);
  return valid.ok
    ? { ok: true, survey: valid.value, document, names, warnings: im.warnings }
    : { ok: false, issues: valid.issues, document, names, warnings: im.warnings };
}

/** Visibility triggers become `visibleIf` (what they do, run when the answer changes); others are named. */
function triggers(im: Importer, list: unknown): void {
  if (!Array.isArray(list)) return;
  const signs: Record<string, string> = {
    equal: '=',
    notequal: '!=',
    greater: '>',
    less: '<',
    greaterorequal: '>=',
    lessorequal: '<=',
    contains: 'contains',
    notcontains: 'notcontains',
    anyof: 'anyof',
    allof: 'allof',
  };
  list.forEach((trigger, i) => {
    const path = `triggers[${i}]`;
    if (!isObject(trigger)) return;
    const kind = own(trigger, 'type');
    if (kind !== 'visible') {
      im.warn('trigger_unsupported', path, `${String(kind)} triggers are not carried`);
      return;
    }
    let expression = own(trigger, 'expression');
    if (typeof expression !== 'string') {
      const operator = String(own(trigger, 'operator') ?? 'equal');
      const value = own(trigger, 'value');
      const name = String(own(trigger, 'name') ?? '');
      if (operator === 'empty' || operator === 'notempty') expression = `{${name}} ${operator}`;
      else if (Object.hasOwn(signs, operator)) expression = `{${name}} ${signs[operator]} ${literal(value)}`;
      else {
        im.warn('trigger_unsupported', path, `the ${operator} operator is not carried`);
        return;
      }
    }
    const targets = own(trigger, 'questions');
    for (const target of Array.isArray(targets) ? targets : []) {
      const q = im.questions.find((c) => c.key === String(target).toLowerCase());
      if (!q) continue;
      // A trigger decides the question's visibility from then on, whatever `visible` said.
      q.visible = [...q.visible.filter((c) => c !== 'false'), expression as string];
    }
  });
}

function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${String(value ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")}'`;
}

/** Long-text answers without a limit are given one, so the largest response fits one frame. */
function fitResponse(im: Importer, pages: { questions: Doc[] }[]): void {
  const open = pages
    .flatMap((p) => p.questions)
    .filter((q) => q['type'] === 'longtext' && q['maxLength'] === undefined);
  const tooLarge = () => {
    const check = validateSurvey({ id: 'x', title: 'x', pages });
    return !check.ok && check.issues.some((issue) => issue.key.startsWith('response|'));
  };
  if (!open.length || !tooLarge()) return;
  let cap = 500;
  for (; cap > 100; cap = Math.floor(cap / 2)) {
    for (const q of open) q['maxLength'] = cap;
    if (!tooLarge()) break;
  }
  im.warn(
    'max_length_lowered',
    '',
    `long-text answers are limited to ${cap} characters so a response fits one message`,
  );
}
