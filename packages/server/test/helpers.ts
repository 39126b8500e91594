/** Test harness: a real server on a free loopback port, real `ws` clients, a movable clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AckFrame, ServerFrame } from '@onair/core/protocol.js';
import WebSocket from 'ws';
import { createServer, type OnairServer, type ServerOptions } from '../src/app.js';
import { publicId } from '../src/identity.js';

export const OPS_TOKEN = 'test-ops-token-0123456789';

/** The credential tests use for a named anonymous viewer, and that viewer's public id. */
export const credentialOf = (name: string) => `${name}-credential-0123456789`;
export const idOf = (name: string) => publicId(credentialOf(name));
export const VIEWER_SECRET = 'test-viewer-secret-0123456789';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies by paths they know.
export type Json = any;

export interface Harness {
  server: OnairServer;
  url: string;
  liveUrl: string;
  ops(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: Json }>;
  connect(room: string, hello?: Record<string, unknown> | null): Promise<TestClient>;
  close(): Promise<void>;
}

const open: Harness[] = [];

export async function startServer(options: Partial<ServerOptions> = {}): Promise<Harness> {
  const server = createServer({ opsToken: OPS_TOKEN, db: ':memory:', port: 0, ...options });
  const { url } = await server.listen();
  const liveUrl = `${url.replace('http', 'ws')}/v1/live`;
  const clients: TestClient[] = [];
  const harness: Harness = {
    server,
    url,
    liveUrl,
    async ops(method, path, body, token = OPS_TOKEN) {
      const headers: Record<string, string> = {};
      if (token !== null) headers['authorization'] = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async connect(room, hello = {}) {
      const client = await TestClient.open(`${liveUrl}?room=${room}`);
      clients.push(client);
      if (hello !== null) {
        // A named anonymous viewer (`{viewer: 'alice'}`) is the credential `credentialOf('alice')`.
        const { viewer, ...rest } = hello as { viewer?: string };
        const named = typeof viewer === 'string' ? { credential: credentialOf(viewer), ...rest } : rest;
        client.send({ t: 'hello', v: 1, room, ...named });
        await client.next((f) => f.t === 'snapshot' || f.t === 'error');
      }
      return client;
    },
    async close() {
      for (const client of clients) client.ws.terminate();
      await server.close();
    },
  };
  open.push(harness);
  return harness;
}

/** Closes every harness a test file started (call from `afterEach`). */
export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((h) => h.close()));
}

export class TestClient {
  readonly ws: WebSocket;
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly taken = new Set<number>();
  private waiters: (() => void)[] = [];

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        resolve({ code, reason: String(reason) });
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
  }

  static open(url: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const client = new TestClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first matching frame not taken by an earlier call, waiting for it if need be. */
  async next<F extends ServerFrame = ServerFrame>(
    match: (f: ServerFrame) => boolean,
    timeoutMs = 3_000,
  ): Promise<F> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = 0; i < this.frames.length; i++) {
        const frame = this.frames[i]!;
        if (!this.taken.has(i) && match(frame)) {
          this.taken.add(i);
          return frame as F;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.ws.readyState === WebSocket.CLOSED)
        throw new Error(
          `no matching frame; got ${JSON.stringify(this.frames.filter((_, i) => !this.taken.has(i))).slice(0, 500)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async act(name: string, payload: Record<string, unknown>, key = `k-${Math.random()}`): Promise<AckFrame> {
    this.send({ t: 'action', key, name, payload });
    return this.next<AckFrame>((f) => f.t === 'ack' && f.key === key);
  }

  vote(poll: string, choice: string[], key?: string): Promise<AckFrame> {
    return this.act('poll.vote', { poll, choice }, key);
  }

  /** Frames received so far of one type. */
  count(type: ServerFrame['t']): number {
    return this.frames.filter((f) => f.t === type).length;
  }
}

export { type FakeClock, fakeClock } from '../../../test/support/fake-clock.js';

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'onair-server-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const POLL = {
  id: 'p1',
  question: 'Which colour?',
  options: [
    { id: 'red', label: 'Red' },
    { id: 'blue', label: 'Blue' },
    { id: 'green', label: 'Green' },
  ],
};

export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
