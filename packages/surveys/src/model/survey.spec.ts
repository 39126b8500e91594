import { describe, expect, it } from 'vitest';
import { cell, responsesCsv } from './csv.js';
import { surveyIssue } from './issues.js';
import { answerError, responseError, settle, surveyState } from './logic.js';
import { answerMessage } from './messages.js';
import { addResponse, emptyResults, publicResults } from './results.js';
import type { Answers, Question, Survey } from './schema.js';
import { unsafePattern, validateSurvey } from './validate.js';

const base = { id: 's1', title: 'Tonight' };
const drink = {
  id: 'drink',
  type: 'single',
  title: 'Tea or coffee?',
  choices: ['tea', 'coffee'],
  other: true,
};

function valid(input: unknown): Survey {
  const result = validateSurvey(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

function firstIssue(input: unknown): { path: string; key: string } | undefined {
  const result = validateSurvey(input);
  return result.ok ? undefined : result.issues[0];
}

/** Three pages: a branch on the first answer, a page that shows only on that branch. */
const branching = valid({
  ...base,
  pages: [
    { id: 'p1', questions: [drink, { id: 'rate', type: 'rating', title: 'Rate us', required: true }] },
    {
      id: 'p2',
      visibleIf: "{drink} = 'tea'",
      questions: [{ id: 'leaf', type: 'dropdown', title: 'Which leaf?', choices: ['green', 'black'] }],
    },
    {
      id: 'p3',
      questions: [
        { id: 'why', type: 'longtext', title: 'Why?', visibleIf: '{rate} < 3', requiredIf: '{rate} < 2' },
        {
          id: 'more',
          type: 'multiple',
          title: 'More?',
          choices: ['a', 'b', 'c'],
          minSelected: 1,
          maxSelected: 2,
        },
        {
          id: 'order',
          type: 'ranking',
          title: 'Order',
          choices: ['x', 'y', 'z'],
          enableIf: '{more} notempty',
        },
        { id: 'mail', type: 'text', title: 'Email', input: 'email', visibleIf: '{leaf} = green' },
      ],
    },
  ],
});

describe('validateSurvey: the document', () => {
  it('accepts a one-page survey of questions and stores it as pages, choices as objects', () => {
    const survey = valid({ ...base, questions: [drink] });
    expect(survey).toMatchObject({ identity: 'anonymous', results: false });
    expect(survey.pages).toHaveLength(1);
    expect(survey.pages[0]!.questions[0]!.choices).toEqual([{ value: 'tea' }, { value: 'coffee' }]);
  });

  it('takes text in either or both languages', () => {
    const survey = valid({ ...base, title: { en: 'Tonight', 'zh-CN': '今晚' }, questions: [drink] });
    expect(survey.title).toEqual({ en: 'Tonight', 'zh-CN': '今晚' });
  });

  it.each<[string, unknown, string, string]>([
    ['no pages', { ...base }, 'pages', 'required'],
    [
      'pages and questions',
      { ...base, questions: [drink], pages: [{ questions: [drink] }] },
      'questions',
      'unknown',
    ],
    ['an unknown type', { ...base, questions: [{ ...drink, type: 'matrix' }] }, 'questions[0].type', 'oneOf'],
    [
      'missing choices',
      { ...base, questions: [{ id: 'q', type: 'single', title: 'Q' }] },
      'questions[0].choices',
      'required',
    ],
    [
      'a field of another type',
      { ...base, questions: [{ ...drink, stars: true }] },
      'questions[0].stars',
      'field|single',
    ],
    [
      'duplicate ids, any case',
      { ...base, questions: [drink, { ...drink, id: 'DRINK' }] },
      'questions[1].id',
      'unique',
    ],
    [
      'duplicate choices',
      { ...base, questions: [{ ...drink, choices: ['tea', 'tea'] }] },
      'questions[0].choices[1].value',
      'unique',
    ],
    [
      '"other" as a choice with other',
      { ...base, questions: [{ ...drink, choices: ['tea', 'other'] }] },
      'questions[0].choices[1].value',
      'unique',
    ],
    ['a reserved id', { ...base, questions: [{ ...drink, id: '__proto__' }] }, 'questions[0].id', 'reserved'],
    ['braces in an id', { ...base, questions: [{ ...drink, id: 'a{b}' }] }, 'questions[0].id', 'name|64'],
    ['an empty localized text', { ...base, title: {} }, 'title', 'localized|200'],
    ['a localized text in another language', { ...base, title: { fr: 'Ce soir' } }, 'title', 'localized|200'],
    [
      'a broken expression',
      { ...base, questions: [{ ...drink, visibleIf: "{drink} = 'x' or" }] },
      'questions[0].visibleIf',
      'expression|',
    ],
    [
      'an expression naming no question',
      { ...base, questions: [{ ...drink, visibleIf: '{dirnk} = 1' }] },
      'questions[0].visibleIf',
      'unknown_question|dirnk',
    ],
    [
      'a page condition naming no question',
      { ...base, pages: [{ visibleIf: '{x} empty', questions: [drink] }] },
      'pages[0].visibleIf',
      'unknown_question|x',
    ],
    [
      'maxSelected over the choices',
      { ...base, questions: [{ ...drink, type: 'multiple', maxSelected: 4 }] },
      'questions[0].maxSelected',
      'int|1|3',
    ],
    [
      'minSelected over maxSelected',
      { ...base, questions: [{ ...drink, type: 'multiple', minSelected: 3, maxSelected: 2 }] },
      'questions[0].minSelected',
      'int|1|2',
    ],
    [
      'a rating over 10 points',
      { ...base, questions: [{ id: 'r', type: 'rating', title: 'R', max: 11 }] },
      'questions[0].max',
      'int|2|10',
    ],
    [
      'a range on plain text',
      { ...base, questions: [{ id: 't', type: 'text', title: 'T', min: 1 }] },
      'questions[0].min',
      'field|number',
    ],
    [
      'a long text over its limit',
      { ...base, questions: [{ id: 't', type: 'longtext', title: 'T', maxLength: 5000 }] },
      'questions[0].maxLength',
      'int|1|2000',
    ],
    [
      'an unsafe pattern',
      { ...base, questions: [{ id: 't', type: 'text', title: 'T', pattern: '^(a+)+$' }] },
      'questions[0].pattern',
      'pattern|',
    ],
    [
      'too large a response',
      {
        ...base,
        questions: Array.from({ length: 4 }, (_, i) => ({
          id: `t${i}`,
          type: 'longtext',
          title: 'T',
          maxLength: 2000,
        })),
      },
      'questions[2]',
      'response|14000',
    ],
    [
      'too many questions',
      {
        ...base,
        pages: Array.from({ length: 3 }, (_, p) => ({
          questions: Array.from({ length: 20 }, (_, i) => ({ id: `q${p}-${i}`, type: 'yesno', title: 'Q' })),
        })),
      },
      'pages[2].questions[10]',
      'questions|50',
    ],
  ])('refuses %s, naming the field', (_, input, path, key) => {
    const issue = firstIssue(input);
    expect(issue?.path).toBe(path);
    expect(issue?.key.startsWith(key)).toBe(true);
  });

  it('words every issue in both languages', () => {
    expect(surveyIssue('unknown_question|dirnk')).toBe(
      'the expression names {dirnk}, which is not a question',
    );
    expect(surveyIssue('unknown_question|dirnk', 'zh-CN')).toBe('表达式引用的 {dirnk} 不是题目');
    expect(surveyIssue('text|1|200', 'zh-CN')).toBe('应为 1–200 个字符的文本');
    expect(answerMessage('maxSelected|2')).toBe('Pick at most 2.');
    expect(answerMessage('maxSelected|2', 'zh-CN')).toBe('最多选择 2 项。');
  });

  it.each([
    ['^\\d{6}$', null],
    ['^[A-Z]{2}\\d+$', null],
    ['^\\+?[0-9 ()-]{7,20}$', null],
    ['^(\\d{3})-(\\d{4})$', null],
    ['(a+)+', 'a quantified group holds a quantifier or alternatives'],
    ['((ab)*c)+', 'a quantified group holds a quantifier or alternatives'],
    ['(a|aa)*', 'a quantified group holds a quantifier or alternatives'],
    ['(x)\\1', 'backreference or lookaround'],
    ['(?=a)a', 'backreference or lookaround'],
    ['a*b*c*d*', 'more than three unbounded quantifiers'],
    ['[', 'invalid'],
  ])('pattern %s: %s', (pattern, why) => {
    expect(unsafePattern(pattern)).toBe(why);
  });
});

describe('survey logic', () => {
  const state = (answers: Answers) => surveyState(branching, answers);

  it('shows a page and its questions by their conditions, and skips a page with none showing', () => {
    expect(state({}).pages).toEqual([true, false, true]);
    expect(state({ drink: 'tea' }).pages).toEqual([true, true, true]);
    expect(state({ rate: 4 }).questions['why']).toEqual({ shown: false, enabled: true, required: false });
    expect(state({ rate: 1 }).questions['why']).toEqual({ shown: true, enabled: true, required: true });
    expect(state({}).questions['order']!.enabled).toBe(false);
    expect(state({ more: ['a'] }).questions['order']!.enabled).toBe(true);
  });

  it('keeps only answers to questions that show, until hiding one hides no other', () => {
    // Coffee hides the leaf page; without a leaf, the email question hides too.
    const kept = settle(
      branching,
      { drink: 'coffee', leaf: 'green', mail: 'a@b.co', rate: 5 },
      { drink: 'x' },
    );
    expect(kept).toEqual({ answers: { drink: 'coffee', rate: 5 }, other: {} });
    expect(settle(branching, { drink: 'other', rate: 5 }, { drink: 'Water' }).other).toEqual({
      drink: 'Water',
    });
  });

  const q = (id: string): Question => branching.pages.flatMap((p) => p.questions).find((x) => x.id === id)!;
  const open = { shown: true, enabled: true, required: false };
  it.each<[string, Answers[string] | undefined, string | undefined, string | null]>([
    ['rate', undefined, undefined, null],
    ['drink', 'tea', undefined, null],
    ['drink', 'milk', undefined, 'choice'],
    ['drink', 'other', undefined, 'otherText'],
    ['drink', 'other', '  ', 'otherText'],
    ['drink', 'other', 'Water', null],
    ['more', [], undefined, null],
    ['more', ['a', 'b', 'c'], undefined, 'maxSelected|2'],
    ['more', ['a', 'a'], undefined, 'choice'],
    ['order', ['x', 'y'], undefined, 'rank'],
    ['order', ['z', 'x', 'y'], undefined, null],
    ['rate', 6, undefined, 'choice'],
    ['rate', 2.5, undefined, 'choice'],
    ['mail', 'nope', undefined, 'email'],
    ['why', 'x'.repeat(1001), undefined, 'maxLength|1000'],
    ['why', 3, undefined, 'type'],
  ])('%s = %j (other %j) → %s', (id, value, other, key) => {
    expect(answerError(q(id), value, other, open)).toBe(key);
  });

  it('requires a required question only while it is enabled', () => {
    expect(answerError(q('rate'), undefined, undefined, { shown: true, enabled: true, required: true })).toBe(
      'required',
    );
    expect(
      answerError(q('rate'), undefined, undefined, { shown: true, enabled: false, required: true }),
    ).toBe(null);
  });

  it('names the first answer at fault in a response', () => {
    expect(responseError(branching, { rate: 4 }, {})).toBe(null);
    expect(responseError(branching, {}, {})).toEqual({ path: 'answers.rate', key: 'required' });
    expect(responseError(branching, { rate: 4, leaf: 'green' }, {})).toEqual({
      path: 'answers.leaf',
      key: 'hidden',
    });
    expect(responseError(branching, { rate: 4, nope: 1 }, {})).toEqual({
      path: 'answers.nope',
      key: 'unknown',
    });
    expect(responseError(branching, { rate: 4, drink: 'other' }, {})).toEqual({
      path: 'other.drink',
      key: 'otherText',
    });
    expect(responseError(branching, { rate: 4, drink: 'tea' }, { drink: 'x' })).toEqual({
      path: 'other.drink',
      key: 'unknown',
    });
    expect(responseError(branching, { rate: 1 }, {})).toEqual({ path: 'answers.why', key: 'required' });
  });
});

describe('results and export', () => {
  it('counts choices, ratings, yes/no and rank positions, never text', () => {
    let results = emptyResults(branching, false);
    results = addResponse(results, branching, {
      drink: 'other',
      rate: 5,
      more: ['a', 'c'],
      order: ['z', 'x', 'y'],
      why: 'secret',
    });
    results = addResponse(results, branching, { drink: 'tea', rate: 5, more: ['a'] });
    expect(results.responses).toBe(2);
    expect(results.questions['drink']).toEqual({ n: 2, counts: [1, 0, 1] });
    expect(results.questions['rate']).toEqual({ n: 2, counts: [0, 0, 0, 0, 2] });
    expect(results.questions['more']).toEqual({ n: 2, counts: [2, 0, 1] });
    expect(results.questions['order']).toEqual({ n: 1, counts: [2, 3, 1] });
    expect(results.questions['why']).toEqual({ n: 1 });
    expect(JSON.stringify(results)).not.toContain('secret');
    expect(publicResults(results)).toEqual({ id: 's1', shown: false });
    expect(publicResults({ ...results, shown: true })).toEqual({ ...results, shown: true });
  });

  it('writes CSV a spreadsheet cannot run: formulas defused, quotes doubled', () => {
    expect(cell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(cell('+1+2')).toBe("'+1+2");
    expect(cell('-2+3')).toBe("'-2+3");
    expect(cell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cell('\tx')).toBe("'\tx");
    expect(cell(-5)).toBe('-5');
    expect(cell('a,b\nc')).toBe('"a,b\nc"');
    const csv = responsesCsv(branching, [
      {
        response: 'r1',
        at: 0,
        answers: { drink: 'other', more: ['a', 'c'], why: '=1+1' },
        other: { drink: '@me' },
      },
    ]);
    expect(csv.split('\r\n')[0]).toBe(
      'response,submitted_at,drink,drink (other),rate,leaf,why,more,order,mail',
    );
    expect(csv.split('\r\n')[1]).toBe("r1,1970-01-01T00:00:00.000Z,other,'@me,,,'=1+1,a; c,,");
  });
});
