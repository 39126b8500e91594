/**
 * The survey expression language: the conditions SurveyJS authors write in `visibleIf`, `enableIf`
 * and `requiredIf` (`{q} = 'x'`, `{a} anyof ['x', 'y']`, `{n} notempty and {age} >= 18`), parsed
 * by hand into a tree and evaluated over the answers. Nothing is ever compiled to code (no `eval`,
 * no `Function`); sources are bounded in length, trees in depth, number literals in digits, and
 * answers are looked up as own properties only, so `{constructor}` finds nothing. Every refusal is
 * an `ExpressionError` with a stable `code` and the offset it points at.
 *
 * Values behave as in SurveyJS's own engine, which authors' surveys were written against: string
 * comparisons ignore case and surrounding spaces, numeric strings compare as numbers, a missing
 * answer is null, and `and` / `or` / arithmetic read an empty side as 0 or '' like it does.
 */

export const EXPRESSION_MAX = 1000;
export const DEPTH_MAX = 32;
const DIGITS_MAX = 15;

/** A parsed expression: constant, variable, array, unary or binary operation. */
export type Expr =
  | ['c', unknown]
  | ['v', string]
  | ['a', Expr[]]
  | ['u', string, Expr]
  | ['b', string, Expr, Expr];

export type ExpressionCode =
  | 'expression_too_long'
  | 'expression_too_deep'
  | 'expression_syntax'
  | 'expression_number'
  | 'expression_name'
  | 'expression_function';

export class ExpressionError extends Error {
  readonly code: ExpressionCode;
  /** Offset into the source the error points at. */
  readonly at: number;
  constructor(code: ExpressionCode, message: string, at: number) {
    super(message);
    this.name = 'ExpressionError';
    this.code = code;
    this.at = at;
  }
}

/** Binary operators by how they are written: [name, precedence]; higher binds tighter. */
const BINARY: Record<string, [string, number]> = {
  or: ['or', 1],
  '||': ['or', 1],
  and: ['and', 2],
  '&&': ['and', 2],
  '<=': ['lessorequal', 3],
  lessorequal: ['lessorequal', 3],
  '>=': ['greaterorequal', 3],
  greaterorequal: ['greaterorequal', 3],
  '=': ['equal', 3],
  '==': ['equal', 3],
  equal: ['equal', 3],
  '!=': ['notequal', 3],
  '<>': ['notequal', 3],
  notequal: ['notequal', 3],
  '<': ['less', 3],
  less: ['less', 3],
  '>': ['greater', 3],
  greater: ['greater', 3],
  '+': ['plus', 4],
  '-': ['minus', 4],
  '*': ['mul', 5],
  '/': ['div', 5],
  '%': ['mod', 5],
  '^': ['power', 6],
  power: ['power', 6],
  '*=': ['contains', 7],
  contains: ['contains', 7],
  contain: ['contains', 7],
  notcontains: ['notcontains', 7],
  notcontain: ['notcontains', 7],
  anyof: ['anyof', 7],
  allof: ['allof', 7],
};
/** Operators SurveyJS reads an empty side of as 0 or '' (its "arithmetic" operators). */
const ARITHMETIC = ['or', 'and', 'plus', 'minus', 'mul', 'div', 'mod', 'power'];
const RESERVED = ['__proto__', 'constructor', 'prototype'];

