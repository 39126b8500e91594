import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeServerFrame, encodeFrame } from './codec.js';
import { MAX_FRAME_BYTES } from './frames.js';
import { splitState } from './split.js';

describe('decodeServerFrame', () => {
  it('accepts every well-formed frame type', () => {
    const frames = [
      {
        t: 'snapshot',
        room: 'r',
        version: 'v',
        seq: 0,
        state: { polls: { p: {} } },
        viewer: { id: 'x', mine: {} },
        now: 1,
      },
      {
        t: 'delta',
        room: 'r',
        version: 'v',
        seq: 1,
        changes: [{ coll: 'polls', id: 'p', value: null }],
        now: 1,
      },
      { t: 'ack', key: 'k', ok: true, result: {}, mine: { polls: { p: { count: 1 } } } },
      { t: 'ack', key: 'k', ok: false, error: { code: 'poll_closed', message: 'closed' } },
      { t: 'error', code: 'rate_limited', message: 'slow', fatal: false },
      { t: 'pong', now: 5 },
    ];
    for (const frame of frames) expect(decodeServerFrame(JSON.stringify(frame))).toEqual({ ok: true, frame });
  });

  it.each([
    ['{"t":', 'bad_json', undefined],
    [new Uint8Array([1]), 'bad_json', undefined],
    ['[1]', 'invalid_frame', undefined],
    ['{"t":"gift"}', 'unknown_type', 't'],
    ['{"t":"pong"}', 'invalid_frame', 'now'],
    ['{"t":"delta","room":"r","version":"v","seq":-1,"changes":[],"now":1}', 'invalid_frame', 'seq'],
    [
      '{"t":"delta","room":"r","version":"v","seq":1,"changes":[{"coll":"c","id":"i","value":7}],"now":1}',
      'invalid_frame',
      'changes[0].value',
    ],
    [
      '{"t":"snapshot","room":"r","version":"v","seq":0,"state":{"polls":[]},"viewer":{"id":"x","mine":{}},"now":1}',
      'invalid_frame',
      'state.polls',
    ],
    ['{"t":"ack","key":"k","ok":"yes"}', 'invalid_frame', 'ok'],
  ])('reports %s as %s', (text, code, path) => {
    const decoded = decodeServerFrame(text);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatchObject(path ? { code, path } : { code });
  });
});

describe('decodeClientFrame', () => {
  it('refuses another protocol version and keeps the key of a refused action', () => {
    expect(decodeClientFrame('{"t":"hello","v":2,"room":"r"}')).toMatchObject({
      ok: false,
      error: { code: 'unsupported_version', path: 'v' },
    });
    expect(decodeClientFrame('{"t":"action","key":"k1","name":"x","payload":[]}')).toMatchObject({
      ok: false,
      key: 'k1',
      error: { code: 'invalid_frame', path: 'payload' },
    });
  });

  it('refuses frames over the limit', () => {
    const text = JSON.stringify({
      t: 'action',
      key: 'k',
      name: 'x',
      payload: { s: 'x'.repeat(MAX_FRAME_BYTES) },
    });
    expect(decodeClientFrame(text)).toMatchObject({ ok: false, error: { code: 'frame_too_large' } });
  });
});

describe('encodeFrame', () => {
  it('counts UTF-8 bytes, not characters', () => {
    const fits = { t: 'action' as const, key: 'k', name: 'x', payload: { s: 'é'.repeat(8_000) } };
    const over = { t: 'action' as const, key: 'k', name: 'x', payload: { s: 'é'.repeat(8_200) } };
    expect(() => encodeFrame(fits)).not.toThrow();
    expect(() => encodeFrame(over)).toThrow(expect.objectContaining({ code: 'frame_too_large' }));
  });
});

describe('splitState', () => {
  it('names every collection in the first part, an empty one after a cut too', () => {
    const big = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`r${i}`, { text: 'x'.repeat(1000) }]),
    );
    const parts = splitState({ early: {}, big, late: {} });
    expect(parts.length).toBeGreaterThan(1);
    expect(Object.keys(parts[0]!).sort()).toEqual(['big', 'early', 'late']);
    const merged: Record<string, object> = {};
    for (const part of parts)
      for (const [coll, records] of Object.entries(part)) merged[coll] = { ...merged[coll], ...records };
    expect(merged).toEqual({ early: {}, big, late: {} });
  });
});
