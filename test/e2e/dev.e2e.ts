// `pnpm dev` as a developer runs it: Ctrl-C, or a SIGTERM to pnpm alone (an IDE or a supervisor
// stopping the task), must stop the server, the demo's vite and every process in between. Every
// process started here carries a marker in its environment, so none can hide.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** Pids of the processes whose environment holds `marker`. */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

let marker = '';
afterEach(() => {
  for (const pid of processesWith(marker)) process.kill(pid, 'SIGKILL');
});

async function startDev(): Promise<{ dev: ChildProcess; server: string; demo: string }> {
  marker = `ONAIR_DEV_TEST=${process.pid}-${Date.now()}`;
  const [serverPort, demoPort, consolePort] = [await freePort(), await freePort(), await freePort()];
  const [key, value] = marker.split('=') as [string, string];
  const dev = spawn('pnpm', ['dev'], {
    cwd: ROOT,
    // Its own process group, as a terminal gives a foreground job.
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      ONAIR_PORT: String(serverPort),
      DEMO_PORT: String(demoPort),
      CONSOLE_PORT: String(consolePort),
      [key]: value,
    },
  });
  const server = `http://127.0.0.1:${serverPort}/healthz`;
  const demo = `http://127.0.0.1:${demoPort}/`;
  await expect.poll(() => answers(server), { timeout: 30_000, interval: 250 }).toBe(true);
  await expect.poll(() => answers(demo), { timeout: 30_000, interval: 250 }).toBe(true);
  return { dev, server, demo };
}

describe('pnpm dev', () => {
  it('Ctrl-C (SIGINT to its process group) stops the server, vite and everything between', async () => {
    const { dev, server, demo } = await startDev();
    expect(processesWith(marker).length).toBeGreaterThan(3); // pnpm, sh, dev.js, server, pnpm, sh, vite
    process.kill(-dev.pid!, 'SIGINT');
    await expect.poll(() => processesWith(marker), { timeout: 15_000, interval: 250 }).toEqual([]);
    expect([await answers(server), await answers(demo)]).toEqual([false, false]);
  });

  it('SIGTERM to the pnpm process alone stops every child too', async () => {
    const { dev, server, demo } = await startDev();
    dev.kill('SIGTERM');
    await expect.poll(() => processesWith(marker), { timeout: 15_000, interval: 250 }).toEqual([]);
    expect([await answers(server), await answers(demo)]).toEqual([false, false]);
  });
});
