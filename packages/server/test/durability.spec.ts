import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotFrame } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, credentialOf, OPS_TOKEN, POLL, startServer, TestClient, tempDir } from './helpers.js';

afterEach(closeAll);

const BIN = join(import.meta.dirname, '../bin/onair-server.js');

/** Starts the real CLI; resolves once it prints its listening line. */
function launch(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--db', db], {
    env: { ...process.env, ONAIR_OPS_TOKEN: OPS_TOKEN, ONAIR_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function ops(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: {
      authorization: `Bearer ${OPS_TOKEN}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

describe('durability', () => {
  it('an acked vote survives kill -9: tallies and own votes come back identical', async () => {
    const tmp = tempDir();
    const db = join(tmp.dir, 'nested', 'onair.db');
    try {
      const first = await launch(db);
      await ops(first.url, 'POST', '/v1/rooms/r1/polls?open=true', { ...POLL, votesPerViewer: 2 });
      const live = `${first.url.replace('http', 'ws')}/v1/live?room=r1`;
      const clients = await Promise.all(Array.from({ length: 6 }, () => TestClient.open(live)));
      for (const [i, c] of clients.entries())
        c.send({ t: 'hello', v: 1, room: 'r1', credential: credentialOf(`v${i}`) });
      const acks = await Promise.all(
        clients.flatMap((c, i) => [c.vote('p1', [POLL.options[i % 3]!.id]), c.vote('p1', ['red'])]),
      );
      expect(acks.every((a) => a.ok)).toBe(true);
      const before = (await ops(first.url, 'GET', '/v1/rooms/r1')).body;
      expect(before.state.polls.p1.tally).toEqual({ red: 8, blue: 2, green: 2 });
      for (const c of clients) c.ws.terminate();
      // No graceful shutdown: the process dies right after the last ack.
      first.child.kill('SIGKILL');
      await exited(first.child);

      const second = await launch(db);
      const after = (await ops(second.url, 'GET', '/v1/rooms/r1')).body;
      expect(after.state).toEqual(before.state);
      expect(after.version).toBe(before.version);
      const again = await TestClient.open(live.replace(/:\d+\//, `:${new URL(second.url).port}/`));
      again.send({ t: 'hello', v: 1, room: 'r1', credential: credentialOf('v1') });
      const snapshot = await again.next<SnapshotFrame>((f) => f.t === 'snapshot');
      expect(snapshot.viewer.mine.polls).toEqual({ p1: { choice: ['red'], count: 2 } });
      expect(snapshot.seq).toBeGreaterThanOrEqual(1);
      // A retry of an acked key after the restart still replays, still changes nothing.
      const replay = await again.vote('p1', ['green'], 'k-after-restart');
      expect(replay).toMatchObject({ ok: false, error: { code: 'already_voted' } });
      again.ws.terminate();
      second.child.kill('SIGTERM');
      expect(await exited(second.child)).toBe(0);
    } finally {
      tmp.remove();
    }
  });

  it('SIGTERM: flushes pending deltas, tells clients 1001, checkpoints and exits 0', async () => {
    const tmp = tempDir();
    const db = join(tmp.dir, 'onair.db');
    try {
      const server = await launch(db);
      await ops(server.url, 'POST', '/v1/rooms/r1/polls?open=true', POLL);
      const client = await TestClient.open(`${server.url.replace('http', 'ws')}/v1/live?room=r1`);
      client.send({ t: 'hello', v: 1, room: 'r1' });
      await client.next((f) => f.t === 'snapshot');
      await client.vote('p1', ['blue']);
      server.child.kill('SIGTERM');
      expect((await client.closed).code).toBe(1001);
      // The vote's delta was flushed before the close.
      expect(client.frames.some((f) => f.t === 'delta' && f.changes[0]?.value?.['voters'] === 1)).toBe(true);
      expect(await exited(server.child)).toBe(0);
      const wal = `${db}-wal`;
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    } finally {
      tmp.remove();
    }
  });

  it('in process: close() restarts cleanly on the same file with equal state', async () => {
    const tmp = tempDir();
    const db = join(tmp.dir, 'onair.db');
    try {
      const first = await startServer({ db });
      await first.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, allowChange: true });
      const viewer = await first.connect('r1', { viewer: 'a' });
      await viewer.vote('p1', ['red']);
      await viewer.vote('p1', ['green']);
      const before = (await first.ops('GET', '/v1/rooms/r1')).body;
      await first.close();
      expect((await fetch(`${first.url}/healthz`).catch(() => null))?.status ?? 0).not.toBe(200);
      const second = await startServer({ db });
      const after = (await second.ops('GET', '/v1/rooms/r1')).body;
      expect(after.state).toEqual(before.state);
      expect(after.seq).toBeGreaterThanOrEqual(before.seq);
      expect(after.version).toBe(before.version);
    } finally {
      tmp.remove();
    }
  });
});
