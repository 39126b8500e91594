/**
 * The real `onair-server` in a child process, for tests and benches that measure what the server
 * holds: its resident memory is its own, not mixed with the clients'. Also sockets that connect and
 * then stop reading, the way a stalled or hostile client does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

export const CHILD_OPS_TOKEN = 'child-ops-token-0123456789';

export interface ChildServer {
  url: string;
  liveUrl: string;
  pid: number;
  /** Resident set size, bytes. */
  rss(): number;
  health(): Promise<{ connections: number; rooms: number }>;
  ops(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

const BIN = join(import.meta.dirname, '../bin/onair-server.js');

export async function startChildServer(args: string[] = []): Promise<ChildServer> {
  const dir = mkdtempSync(join(tmpdir(), 'onair-child-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, '--port', '0', '--db', join(dir, 'onair.db'), ...args],
    {
      env: { ...process.env, ONAIR_OPS_TOKEN: CHILD_OPS_TOKEN, ONAIR_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`onair-server exited with ${code}: ${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    liveUrl: `${url.replace('http', 'ws')}/v1/live`,
    pid: child.pid!,
    rss() {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      return Number(kb) * 1024;
    },
    async health() {
      return (await (await fetch(`${url}/healthz`)).json()) as { connections: number; rooms: number };
    },
    async ops(method, path, body) {
      const res = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${CHILD_OPS_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A connection that said hello and then stopped reading: the server can only queue for it. */
export async function stalledSocket(
  liveUrl: string,
  room: string,
  headers: Record<string, string> = {},
): Promise<WebSocket> {
  const ws = new WebSocket(`${liveUrl}?room=${room}`, { headers });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('error', () => {}); // the server cutting it off is the point
  ws.send(JSON.stringify({ t: 'hello', v: 1, room }));
  (ws as unknown as { _socket: Socket })._socket.pause();
  return ws;
}

/** Sends `resync` on each socket that is still open, `times` times, `everyMs` apart. */
export async function resyncStorm(sockets: WebSocket[], times: number, everyMs: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.send('{"t":"resync"}');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A product as a real catalog has it (about 300 bytes), for rooms whose snapshot is large. */
export function catalogProduct(n: number): Record<string, unknown> {
  return {
    title: `Velvet matte lipstick, shade ${n} — long-wearing, limited edition`,
    price: { amount: 12_900 + n, currency: 'CNY' },
    originalPrice: { amount: 19_900 + n, currency: 'CNY' },
    stock: 100 + n,
    image: `https://cdn.example.com/catalog/lipstick/${n}/cover-800x800.webp`,
  };
}
