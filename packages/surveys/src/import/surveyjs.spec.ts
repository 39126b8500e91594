import { describe, expect, it } from 'vitest';
import { parseExpression } from '../model/expression.js';
import { stringify } from './rewrite.js';
import { fromSurveyJS, stripHtml } from './surveyjs.js';

function imported(json: object) {
  const result = fromSurveyJS(json, { id: 's1', title: 'Survey' });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}
const codes = (json: object) => fromSurveyJS(json).warnings.map((w) => `${w.code}@${w.path}`);

describe('fromSurveyJS', () => {
  it('carries pages, question types, requirements, conditions and localized texts', () => {
    const { survey, warnings } = imported({
      title: { default: 'Tonight', 'zh-cn': '今晚' },
      pages: [
        {
          name: 'p1',
          elements: [
            {
              type: 'radiogroup',
              name: 'drink',
              title: 'Drink?',
              isRequired: true,
              choices: ['tea', { value: 2, text: 'Coffee' }],
              showOtherItem: true,
            },
            { type: 'tagbox', name: 'snacks', choices: ['a', 'b', 'c'], maxSelectedChoices: 2 },
            { type: 'boolean', name: 'cold' },
            {
              type: 'rating',
              name: 'rate',
              rateMin: 0,
              rateMax: 10,
              rateType: 'stars',
              minRateDescription: 'No',
            },
            { type: 'comment', name: 'why', requiredIf: '{rate} < 5', enableIf: '{cold} = true' },
            { type: 'ranking', name: 'order', choices: ['x', 'y'] },
            {
              type: 'dropdown',
              name: 'size',
              choices: ['S|Small', 'L|Large'],
              visibleIf: "{drink} anyof ['tea', 2]",
            },
          ],
        },
      ],
    });
    expect(warnings).toEqual([]);
    expect(survey.title).toEqual({ en: 'Tonight', 'zh-CN': '今晚' });
    expect(survey.pages[0]!.questions).toEqual([
      {
        id: 'drink',
        type: 'single',
        title: 'Drink?',
        required: true,
        choices: [{ value: 'tea' }, { value: '2', label: 'Coffee' }],
        other: true,
      },
      {
        id: 'snacks',
        type: 'multiple',
        title: 'snacks',
        choices: [{ value: 'a' }, { value: 'b' }, { value: 'c' }],
        maxSelected: 2,
      },
      { id: 'cold', type: 'yesno', title: 'cold' },
      { id: 'rate', type: 'rating', title: 'rate', min: 0, max: 10, stars: true, minLabel: 'No' },
      { id: 'why', type: 'longtext', title: 'why', enableIf: '{cold} = true', requiredIf: '{rate} < 5' },
      { id: 'order', type: 'ranking', title: 'order', choices: [{ value: 'x' }, { value: 'y' }] },
      {
        id: 'size',
        type: 'dropdown',
        title: 'size',
        choices: [
          { value: 'S', label: 'Small' },
          { value: 'L', label: 'Large' },
        ],
        visibleIf: "{drink} anyof ['tea', 2]",
      },
    ]);
  });

  it('flattens panels: their title becomes a text block, their conditions go onto each question', () => {
    const { survey } = imported({
      elements: [
        { type: 'rating', name: 'sat' },
        {
          type: 'panel',
          name: 'help',
          title: 'Help us',
          visibleIf: '{sat} < 3',
          readOnly: true,
          elements: [{ type: 'text', name: 'what', visibleIf: '{sat} > 1' }],
        },
      ],
    });
    expect(survey.pages[0]!.questions.slice(1)).toEqual([
      { id: 'help', type: 'info', title: 'Help us', visibleIf: '{sat} < 3' },
      {
        id: 'what',
        type: 'text',
        title: 'what',
        visibleIf: '({sat} < 3) and ({sat} > 1)',
        enableIf: 'false',
      },
    ]);
  });

  it('renames what cannot be an id here, and the conditions follow; a question left out reads as empty', () => {
    const name = 'Were you seen within 15 minutes of your scheduled appointment time?';
    const { survey, names, warnings } = imported({
      elements: [
        { type: 'radiogroup', name, choices: ['yes', 'no'] },
        { type: 'matrix', name: 'grid', rows: ['a'], columns: ['b'] },
        { type: 'text', name: 'later', visibleIf: `{${name}} = 'no' or {grid} notempty` },
      ],
    });
    expect(survey.pages[0]!.questions.map((q) => q.id)).toEqual(['q1', 'later']);
    expect(names).toEqual({ q1: name, later: 'later' });
    expect(survey.pages[0]!.questions[1]!.visibleIf).toBe("{q1} = 'no' or null notempty");
    expect(warnings.map((w) => w.code)).toEqual(['unsupported_type', 'name_changed', 'expression_rewritten']);
    expect(warnings[0]!.message).toContain('matrix');
  });

  it('turns visibility triggers into conditions and names every other trigger', () => {
    const { survey, warnings } = imported({
      triggers: [
        { type: 'visible', name: 'use', operator: 'equal', value: "It's yes", questions: ['which'] },
        { type: 'complete', name: 'use', operator: 'equal', value: 'No' },
      ],
      elements: [
        { type: 'radiogroup', name: 'use', choices: ["It's yes", 'No'] },
        { type: 'checkbox', name: 'which', visible: false, choices: ['a', 'b'] },
      ],
    });
    expect(survey.pages[0]!.questions[1]!.visibleIf).toBe("{use} = 'It\\'s yes'");
    expect(warnings.map((w) => `${w.code}@${w.path}`)).toEqual(['trigger_unsupported@triggers[1]']);
  });

  it('maps validators, caps text, and keeps a response within one message', () => {
    const { survey, warnings } = imported({
      elements: [
        { type: 'text', name: 'mail', validators: [{ type: 'email' }] },
        {
          type: 'text',
          name: 'age',
          validators: [{ type: 'numeric', minValue: 18, maxValue: 99, text: 'Adults only' }],
        },
        {
          type: 'text',
          name: 'code',
          validators: [
            { type: 'regex', regex: '^\\d{6}$' },
            { type: 'regex', regex: '(a+)+' },
          ],
        },
        {
          type: 'checkbox',
          name: 'pick',
          choices: ['a', 'b', 'c'],
          validators: [{ type: 'answercount', minCount: 1, maxCount: 2 }],
        },
        ...Array.from({ length: 8 }, (_, i) => ({ type: 'comment', name: `c${i}` })),
        { type: 'text', name: 'long', maxLength: 5000 },
      ],
    });
    const q = survey.pages[0]!.questions;
    expect(q[0]).toMatchObject({ input: 'email' });
    expect(q[1]).toMatchObject({ input: 'number', min: 18, max: 99 });
    expect(q[2]).toMatchObject({ pattern: '^\\d{6}$' });
    expect(q[3]).toMatchObject({ minSelected: 1, maxSelected: 2 });
    expect(q[4]).toMatchObject({ maxLength: 250 });
    expect(q.at(-1)).toMatchObject({ maxLength: 200 });
    expect(warnings.map((w) => w.code)).toEqual([
      'error_text_dropped',
      'validator_unsupported',
      'text_truncated',
      'max_length_lowered',
    ]);
  });

  it('carries scales and yes/no values it cannot hold natively as single choices with the same values', () => {
    const { survey } = imported({
      elements: [
        { type: 'rating', name: 'r', rateValues: [{ value: 1, text: 'Barely' }, 2, 3] },
        { type: 'rating', name: 's', rateMin: 0, rateMax: 100, rateStep: 25 },
        { type: 'boolean', name: 'b', valueTrue: 'agree', valueFalse: 'disagree', labelTrue: 'Agree' },
      ],
    });
    expect(survey.pages[0]!.questions.map((q) => [q.type, q.choices?.map((c) => c.value)])).toEqual([
      ['single', ['1', '2', '3']],
      ['single', ['0', '25', '50', '75', '100']],
      ['single', ['agree', 'disagree']],
    ]);
  });

  it('names what it cannot carry, with the path it was found at', () => {
    expect(
      codes({
        locale: 'de',
        calculatedValues: [{ name: 'x', expression: '1' }],
        completedHtml: '<h3>Thanks, {name}!</h3>',
        pages: [
          {
            elements: [
              { type: 'file', name: 'photo' },
              { type: 'signaturepad', name: 'sign' },
              { type: 'paneldynamic', name: 'kids' },
              { type: 'expression', name: 'total' },
              {
                type: 'radiogroup',
                name: 'q',
                choices: ['a', 'b'],
                choicesVisibleIf: '{x} = 1',
                defaultValue: 'a',
                title: { de: 'Frage', default: 'Question' },
              },
              { type: 'dropdown', name: 'city', choicesByUrl: { url: 'https://x.test' } },
              { type: 'text', name: 't', visibleIf: 'iif({q} = 1, true, false)', inputType: 'date' },
            ],
          },
        ],
      }),
    ).toEqual([
      'unsupported_type@pages[0].elements[0]',
      'unsupported_type@pages[0].elements[1]',
      'unsupported_type@pages[0].elements[2]',
      'unsupported_type@pages[0].elements[3]',
      'locale_dropped@pages[0].elements[4].title',
      'choice_dropped@pages[0].elements[4].choicesVisibleIf',
      'unsupported_property@pages[0].elements[4].defaultValue',
      'unsupported_property@pages[0].elements[5].choicesByUrl',
      'unsupported_type@pages[0].elements[5]',
      'input_type@pages[0].elements[6].inputType',
      'expression_unsupported@pages[0].elements[6].visibleIf',
      'title_missing@title',
      'html_stripped@completedHtml',
      'text_placeholder@completedHtml',
      'unsupported_property@calculatedValues',
    ]);
  });

  it('reads HTML as text without ever parsing it as markup', () => {
    expect(stripHtml('<p>Hi <b>you</b> &amp; <script>alert(1)</script>me</p><p>Bye</p>')).toBe(
      'Hi you & alert(1)me\nBye',
    );
  });

  it('writes expressions its parser reads back the same, with the fewest parentheses', () => {
    for (const source of [
      "{a} = 'x' or {b} = 1 and not {c} empty",
      '({a} + 1) * 2 > {b} - (3 - 1)',
      "!({a} anyof ['x', 'y']) and {m.length} >= 2",
      "{a} = 'it\\'s'",
    ]) {
      const tree = parseExpression(source);
      expect(parseExpression(stringify(tree))).toEqual(tree);
    }
    expect(stringify(parseExpression('({a} = 1) or ({b} = 2)'))).toBe('{a} = 1 or {b} = 2');
  });
});
