// `pnpm dev`'s crowd as it runs there — the real `onair-server` CLI, scripts/dev-seed.js (the demo
// room's first start, a survey, 60 simulated viewers with their pages' telemetry at the default
// pace) — fills every section of the Stats API, so every chart of the console, within a minute.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emptySections } from '../../packages/server/test/stats-sections.js';
import { OPS_TOKEN, ServerProcess } from './support/server-process.js';

const server = new ServerProcess();
beforeAll(() => server.start());
afterAll(() => server.dispose());

it('fills every dashboard section within a minute of the seed', async () => {
  const started = Date.now();
  await new Promise<void>((done, fail) => {
    const seed = spawn(process.execPath, [resolve(import.meta.dirname, '../../scripts/dev-seed.js')], {
      stdio: 'inherit',
      env: { ...process.env, ONAIR_SERVER: server.url, ONAIR_ROOM: 'demo', ONAIR_OPS_TOKEN: OPS_TOKEN },
    });
    seed.on('exit', (code) => (code === 0 ? done() : fail(new Error(`dev-seed exited with ${code}`))));
  });
  const room = (await server.ops('GET', '/v1/rooms/demo')).body as { crowd: { telemetry: object | null } };
  expect(room.crowd.telemetry).toMatchObject({ stepsPerSecond: 20 });
  const from = Math.floor(started / 60_000) * 60_000;
  let left = ['(not asked yet)'];
  while (left.length > 0 && Date.now() - started < 60_000) {
    await new Promise((done) => setTimeout(done, 3000));
    const res = await server.ops('GET', `/v1/stats/rooms/demo?from=${from}&to=${from + 5 * 60_000}`);
    expect(res.status).toBe(200);
    left = emptySections(res.body);
  }
  expect(left, 'sections still empty a minute after pnpm dev seeded the room').toEqual([]);
}, 90_000);
