import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../../packages/server/bin/onair-server.js');

export const OPS_TOKEN = 'e2e-ops-token-0123456789';

/**
 * The real `onair-server` CLI as a child process on loopback, with a SQLite file that outlives
 * restarts — what a deployment does, not an in-process shortcut.
 */
export class ServerProcess {
  readonly dir = mkdtempSync(join(tmpdir(), 'onair-e2e-'));
  readonly db = join(this.dir, 'onair.db');
  port = 0;
  private child: ChildProcess | null = null;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts on the same port and file) and waits for the "listening on" line. */
  async start(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--db',
      this.db,
      '--ops-token',
      OPS_TOKEN,
      '--cors-origin',
      '*',
    ];
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ONAIR_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    const line = await new Promise<string>((done, fail) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (\S+)/.exec(out);
        if (match?.[1]) done(match[1]);
      });
      child.once('exit', (code) => fail(new Error(`onair-server exited with ${code} before listening`)));
    });
    this.port = Number(new URL(line).port);
  }

  /** SIGTERM and wait for the graceful shutdown to finish. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }

  async ops(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${OPS_TOKEN}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