/** Tokens: variable, quoted string, number, word, operator or punctuation. */
const TOKEN =
  /\s*(?:\{([^{}]*)\}|'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|(0x[0-9a-f]+|\d+(?:\.\d+)?)|([a-z_]\w*)|(<=|>=|==|!=|<>|&&|\|\||\*=|[-+*/%^<>=!(),[\]]))/iy;

/** Parses `source`; throws `ExpressionError`. */
export function parseExpression(source: string): Expr {
  if (source.length > EXPRESSION_MAX)
    throw new ExpressionError(
      'expression_too_long',
      `an expression holds at most ${EXPRESSION_MAX} characters; this one has ${source.length}`,
      EXPRESSION_MAX,
    );
  let pos = 0;
  let depth = 0;
  // The current token: [kind, text, offset]; kind is the capture group that matched (0: end).
  let tok: [number, string, number] = [0, '', 0];
  const fail = (message: string, code: ExpressionCode = 'expression_syntax', at = tok[2]) => {
    throw new ExpressionError(code, `${message} at ${at}`, at);
  };
  const advance = () => {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(source);
    if (!m) {
      const rest = source.slice(pos);
      if (rest.trim()) fail(`unexpected "${rest.trim()[0]}"`, 'expression_syntax', pos + rest.search(/\S/));
      tok = [0, '', source.length];
      return;
    }
    pos = TOKEN.lastIndex;
    const kind = m.findIndex((group, i) => i > 0 && group !== undefined);
    tok = [kind, m[kind]!, m.index + m[0].length - m[0].trimStart().length];
  };
  const is = (text: string) => (tok[0] === 5 || tok[0] === 6) && tok[1].toLowerCase() === text;
  const expect = (text: string) => {
    if (!is(text)) fail(`expected "${text}"`);
    advance();
  };
  const deeper = () => {
    if (++depth > DEPTH_MAX) fail(`nested deeper than ${DEPTH_MAX}`, 'expression_too_deep');
  };

  const binary = (min: number): Expr => {
    let left = unary();
    for (;;) {
      const word = tok[0] === 5 || tok[0] === 6 ? tok[1].toLowerCase() : '';
      const op = Object.hasOwn(BINARY, word) ? BINARY[word]! : null;
      if (!op || op[1] < min) return left;
      advance();
      left = ['b', op[0], left, binary(op[1] + 1)];
    }
  };

  const unary = (): Expr => {
    if (is('!') || is('negate') || is('not')) {
      // `not` negates a whole comparison; `!` and `negate` the next operand, as in SurveyJS.
      const loose = is('not');
      advance();
      deeper();
      const operand = loose ? binary(3) : unary();
      depth--;
      return ['u', 'negate', operand];
    }
    let operand = primary();
    while (is('empty') || is('notempty')) {
      operand = ['u', tok[1].toLowerCase(), operand];
      advance();
    }
    return operand;
  };

  const primary = (): Expr => {
    const [kind, text, at] = tok;
    if (kind === 1) {
      const name = text.trim();
      if (!name || name.length > 128) fail('a variable name holds 1–128 characters', 'expression_name', at);
      if (RESERVED.includes(name.split('.')[0]!.toLowerCase()))
        fail(`"${name}" is a reserved name`, 'expression_name', at);
      advance();
      return ['v', name];
    }
    if (kind === 2 || kind === 3) {
      advance();
      return ['c', text.replace(/\\(['"])/g, '$1')];
    }
    if (kind === 4 || is('-')) {
      const negative = kind !== 4;
      if (negative) {
        advance();
        if (tok[0] !== 4) fail('expected a number after "-"');
      }
      const digits = tok[1];
      if (digits.replace(/^0x|\./gi, '').length > DIGITS_MAX)
        fail(`a number holds at most ${DIGITS_MAX} digits`, 'expression_number', tok[2]);
      advance();
      const value = /^0x/i.test(digits) ? Number.parseInt(digits, 16) : Number(digits);
      return ['c', negative ? -value : value];
    }
    if (kind === 5) {
      const word = text.toLowerCase();
      if (Object.hasOwn(BINARY, word) || ['empty', 'notempty', 'negate', 'not'].includes(word))
        fail(`expected a value, not "${text}"`);
      advance();
      if (is('(')) fail(`functions such as ${text}() are not supported`, 'expression_function', at);
      if (word === 'true' || word === 'false') return ['c', word === 'true'];
      if (word === 'null' || word === 'undefined') return ['c', null];
      return ['c', correct(text)];
    }
    if (is('(') || is('[')) {
      const array = is('[');
      advance();
      deeper();
      const items: Expr[] = [];
      if (array) {
        while (!is(']')) {
          if (items.length) expect(',');
          items.push(binary(1));
        }
      } else items.push(binary(1));
      expect(array ? ']' : ')');
      depth--;
      return array ? ['a', items] : items[0]!;
    }
    return fail(kind ? `unexpected "${text}"` : 'unexpected end');
  };

  advance();
  const tree = binary(1);
  if (tok[0]) fail(`unexpected "${tok[1]}"`);
  return tree;
}

/** The names of the answers an expression reads (`{q.length}` reads `q`). */
export function variables(expr: Expr, out: string[] = []): string[] {
  if (expr[0] === 'v') out.push(baseName(expr[1]));
  else if (expr[0] === 'a') for (const item of expr[1]) variables(item, out);
  else if (expr[0] === 'u') variables(expr[2], out);
  else if (expr[0] === 'b') {
    variables(expr[2], out);
    variables(expr[3], out);
  }
  return out;
}

/** `q` of `q.length`. */
export const baseName = (name: string) => name.replace(/\.length$/i, '');

/**
 * Evaluates `expr`; `get(name)` returns the answer to a question (undefined when unanswered),
 * looked up however the caller keys answers (surveys: case-insensitively, own properties only).
 */
export function evaluate(expr: Expr, get: (name: string) => unknown): unknown {
  switch (expr[0]) {
    case 'c':
      return expr[1];
    case 'v': {
      const name = expr[1];
      const base = baseName(name);
      const value = get(base);
      if (base !== name) return Array.isArray(value) || typeof value === 'string' ? value.length : 0;
      return value === undefined ? null : correct(value);
    }
    case 'a':
      return expr[1].map((item) => evaluate(item, get));
    case 'u': {
      const value = evaluate(expr[2], get);
      return expr[1] === 'negate' ? !value : isEmpty(value) === (expr[1] === 'empty');
    }
    default: {
      let a = evaluate(expr[2], get);
      let b = evaluate(expr[3], get);
      const op = expr[1];
      if (ARITHMETIC.includes(op)) {
        a = orEmpty(a, b);
        b = orEmpty(b, a);
      }
      return OPERATORS[op]!(a, b);
    }
  }
}

/** Whether a condition holds: its value loosely equals true, as SurveyJS decides. */
export function holds(expr: Expr, get: (name: string) => unknown): boolean {
  // biome-ignore lint/suspicious/noDoubleEquals: SurveyJS's own test; 1 and '1' hold, 'x' does not.
  return evaluate(expr, get) == true;
}

// ── Values as SurveyJS treats them ───────────────────────────────────────────

// biome-ignore lint/suspicious/noExplicitAny: operands are whatever answers hold; JS coercion is the rule.
type Any = any;

export function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return !value.length;
  if (value && typeof value === 'object' && value.constructor === Object)
    return Object.values(value).every(isEmpty);
  return !value && value !== 0 && value !== false;
}

/** A number read from a value, or NaN: `' 12 '` → 12, `'1,5'` → 1.5, `'12px'` → NaN. */
function toNumber(value: unknown): number {
  if (typeof value === 'string') {
    let text = value.trim();
    if (!text || (text.length > 15 && /^\d+$/.test(text))) return Number.NaN;
    if (/^0x/i.test(text)) return text.length > 32 ? Number.NaN : Number.parseInt(text, 16);
    if (/[*^/%]/.test(text) && text.lastIndexOf('-') < 1 && text.lastIndexOf('+') < 1) return Number.NaN;
    if (text.split(',').length === 2) text = text.replace(',', '.');
    return Number.isFinite(Number(text)) ? Number.parseFloat(text) : Number.NaN;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? Number(value) : Number.NaN;
}

/** A string answer as a value: 'true'/'false' are booleans, numeric strings numbers ('05' stays). */
function correct(value: unknown): unknown {
  if (typeof value !== 'string' || !value) return value;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  const n = toNumber(value);
  if (Number.isNaN(n)) return value;
  return value[0] === '0' && !/^0x/i.test(value) && value.length > 1 && !/^0[.,]/.test(value) ? value : n;
}

const convertible = (value: unknown) =>
  value !== undefined && value !== null && !Array.isArray(value) && !Number.isNaN(Number(value));

/** SurveyJS's equality: case- and space-insensitive strings, numbers across types, arrays as sets. */
export function equal(x: Any, y: Any): boolean {
  if (x === 'undefined') x = undefined;
  if (y === 'undefined') y = undefined;
  if (x === y) return true;
  if (
    (Array.isArray(x) && !x.length && y === undefined) ||
    (Array.isArray(y) && !y.length && x === undefined)
  )
    return true;
  if ((x == null && y === '') || (y == null && x === '')) return true;
  if (typeof x === 'string' && typeof y === 'string')
    return x.trim().toLowerCase() === y.trim().toLowerCase();
  if (
    convertible(x) &&
    convertible(y) &&
    // biome-ignore lint/correctness/useParseIntRadix: SurveyJS's own test, which reads '0x10' as 16.
    Number.parseInt(x) === Number.parseInt(y) &&
    Number.parseFloat(x) === Number.parseFloat(y)
  )
    return true;
  if (isEmpty(x) !== isEmpty(y)) return false;
  if (typeof x === 'boolean' && typeof y === 'string') return String(x) === y.toLowerCase();
  if (typeof y === 'boolean' && typeof x === 'string') return String(y) === x.toLowerCase();
  const xObject = x instanceof Object;
  const yObject = y instanceof Object;
  // biome-ignore lint/suspicious/noDoubleEquals: SurveyJS compares plain values loosely.
  if (!xObject && !yObject) return x == y;
  if (!xObject || !yObject) return false;
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) return false;
    const xs = [...x].sort();
    const ys = [...y].sort();
    return xs.every((item, i) => equal(item, ys[i]));
  }
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every((key) => Object.hasOwn(y, key) && equal(x[key], y[key]))
  );
}

function contains(left: Any, right: Any, wanted: boolean): boolean {
  if (Array.isArray(left) && !left.length) return !wanted;
  if (!left && left !== 0 && left !== false) return false;
  if (!left.length) left = String(left);
  if (typeof left === 'string') {
    if (!right) return false;
    return left.toLowerCase().includes(String(right).toLowerCase()) === wanted;
  }
  const items = Array.isArray(right) ? right : [right];
  for (const item of items) if (!(left as unknown[]).some((value) => equal(value, item))) return !wanted;
  return wanted;
}

/** How SurveyJS reads an empty side of an arithmetic or logical operator, given the other side. */
function orEmpty(value: unknown, other: unknown): unknown {
  if (!isEmpty(value)) return value;
  if (typeof other === 'number') return 0;
  if (typeof value === 'string') return value;
  if (typeof other === 'string') return '';
  return Array.isArray(other) ? [] : 0;
}

function decimals(value: unknown): number {
  const n = toNumber(value);
  return Number.isNaN(n) || Number.isInteger(n) ? 0 : (String(value).split('.')[1]?.length ?? 0);
}
const rounded = (res: number, digits: number) => (digits > 0 ? Number.parseFloat(res.toFixed(digits)) : res);

const greater = (a: Any, b: Any) => a != null && b != null && a > b;
const less = (a: Any, b: Any) => a != null && b != null && a < b;
const anyof = (a: Any, b: Any): boolean => {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (isEmpty(a)) return false;
  if (isEmpty(b)) return true;
  if (!Array.isArray(a)) return contains(b, a, true);
  if (!Array.isArray(b)) return contains(a, b, true);
  return b.some((item: unknown) => contains(a, item, true));
};

const OPERATORS: Record<string, (a: Any, b: Any) => unknown> = {
  or: (a, b) => a || b,
  and: (a, b) => a && b,
  plus(a, b) {
    if (Number.isNaN(toNumber(a)) || Number.isNaN(toNumber(b)))
      return Array.isArray(a) && Array.isArray(b) ? [...a, ...b] : a + b;
    return rounded(toNumber(a) + toNumber(b), Math.max(decimals(a), decimals(b)));
  },
  minus: (a, b) => rounded(a - b, Math.max(decimals(a), decimals(b))),
  mul: (a, b) => rounded(a * b, decimals(a) + decimals(b)),
  div: (a, b) => (b ? a / b : null),
  mod: (a, b) => (b ? a % b : null),
  power: (a, b) => a ** b,
  equal,
  notequal: (a, b) => !equal(a, b),
  greater,
  less,
  greaterorequal: (a, b) => equal(a, b) || greater(a, b),
  lessorequal: (a, b) => equal(a, b) || less(a, b),
  contains: (a, b) => contains(a, b, true),
  notcontains: (a, b) => (!a && !isEmpty(b)) || contains(a, b, false),
  anyof,
  allof: (a, b) => {
    if (!a && !isEmpty(b)) return false;
    if (!Array.isArray(b)) return contains(a, b, true);
    return b.every((item: unknown) => contains(a, item, true));
  },
};
