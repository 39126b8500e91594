import { expect, it, describe as suite } from 'vitest';
import { describe, formatIssue, httpUrl, id, int, list, parse, strict, text } from './index.js';

const schema = strict({
  id: id(8),
  count: int(1, 5),
  options: list(strict({ label: text(1, 25) }), 2, 3),
  link: httpUrl(),
});
const good = { id: 'p1', count: 2, options: [{ label: 'A' }, { label: 'B' }], link: 'https://x.test/a' };

suite('parse', () => {
  it('accepts a valid value and trims strings', () => {
    const result = parse(schema, { ...good, options: [{ label: '  A ' }, { label: 'B' }] });
    expect(result).toEqual({ ok: true, value: { ...good, options: [{ label: 'A' }, { label: 'B' }] } });
  });

  it.each([
    [
      { ...good, options: [{ label: 'A' }, { label: 'B' }, { label: 'x'.repeat(26) }] },
      'options[2].label: expected a string of 1–25 characters',
    ],
    [{ ...good, options: [{ label: 'A' }] }, 'options: expected a list of 2–3 items'],
    [{ ...good, count: 2.5 }, 'count: expected a whole number from 1 to 5'],
    [{ ...good, count: '2' }, 'count: expected a whole number from 1 to 5'],
    [{ ...good, id: 'bad id!' }, "id: expected an id of 1–8 letters, digits, '-' or '_'"],
    [{ ...good, link: 'javascript:alert(1)' }, 'link: expected an http(s) URL'],
    [{ ...good, link: '/relative' }, 'link: expected an http(s) URL'],
    [{ ...good, extra: 1 }, 'extra: unknown field'],
    [{ count: 1, options: good.options, link: good.link }, 'id: is required'],
    ['nope', 'expected an object'],
  ])('names the field: %j', (input, message) => {
    const result = parse(schema, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatIssue(result.issues[0]!)).toBe(message);
  });

  it('speaks Chinese when asked', () => {
    expect(describe('text|1|25', 'zh-CN')).toBe('应为 1–25 个字符的文本');
    expect(describe('unknown', 'zh-CN')).toBe('未知字段');
    expect(describe('some valibot text', 'zh-CN')).toBe('some valibot text');
  });
});
