// `pnpm dev`: the reference server on the embedded default (SQLite file in .onair/), the demo and
// the ops console pointed at it, and the demo room seeded with a simulated crowd. Ctrl-C, SIGTERM, or the exit of whatever started this script stops every child.
//
// Each child runs in a process group of its own and is stopped as a group: the demo is pnpm → sh
// → vite, and a signal to pnpm alone does not reach vite. For the same reason this script watches
// its parent: `pnpm dev` puts a shell between them, and a SIGTERM to pnpm ends that shell only.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const port = process.env.ONAIR_PORT ?? '8787';
const server = `http://127.0.0.1:${port}`;
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;

/** Stops every child's process group (once), then exits with `code`. */
function stop(signal, code) {
  if (!stopping) {
    stopping = true;
    for (const child of children) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // that group has exited already
      }
    }
  }
  process.exitCode = code;
  // Exit once the children have: each `exit` below checks whether it was the last.
  if (children.every((child) => child.exitCode !== null || child.signalCode !== null)) process.exit(code);
}

const run = (command, args, options) => {
  const child = spawn(command, args, { stdio: 'inherit', detached: true, ...options });
  child.on('exit', (code) => stop('SIGTERM', stopping ? (process.exitCode ?? 0) : (code ?? 1)));
  children.push(child);
};

const bin = resolve(root, 'packages/server/bin/onair-server.js');
if (existsSync(bin)) run(process.execPath, [bin, '--dev', '--port', port], { cwd: root });
else console.warn('packages/server is not there yet: the demo runs offline (in-page room).');

run('pnpm', ['--filter', '@onair/demo', 'dev'], {
  cwd: root,
  env: { ...process.env, ...(existsSync(bin) ? { VITE_ONAIR_SERVER: server } : {}) },
});

// The ops console (apps/console) against the server; sign in with a named token
// (`pnpm --filter @onair/server exec onair-server tokens create …`) or the dev ops token.
const consolePort = process.env.CONSOLE_PORT ?? '5174';
if (existsSync(bin))
  run('pnpm', ['--filter', '@onair/console', 'dev'], {
    cwd: root,
    env: { ...process.env, CONSOLE_PORT: consolePort, VITE_ONAIR_SERVER: server },
  });

// Once the server answers: the demo room's first start and the simulated crowd with its pages'
// telemetry (scripts/dev-seed.ts), so the console's charts fill within a minute.
if (existsSync(bin))
  void (async () => {
    for (let tries = 0; tries < 120 && !stopping; tries++) {
      const up = await fetch(`${server}/healthz`).then(
        (res) => res.ok,
        () => false,
      );
      if (up) break;
      await new Promise((done) => setTimeout(done, 500));
    }
    if (stopping) return;
    const demoPort = process.env.DEMO_PORT ?? '5173';
    const seed = spawn(process.execPath, [resolve(root, 'scripts/dev-seed.js')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ONAIR_SERVER: server, DEMO_URL: `http://127.0.0.1:${demoPort}/` },
    });
    seed.on('exit', (code) => {
      if (code === 0 && !stopping)
        console.log(
          `onair dev: ops console at http://127.0.0.1:${consolePort}/console/ (token "dev-ops-token")`,
        );
    });
  })();

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal, 0));

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM', 0);
}, 250).unref();
