/**
 * What a widget's own browser bench needs: its page script bundled like a production build, served
 * on loopback with an HTML shell, and headless Chromium. Used by the gift feed's, the product
 * shelf's and the red-packet rain's benches (`packages/<name>/bench/*.ts`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { workspaceAliases } from '../../../scripts/workspace-aliases.js';

export interface BenchPage {
  /** The page's URL: `/` is the shell, which loads the bundle. */
  origin: string;
  browser: Browser;
  /** Bytes of the minified bundle. */
  bundleBytes: number;
  close(): Promise<void>;
}

/**
 * Bundles `entry` (minified, production), serves it under `/` with `head` (a title, a style) in the
 * shell and `files` beside it (`/img.svg`), and launches Chromium.
 */
export async function servePage(
  entry: string,
  options: { head?: string; files?: Record<string, [type: string, body: string]> } = {},
): Promise<BenchPage> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    target: 'es2022',
    alias: workspaceAliases(),
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.contents;
  const shell = `<!doctype html><html lang="en"><meta charset="utf-8">${options.head ?? ''}<body><script type="module" src="/page.js"></script></body></html>`;
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html', shell],
    '/page.js': ['text/javascript', script],
    ...options.files,
  };
  const server = createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    browser,
    bundleBytes: script.length,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
