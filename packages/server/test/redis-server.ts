/**
 * A real `redis-server` for the cluster tests: its own free loopback port and temp folder, no RDB
 * snapshots, AOF with `appendfsync always` when asked (as cluster mode's docs require). `stop()`
 * ends it and removes its folder; `crash()` is `kill -9`; `restart()` starts it again on the same
 * port and folder (what an AOF keeps comes back).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  crash(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server does not end with the process that started it, and a test that times out never
 * reaches its `stop()`. A watchdog (a shell loop, detached) kills it once this process is gone; it
 * checks the pid is still that redis-server (its title names the port) before killing.
 */
function watch(redis: number, port: number): void {
  const script =
    'while kill -0 "$0" 2>/dev/null && kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    'grep -q -- "127.0.0.1:$2" "/proc/$1/cmdline" 2>/dev/null && kill -9 "$1"';
  spawn('sh', ['-c', script, String(process.pid), String(redis), String(port)], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startRedis(options: { aof?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'onair-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    options.aof ? 'yes' : 'no',
    '--appendfsync',
    'always',
    '--daemonize',
    'no',
  ];
  let child: ChildProcess | null = null;
  const launch = async () => {
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      started.stdout!.on('data', (chunk) => {
        out += String(chunk);
        if (out.includes('Ready to accept connections')) resolve();
      });
      started.once('error', reject);
      started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    });
    child = started;
    watch(started.pid!, port);
  };
  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    dir,
    crash: () => end('SIGKILL'),
    restart: async () => {
      await end('SIGKILL');
      await launch();
    },
    stop: async () => {
      await end('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
