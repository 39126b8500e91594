// Every code block of README.md and the package READMEs runs as printed, the way its marker says
// (docs/snippets.ts); a block that cannot run alone is marked a fragment and says why. Example
// hosts are served locally: `https://cdn.example.com/onair@<version>/` from packages/onair, and
// `live.example.com`, `collect.example.com`, `collector.example.com` from a real Onair server.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build as esbuild } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viteAliases, workspaceAliases } from '../../scripts/workspace-aliases.js';
import {
  makeProject,
  packAll,
  provideSqlite,
  removeTarballs,
  SERVER_PACKAGES,
} from '../consumer/support/pack.js';
import { launchChromium } from '../e2e/support/chromium.js';
import { startLiveServer } from '../e2e/support/live-server.js';
import { watchForBreakage } from '../e2e/support/page-problems.js';
import { type StaticServer, serveDirectory } from '../support/static-server.js';
import { ROOT, type Snippet, snippets } from './snippets.js';

const ALL = snippets();
const VERSION = JSON.parse(readFileSync(join(ROOT, 'packages/onair/package.json'), 'utf8')).version as string;
const CDN = `https://cdn.example.com/onair@${VERSION}/`;
/** The CSP the README asks of a careful page: its own scripts, the live server, Lit's policy. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
  'connect-src https://live.example.com wss://live.example.com https://collect.example.com; ' +
  "require-trusted-types-for 'script'; trusted-types lit-html";

interface Socket {
  readyState: number;
  send(data: string): void;
  close(): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
}
const WebSocket = createRequire(join(ROOT, 'packages/server/package.json'))('ws') as new (
  url: string,
) => Socket;

let browser: Browser;
const cleanups: (() => unknown)[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await browser?.close();
});

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">${head}</head><body>\n${body}\n</body></html>`;

/** A folder in the system's temp folder, removed after the file. */
function scratch(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `onair-snippet-${name}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Serves `cdn.example.com` from packages/onair, and the live hosts from a real server. */
async function routeExampleHosts(tab: Page, live?: string): Promise<void> {
  await tab.route(`${CDN}**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice(new URL(CDN).pathname.length);
    let body: Buffer;
    try {
      body = readFileSync(join(ROOT, 'packages/onair', path));
    } catch {
      return route.fulfill({ status: 404 });
    }
    const type = extname(path) === '.js' ? 'text/javascript' : 'application/octet-stream';
    return route.fulfill({ body, headers: { 'content-type': type, 'access-control-allow-origin': '*' } });
  });
  if (!live) return;
  await tab.route(/^https:\/\/(live|collect|collector)\.example\.com\//, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${live}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  // WebSockets go through a proxy onto the real server's /v1/live.
  await tab.routeWebSocket(/^wss:\/\/live\.example\.com\//, (socket) => {
    const upstream = new WebSocket(
      socket.url().replace('wss://live.example.com', live.replace('http', 'ws')),
    );
    const early: string[] = [];
    upstream.on('open', () => {
      for (const message of early.splice(0)) upstream.send(message);
    });
    socket.onMessage((message) => {
      if (upstream.readyState === 1) upstream.send(String(message));
      else early.push(String(message));
    });
    upstream.on('message', (data) => socket.send(data.toString()));
    upstream.on('close', () => void socket.close().catch(() => {}));
    socket.onClose(() => upstream.close());
  });
}

/** Every Onair element in the page is defined and shows no error; nothing broke the page. */
async function expectWidgetsWork(tab: Page, problems: string[]): Promise<void> {
  const tags = await tab.evaluate(() =>
    [...new Set([...document.querySelectorAll('*')].map((el) => el.localName))].filter((t) =>
      t.startsWith('onair-'),
    ),
  );
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) await tab.waitForFunction((t) => !!customElements.get(t), tag, { timeout: 10_000 });
  await tab.evaluate(() => new Promise(requestAnimationFrame));
  const errors = await tab.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((el) => el.shadowRoot?.querySelector('[part~="error"]'))
      .map((el) => `${el.localName}: ${el.shadowRoot?.textContent?.trim()}`),
  );
  expect(errors).toEqual([]);
  expect(problems).toEqual([]);
}

