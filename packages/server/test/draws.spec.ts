// Lucky draws and host-reported facts on the reference server's HTTP routes: the ops token on
// `POST …/chat`, `POST …/follows` and `POST …/draws`, bodies validated with the field named, a chat
// keyword reported over HTTP letting a viewer enter, and the reveal read back by a viewer.
import { afterEach, describe, expect, it } from 'vitest';
import { signViewerToken } from '../src/identity.js';
import { closeAll, startServer, VIEWER_SECRET } from './helpers.js';

afterEach(closeAll);

const token = (id: string) => signViewerToken(VIEWER_SECRET, id, Date.now() + 3_600_000);
const DRAW = {
  id: 'd1',
  prize: { name: '口红套装', image: 'https://cdn.example/p.png', quantity: 1 },
  conditions: [{ type: 'chat', keyword: 'GO' }, { type: 'follow' }],
  durationMs: 60_000,
};

describe('draws and host facts over HTTP', () => {
  it('takes chat and follows from the host with the ops token, and lets a viewer who did both enter', async () => {
    const h = await startServer({ viewerSecret: VIEWER_SECRET });
    expect((await h.ops('POST', '/v1/rooms/r1/draws', DRAW)).status).toBe(201);
    expect((await h.ops('POST', '/v1/rooms/r1/chat', { viewer: 'alice', text: 'go go' }, null)).status).toBe(
      401,
    );
    const bad = await h.ops('POST', '/v1/rooms/r1/chat', { viewer: 'alice', text: 'x'.repeat(501) });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_body', path: 'text' } } });
    const odd = await h.ops('POST', '/v1/rooms/r1/chat', { viewer: 'alice', text: 'hi', extra: 1 });
    expect(odd.status).toBe(400);
    const client = await h.connect('r1', { token: token('alice') });
    expect(await client.act('draw.enter', { draw: 'd1' })).toMatchObject({
      ok: false,
      error: { code: 'condition_unmet', path: 'conditions[0]' },
    });
    const said = await h.ops('POST', '/v1/rooms/r1/chat', { viewer: 'alice', text: "let's Go!" });
    expect(said).toMatchObject({ status: 201, body: { viewer: 'alice' } });
    expect(await client.act('draw.enter', { draw: 'd1' })).toMatchObject({
      ok: false,
      error: { code: 'condition_unmet', path: 'conditions[1]' },
    });
    expect((await h.ops('POST', '/v1/rooms/r1/follows', { viewer: 'alice' })).status).toBe(201);
    expect(await client.act('draw.enter', { draw: 'd1' })).toMatchObject({
      ok: true,
      result: { entrants: 1 },
    });

    const closed = await h.ops('POST', '/v1/rooms/r1/draws/d1/close');
    expect(closed).toMatchObject({
      status: 200,
      body: { draw: { status: 'revealed', winners: ['s:alice'] } },
    });
    expect(await client.act('draw.result', { draw: 'd1' })).toMatchObject({
      ok: true,
      result: { won: true },
    });
    const entrants = await h.ops('GET', '/v1/rooms/r1/draws/d1/entrants');
    expect(entrants).toMatchObject({ status: 200, body: { entrants: 1, eligible: 1, limited: 0 } });
    expect((await h.ops('DELETE', '/v1/rooms/r1/draws/d1')).status).toBe(200);
  });
});
