import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEPTH_MAX,
  EXPRESSION_MAX,
  ExpressionError,
  evaluate,
  holds,
  parseExpression,
  variables,
} from './expression.js';
import { lookup } from './logic.js';
import type { Answers } from './schema.js';

const run = (source: string, answers: Answers = {}) => holds(parseExpression(source), lookup(answers));
const value = (source: string, answers: Answers = {}) => evaluate(parseExpression(source), lookup(answers));

function refusal(source: string): { code: string; at: number; message: string } {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionError) return { code: error.code, at: error.at, message: error.message };
    throw error;
  }
  throw new Error(`"${source.slice(0, 40)}" parsed`);
}

describe('expressions: what SurveyJS authors write', () => {
  it.each<[string, Answers, boolean]>([
    ["{q} = 'x'", { q: 'x' }, true],
    ["{q} = 'X '", { q: 'x' }, true], // case and surrounding spaces do not matter
    ["{q} == 'y'", { q: 'x' }, false],
    ["{q} <> 'x'", { q: 'y' }, true],
    ["{q} != 'x'", {}, true],
    ['{n} > 3', { n: 4 }, true],
    ['{n} >= 4 and {n} <= 4', { n: 4 }, true],
    ["{n} < '10'", { n: 9 }, true], // a numeric string compares as a number
    ['{n} > 3', {}, false], // unanswered compares as nothing
    ['{n} = 5', { n: '5' }, true],
    ['{n} = 5', { n: '05' }, true],
    ['{a} = true', { a: true }, true],
    ["{a} = 'true'", { a: true }, true],
    ['{a} = false', {}, false],
    ["{m} contains 'x'", { m: ['x', 'y'] }, true],
    ["{m} contains 'X'", { m: ['x'] }, true],
    ["{m} notcontains 'z'", { m: ['x', 'y'] }, true],
    ["{t} contains 'ell'", { t: 'Hello' }, true],
    ["{m} anyof ['z', 'y']", { m: ['x', 'y'] }, true],
    ["{s} anyof ['z', 'y']", { s: 'y' }, true],
    ["{m} allof ['x', 'y']", { m: ['x', 'y', 'w'] }, true],
    ["{m} allof ['x', 'z']", { m: ['x', 'y'] }, false],
    ["{m} = ['y', 'x']", { m: ['x', 'y'] }, true], // as sets
    ['{q} empty', {}, true],
    ['{q} empty', { q: '' }, true],
    ['{m} empty', { m: [] }, true],
    ['{q} notempty', { q: 0 }, true],
    ['{q} notempty', { q: false }, true],
    ["not {q} = 'x'", { q: 'y' }, true],
    ["!({q} = 'x')", { q: 'x' }, false],
    ['{a} + {b} > 10', { a: 4, b: 7 }, true],
    ['{a} * 2 - 1 = 7', { a: 4 }, true],
    ['({a} + 1) * 2 = 10', { a: 4 }, true],
    ['2 ^ 3 = 8', {}, true],
    ['{a} % 2 = 1', { a: 7 }, true],
    ['({a} / 0) empty', { a: 7 }, true],
    ["{a} = 'x' or {b} = 'y' and {c} = 'z'", { a: 'x' }, true], // and binds tighter than or
    ["({a} = 'x' or {b} = 'y') and {c} = 'z'", { a: 'x' }, false],
    ['{m.length} > 1', { m: ['x', 'y'] }, true],
    ['{m.length} > 1', { m: ['x'] }, false],
    ['{Q} = 1', { q: 1 }, true], // names are matched regardless of case
    ['{a} = -1.5', { a: -1.5 }, true],
    ['{a} = 0x10', { a: 16 }, true],
    ['{a} = yes', { a: 'yes' }, true], // a bare word is a string
    ['{a} = null', {}, true],
    ['{q}', { q: 1 }, true], // a value holds when it loosely equals true
    ['{q}', { q: 'x' }, false],
    ["{a} = 'it\\'s'", { a: "it's" }, true],
    ['{a} = "x"', { a: 'x' }, true],
    ['{a} EQUAL 1 AND {b} GREATER 2', { a: 1, b: 3 }, true],
  ])('%s with %j is %s', (source, answers, expected) => {
    expect(run(source, answers)).toBe(expected);
  });

  it('evaluates arithmetic as SurveyJS does: decimals, empty sides, strings', () => {
    expect(value('{a} + {b}', { a: 0.1, b: 0.2 })).toBe(0.3);
    expect(value('{a} + 1', {})).toBe(1);
    expect(value("{a} + 'x'", { a: 'y' })).toBe('yx');
    expect(value('{a} * {b}', { a: 1.5, b: 2 })).toBe(3);
  });

  it('lists the questions an expression reads', () => {
    expect(variables(parseExpression("{a} = 1 and ({b.length} > 2 or not {c} anyof [{d}, 'x'])"))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('looks answers up as own properties only: Object.prototype names find nothing', () => {
    expect(value('{toString}', {})).toBe(null);
    expect(value('{hasOwnProperty} empty', {})).toBe(true);
    const answers = JSON.parse('{"__proto__": "x", "q": 1}') as Answers;
    expect(value('{q}', answers)).toBe(1);
  });

  it('is never compiled to code', () => {
    const source = readFileSync(new URL('./expression.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/\beval\s*\(|\bFunction\s*\(|new\s+Function/);
  });
});

describe('expressions: hostile input gets a named error, fast', () => {
  it('refuses a 100 KB expression without reading it', () => {
    const started = performance.now();
    const error = refusal(`{a} = 1 or ${'{a} = 1 or '.repeat(10_000)}{a} = 1`);
    expect(error.code).toBe('expression_too_long');
    expect(error.message).toContain(String(EXPRESSION_MAX));
    expect(performance.now() - started).toBeLessThan(50);
  });

  it.each([
    ['parentheses', `${'('.repeat(200)}1${')'.repeat(200)}`],
    ['arrays', `${'['.repeat(200)}1${']'.repeat(200)}`],
    ['negations', `${'!'.repeat(300)}{a}`],
    ['nots', `${'not '.repeat(100)}{a}`],
  ])('refuses nesting deeper than the limit: %s', (_, source) => {
    expect(refusal(source)).toMatchObject({ code: 'expression_too_deep' });
  });

  it('accepts nesting up to the limit', () => {
    expect(run(`${'('.repeat(DEPTH_MAX)}{a} = 1${')'.repeat(DEPTH_MAX)}`, { a: 1 })).toBe(true);
  });

  it('evaluates the longest allowed chain quickly', () => {
    const source = `{a} = 2${' or {a} = 2'.repeat(90)}`.slice(0, EXPRESSION_MAX);
    const started = performance.now();
    expect(run(source.replace(/ or [^o]*$/, ''), { a: 2 })).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it.each([
    ['1'.repeat(400), 'expression_number'],
    [`{a} = ${'9'.repeat(16)}`, 'expression_number'],
    [`{a} = 0x${'f'.repeat(20)}`, 'expression_number'],
    [`{a} = 1.${'0'.repeat(30)}1`, 'expression_number'],
    ['{__proto__} = 1', 'expression_name'],
    ['{constructor} empty', 'expression_name'],
    ['{prototype.length} > 0', 'expression_name'],
    ["{CONSTRUCTOR} = 'x'", 'expression_name'],
    [`{${'x'.repeat(200)}} = 1`, 'expression_name'],
    ['{} = 1', 'expression_name'],
    ['iif({a}, 1, 2)', 'expression_function'],
    ['constructor(1)', 'expression_function'],
    ['{a} =', 'expression_syntax'],
    ["{a} = 'x' or", 'expression_syntax'],
    ["'unterminated", 'expression_syntax'],
    ['{a} = 1)', 'expression_syntax'],
    ['({a} = 1', 'expression_syntax'],
    ['{a} # 1', 'expression_syntax'],
    ['{a} = -{b}', 'expression_syntax'],
    ['', 'expression_syntax'],
    ['and', 'expression_syntax'],
    ['{a} anyof [1,', 'expression_syntax'],
  ])('%s → %s', (source, code) => {
    expect(refusal(source).code).toBe(code);
  });

  it('says where the error is', () => {
    expect(refusal('{a} = 1 and # 2')).toMatchObject({ code: 'expression_syntax', at: 12 });
    expect(refusal('{a} = 1 and # 2').message).toMatch(/at 12$/);
  });

  it('keeps huge values finite and harmless at run time', () => {
    expect(value('{a} ^ {a} ^ {a}', { a: 999_999 })).toBe(Number.POSITIVE_INFINITY);
    // A 400-digit answer is not read as a number; JavaScript then compares it, as in SurveyJS.
    expect(value('{a}', { a: '9'.repeat(400) })).toBe('9'.repeat(400));
    expect(run('{a} > 1', { a: '9'.repeat(400) })).toBe(true);
    expect(value('{a} + {a}', { a: 'x'.repeat(2000) })).toHaveLength(4000);
  });
});