const shadowText = (tab: Page, tag: string) =>
  tab.evaluate((t) => document.querySelector(t)?.shadowRoot?.textContent ?? '', tag);

async function open(site: StaticServer, live?: string): Promise<{ tab: Page; problems: string[] }> {
  const tab = await browser.newPage();
  const problems = watchForBreakage(tab);
  await routeExampleHosts(tab, live);
  await tab.goto(site.origin);
  return { tab, problems };
}

/** Starts a server command line; resolves with its first stdout line, then stops its process group. */
function firstLineOf(line: string, cwd: string): Promise<string> {
  const child = spawn('bash', ['-c', line], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ONAIR_PORT: '0', ONAIR_LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done, fail) => {
    let out = '';
    let first: string | undefined;
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (first !== undefined) return;
      const lines = out.split('\n').slice(0, -1);
      // `pnpm` echoes the script it runs (`$ node …`) first; the server's own first line follows.
      first = lines.filter((l) => !l.startsWith('$ '))[0];
      if (first !== undefined) process.kill(-child.pid!, 'SIGTERM');
    });
    child.once('exit', (code) =>
      first !== undefined ? done(first) : fail(new Error(`${line} exited with ${code}: ${stderr}`)),
    );
  });
}

const of = (kind: Snippet['kind']) => ALL.filter((snippet) => snippet.kind === kind);

