// @onair/server as an operator gets it: packed, installed with npm outside the workspace, started
// with `npx onair-server`. Compiled JavaScript only (no tsx, no tests in the tarball), the
// "listening" line first on stdout, and every way of stopping it ends the process gracefully.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, packAll, provideSqlite, removeTarballs, SERVER_PACKAGES } from './support/pack.js';

const OPS_TOKEN = 'consumer-ops-token-0123456789';
const LISTENING = /^onair-server listening on (http:\/\/127\.0\.0\.1:\d+) \(db :memory:\)$/;

let project = '';
let tarball = '';
let tarballs = new Map<string, string>();

beforeAll(() => {
  tarballs = packAll();
  tarball = tarballs.get('@onair/server')!;
  project = makeProject(join(import.meta.dirname, 'server-fixture'), tarballs, SERVER_PACKAGES, [
    '--ignore-scripts',
  ]);
  provideSqlite(project);
}, 240_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
  removeTarballs(tarballs);
});

interface Started {
  child: ChildProcess;
  url: string;
  /** Everything on stdout so far, line by line. */
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts `command` in the project and waits for its first stdout line, which must be the listening line. */
async function start(command: string, args: string[], { group = false } = {}): Promise<Started> {
  // `group`: its own process group, as a terminal gives a foreground job.
  const child = spawn(command, args, { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], detached: group });
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const first = await new Promise<string>((done, fail) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length) done(lines[0]!);
    });
    void exited.then((code) => fail(new Error(`exited with ${code} before a line; stderr: ${stderr}`)));
  });
  const match = LISTENING.exec(first);
  if (!match) throw new Error(`first stdout line is not the listening line: ${first}`);
  return { child, url: match[1]!, lines, exited };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
}

const SERVER_ARGS = ['--ops-token', OPS_TOKEN, '--port', '0', '--db', ':memory:'];

describe('@onair/server from its tarball', () => {
  it('ships compiled JavaScript, its CLI and README; no sources, tests, benches or tsx', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    expect(files).toContain('package/dist/cli.js');
    expect(files).toContain('package/dist/types/index.d.ts');
    expect(files).toContain('package/bin/onair-server.js');
    expect(files.filter((f) => /\/(src|test|bench)\/|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(existsSync(join(project, 'node_modules/tsx'))).toBe(false);
  });

  it('npx onair-server: SIGTERM to npx (a supervisor stopping it) stops the server', async () => {
    const server = await start('npx', ['onair-server', ...SERVER_ARGS]);
    expect(await answers(server.url)).toBe(true);
    server.child.kill('SIGTERM');
    await server.exited;
    // npx is gone; the server it started through a shell must follow, not linger orphaned.
    await expect.poll(() => answers(server.url), { timeout: 5000 }).toBe(false);
  });

  it("npx onair-server: Ctrl-C (SIGINT to the terminal's process group) stops it gracefully", async () => {
    const server = await start('npx', ['onair-server', ...SERVER_ARGS], { group: true });
    expect(await answers(server.url)).toBe(true);
    process.kill(-server.child.pid!, 'SIGINT');
    await server.exited;
    await expect.poll(() => answers(server.url), { timeout: 5000 }).toBe(false);
  });

  it('node_modules/.bin/onair-server: SIGTERM shuts down gracefully with exit code 0', async () => {
    const server = await start(join(project, 'node_modules/.bin/onair-server'), SERVER_ARGS);
    expect(await answers(server.url)).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.lines.some((line) => line.includes('"msg":"shutting down"'))).toBe(true);
  });

  it("import '@onair/server' gives the documented API", () => {
    const out = execFileSync(process.execPath, ['api.js'], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ health: 200, verified: true });
  });
});
