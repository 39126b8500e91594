// `pnpm dev`: the reference server on the embedded default (SQLite file in .onair/) and the demo
// pointed at it. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const port = process.env.ONAIR_PORT ?? '8787';
const server = `http://127.0.0.1:${port}`;
const children = [];

const run = (command, args, options) => {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  child.on('exit', (code) => {
    for (const other of children) if (other !== child) other.kill('SIGTERM');
    process.exitCode = code ?? 0;
  });
  children.push(child);
};

const bin = resolve(root, 'packages/server/bin/onair-server.js');
if (existsSync(bin)) run(process.execPath, [bin, '--dev', '--port', port], { cwd: root });
else console.warn('packages/server is not there yet: the demo runs offline (in-page room).');

run('pnpm', ['--filter', '@onair/demo', 'dev'], {
  cwd: root,
  env: { ...process.env, ...(existsSync(bin) ? { VITE_ONAIR_SERVER: server } : {}) },
});

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
