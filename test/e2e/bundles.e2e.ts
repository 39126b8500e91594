// The shipped bundles in a page with a strict CSP: the single-file CDN build, and a consumer's
// own non-splitting esbuild bundle (which inlines the lazily loaded static-config code, once a
// source of a load-order bug). Every element renders its static config; nothing breaks the page.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceAliases } from '../../scripts/workspace-aliases.js';
import { launchChromium } from './support/chromium.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:";

/** Static configs for every element that takes one, set from the page script. */
const page = `
const poll = document.createElement('onair-poll');
poll.config = { id: 'p', question: 'Tea or coffee?', options: [{ id: 't', label: 'Tea' }, { id: 'c', label: 'Coffee' }] };
const panel = document.createElement('onair-gift-panel');
panel.config = { categories: [{ id: 'hot', name: 'Hot', gifts: [{ id: 'rose', name: 'Rose', price: 1, icon: 'rose' }] }] };
const card = document.createElement('onair-product-card');
const product = { id: 'lip', title: 'Velvet lipstick', price: { amount: 12900, currency: 'CNY' } };
card.config = product;
const shelf = document.createElement('onair-product-shelf');
shelf.config = { products: [product] };
shelf.open = true;
const survey = document.createElement('onair-survey');
survey.config = { id: 's', title: 'Tonight', questions: [{ id: 'again', type: 'yesno', title: 'Back on Friday?', visibleIf: '{again} empty or {again} notempty' }] };
document.body.append(poll, panel, card, shelf, survey);
`;

let browser: Browser;
let server: Server;
let origin = '';
const scripts = new Map<string, string>();

beforeAll(async () => {
  scripts.set(
    '/onair.js',
    readFileSync(resolve(import.meta.dirname, '../../packages/onair/dist/onair.js'), 'utf8'),
  );
  scripts.set('/cdn-page.js', `import './onair.js';\n${page}`);
  const own = await build({
    stdin: {
      // Also validates with the model entries directly: that combination once left the schemas
      // undefined (the lazily loaded static-config modules were inlined but never initialized).
      contents: `import 'onair';
import { validatePollConfig } from '@onair/polls/model.js';
window.modelWorks = validatePollConfig({ id: 'm', question: 'Q?', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }).ok;
${page}`,
      resolveDir: resolve(import.meta.dirname, '../..'),
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    alias: workspaceAliases(),
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  scripts.set('/own-bundle.js', own.outputFiles[0]!.text);
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const script = scripts.get(path);
    if (script) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    const entry = path === '/own' ? '/own-bundle.js' : '/cdn-page.js';
    res
      .writeHead(200, { 'content-type': 'text/html', 'content-security-policy': CSP })
      .end(
        `<!doctype html><html lang="en"><body><script type="module" src="${entry}"></script></body></html>`,
      );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

describe('shipped bundles under a strict CSP', () => {
  for (const [name, path] of [
    ['the single-file CDN build', '/cdn'],
    ['a non-splitting consumer bundle', '/own'],
  ] as const) {
    it(`renders every static element from ${name}`, async () => {
      const tab = await browser.newPage();
      const problems: string[] = [];
      tab.on('pageerror', (error) => problems.push(error.message));
      tab.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await tab.goto(`${origin}${path}`);
      const text = (tag: string) =>
        tab.evaluate(
          (t) => document.querySelector(t)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '',
          tag,
        );
      await expect.poll(() => text('onair-poll')).toContain('Tea or coffee?');
      await expect.poll(() => text('onair-gift-panel')).toContain('Rose');
      await expect.poll(() => text('onair-product-card')).toContain('Velvet lipstick');
      await expect.poll(() => text('onair-product-shelf')).toContain('Velvet lipstick');
      await expect.poll(() => text('onair-survey')).toContain('Back on Friday?');
      const alerts = await tab.evaluate(
        () =>
          [...document.body.children].filter((el) => el.shadowRoot?.querySelector('[part~="error"]')).length,
      );
      expect(alerts).toBe(0);
      if (path === '/own')
        expect(await tab.evaluate(() => (window as { modelWorks?: boolean }).modelWorks)).toBe(true);
      expect(problems).toEqual([]);
      await tab.close();
    });
  }
});