describe('README snippets', () => {
  it('every code block is marked with how it runs, and fragments say why', () => {
    expect(ALL.length).toBeGreaterThan(10);
    expect(ALL.filter((s) => s.kind === null).map((s) => s.where)).toEqual([]);
    expect(ALL.filter((s) => s.kind === 'fragment' && !s.reason).map((s) => s.where)).toEqual([]);
  });

  for (const snippet of of('page'))
    it(`${snippet.where}: works from a static host, no bundler`, async () => {
      const dir = scratch('page');
      writeFileSync(join(dir, 'index.html'), page(snippet.code));
      const site = await serveDirectory(dir);
      const { tab, problems } = await open(site);
      await expectWidgetsWork(tab, problems);
      await tab.close();
      await site.close();
    });

  for (const snippet of of('vite-page'))
    it(`${snippet.where}: vite builds it, and it runs under a strict CSP against a live server`, async () => {
      const dir = scratch('vite');
      writeFileSync(join(dir, 'index.html'), page(snippet.code));
      await viteBuild({
        root: dir,
        configFile: false,
        logLevel: 'warn',
        resolve: { alias: viteAliases() },
        define: { 'process.env.NODE_ENV': '"production"' },
        build: { outDir: join(dir, 'dist'), target: 'es2022' },
      });
      const room = /room="([^"]+)"/.exec(snippet.code)?.[1] ?? 'r1';
      const live = await startLiveServer(room);
      const site = await serveDirectory(join(dir, 'dist'), { 'content-security-policy': CSP });
      const { tab, problems } = await open(site, live.url);
      await expectWidgetsWork(tab, problems);
      if (snippet.code.includes('<onair-poll')) {
        // The room is live: a poll ops open appears in it.
        const opened = await live.ops('POST', '/polls?open=true', {
          id: 'readme',
          question: 'Which colour?',
          options: [
            { id: 'red', label: 'Red' },
            { id: 'blue', label: 'Blue' },
          ],
        });
        expect(opened.status).toBe(201);
        await expect
          .poll(() => shadowText(tab, 'onair-poll'), { timeout: 10_000 })
          .toContain('Which colour?');
      }
      if (snippet.code.includes('<onair-quiz')) {
        // A quiz ops create and start appears, its question timed by the server.
        const question = { text: 'Which city?', options: ['Paris', 'Lyon'], correct: [1] };
        expect(
          (await live.ops('POST', '/quizzes', { id: 'readme', title: 'T', questions: [question] })).status,
        ).toBe(201);
        expect((await live.ops('POST', '/quizzes/readme/start')).status).toBe(200);
        await expect.poll(() => shadowText(tab, 'onair-quiz'), { timeout: 10_000 }).toContain('Which city?');
      }
      expect(problems).toEqual([]);
      await tab.close();
      await site.close();
      await live.close();
    });

  for (const snippet of of('module'))
    it(`${snippet.where}: runs as a browser module`, async () => {
      const dir = scratch('module');
      const bundle = await esbuild({
        stdin: {
          contents: `${snippet.code}\nwindow.snippetDone = true;`,
          resolveDir: ROOT,
          loader: snippet.lang === 'ts' ? 'ts' : 'js',
        },
        bundle: true,
        format: 'esm',
        target: 'es2022',
        write: false,
        alias: workspaceAliases(),
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
        define: { 'process.env.NODE_ENV': '"production"' },
      });
      writeFileSync(join(dir, 'snippet.js'), bundle.outputFiles[0]!.text);
      writeFileSync(join(dir, 'index.html'), page('', '<script type="module" src="/snippet.js"></script>'));
      const live = await startLiveServer('snippets');
      const site = await serveDirectory(dir);
      const { tab, problems } = await open(site, live.url);
      await tab.waitForFunction(() => (window as { snippetDone?: boolean }).snippetDone, null, {
        timeout: 15_000,
      });
      expect(problems).toEqual([]);
      await tab.close();
      await site.close();
      await live.close();
    });

  for (const snippet of of('node'))
    it(`${snippet.where}: runs in Node against the built package`, async () => {
      // Inside packages/server, so `@onair/server` resolves to the package itself (its dist/).
      const dir = join(ROOT, 'packages/server/.tsbuild/snippets');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `snippet-${Date.now()}.mjs`);
      writeFileSync(file, `${snippet.code}\nconsole.log(JSON.stringify({ token }));\n`);
      cleanups.push(() => rmSync(file, { force: true }));
      const out = await new Promise<string>((done, fail) => {
        const child = spawn(process.execPath, [file], {
          env: { ...process.env, ONAIR_VIEWER_SECRET: 'readme-viewer-secret-0123' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let text = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        child.once('exit', (code) => (code === 0 ? done(text) : fail(new Error(`exit ${code}`))));
      });
      expect(JSON.parse(out.trim()).token).toMatch(/^user-42\.\d+\.[\w-]+$/);
    });

  const commandLines = (snippet: Snippet) =>
    snippet.code.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));

  for (const snippet of of('shell'))
    for (const line of commandLines(snippet))
      it(`${snippet.where}: \`${line.replace(/\s+#.*/, '')}\` starts the server`, async () => {
        expect(await firstLineOf(line, ROOT)).toMatch(
          /^onair-server listening on http:\/\/127\.0\.0\.1:\d+ /,
        );
      });

  const installed = of('installed-shell');
  let project = '';
  if (installed.length)
    beforeAll(() => {
      const tarballs = packAll();
      project = makeProject(
        join(import.meta.dirname, '../consumer/server-fixture'),
        tarballs,
        SERVER_PACKAGES,
        ['--ignore-scripts'],
      );
      removeTarballs(tarballs); // installed: npm copied what it needs
      provideSqlite(project);
      cleanups.push(() => rmSync(project, { recursive: true, force: true }));
    }, 240_000);
  for (const snippet of installed)
    for (const line of commandLines(snippet))
      it(`${snippet.where}: \`${line}\` starts the installed server`, async () => {
        expect(await firstLineOf(line, project)).toMatch(
          /^onair-server listening on http:\/\/127\.0\.0\.1:\d+ /,
        );
      });
});
