// Names that reach an object's prototype are refused everywhere, by name, and change nothing.
import type { AckFrame, SnapshotFrame } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, POLL, startServer } from './helpers.js';

afterEach(closeAll);

describe('prototype keys', () => {
  it('refuses constructor, toString, __proto__ as options and payload keys, tally and voters unchanged', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, votesPerViewer: 5 });
    const viewer = await h.connect('r1');
    const refused: [Record<string, unknown> | string, string][] = [
      [{ poll: 'p1', choice: ['constructor'] }, 'reserved_key'],
      [{ poll: 'p1', choice: ['toString'] }, 'unknown_option'],
      [{ poll: 'p1', choice: ['valueOf'] }, 'unknown_option'],
      ['{"poll":"p1","choice":["red"],"__proto__":{"x":1}}', 'reserved_key'],
      ['{"poll":"p1","choice":["red"],"constructor":{"prototype":{"x":1}}}', 'reserved_key'],
    ];
    for (const [payload, code] of refused) {
      const key = `k-${Math.random()}`;
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      viewer.send(`{"t":"action","key":"${key}","name":"poll.vote","payload":${text}}`);
      const ack = await viewer.next<AckFrame>((f) => f.t === 'ack' && f.key === key);
      expect(ack, text).toMatchObject({ ok: false, error: { code } });
    }
    const room = (await h.ops('GET', '/v1/rooms/r1')).body;
    expect(room.state.polls.p1.tally).toEqual({ red: 0, blue: 0, green: 0 });
    expect(room.state.polls.p1.voters).toBe(0);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('refuses reserved ids in the URL, in bodies and in hello', async () => {
    const h = await startServer();
    expect((await h.ops('GET', '/v1/rooms/constructor')).body.error).toMatchObject({ code: 'invalid_room' });
    const body = await h.ops('POST', '/v1/rooms/r1/polls', '{"id":"p1","question":"Q?","__proto__":{}}');
    expect(body).toMatchObject({ status: 400, body: { error: { code: 'reserved_key', path: '__proto__' } } });
    const option = await h.ops('POST', '/v1/rooms/r1/polls', {
      ...POLL,
      options: [...POLL.options, { id: 'prototype', label: 'P' }],
    });
    expect(option).toMatchObject({
      status: 400,
      body: { error: { code: 'reserved_key', path: 'options[3].id' } },
    });
    const product = await h.ops('PUT', '/v1/rooms/r1/products/__proto__', {
      title: 'X',
      price: { amount: 1, currency: 'CNY' },
    });
    expect(product.status).toBe(400);
    const hello = await h.connect('constructor', null);
    hello.send({ t: 'hello', v: 1, room: 'constructor' });
    expect(await hello.next((f) => f.t === 'error')).toMatchObject({
      code: 'reserved_key',
      path: 'room',
      fatal: true,
    });
    const fine = await h.connect('r1');
    expect((fine.frames[0] as SnapshotFrame).state['polls']).toEqual({});
  });
});
