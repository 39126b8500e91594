// The CDN files as a page without a bundler loads them: the autoloader (one chunk per tag, on
// first sight), the single-file build, the manifests against the tags they really define, and
// hostile pages: enforced Trusted Types, a CSP that refuses lit-html's policy, enumerable junk on
// Object.prototype and Array.prototype, right-to-left labels.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, serve } from '../support/static-server.js';
import { launchChromium } from './support/chromium.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'packages/onair/dist');
const STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";
/** A static poll's `config` attribute. */
const pollConfig = (question: string, labels: Record<string, string>) =>
  JSON.stringify({
    id: 'p',
    question,
    options: Object.entries(labels).map(([id, label]) => ({ id, label })),
  });
const POLL = pollConfig('Tea or coffee?', { tea: 'Tea', coffee: 'Coffee' });

let browser: Browser;
let site: StaticServer;
let origin = '';
/** Pages by path: markup and the CSP they are served with. */
const pages = new Map<string, { body: string; csp: string }>();

beforeAll(async () => {
  site = await serve((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const page = pages.get(path);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp });
      res.end(
        `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body>${page.body}</body></html>`,
      );
      return;
    }
    try {
      const file = readFileSync(join(DIST, path.replace(/^\/dist\//, '')));
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(file);
    } catch {
      res.writeHead(404).end();
    }
  });
  origin = site.origin;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens `body` under `csp`; `before` runs in the page before any of its scripts. */
async function open(
  body: string,
  csp = STRICT,
  before?: string,
): Promise<{ page: Page; problems: string[] }> {
  const path = `/page-${pages.size}`;
  pages.set(path, { body, csp });
  const page = await browser.newPage();
  if (before) await page.addInitScript(before);
  const problems = watchForBreakage(page);
  await page.goto(`${origin}${path}`);
  return { page, problems };
}

const shadowText = (page: Page, tag: string) =>
  page.evaluate((t) => document.querySelector(t)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '', tag);

/** Votes "Tea" in the page's poll and waits for `onair-vote`. */
async function voteTea(page: Page): Promise<void> {
  const voted = page.evaluate(
    () =>
      new Promise<string>((done) =>
        document.addEventListener('onair-vote', (e) => done((e as CustomEvent).detail.choice.join()), {
          once: true,
        }),
      ),
  );
  const poll = page.locator('onair-poll');
  await poll.getByRole('radio', { name: 'Tea' }).check();
  await poll.getByRole('button', { name: 'Vote' }).click();
  expect(await voted).toBe('tea');
}

describe('the manifests', () => {
  const manifestTags = (dir: string) =>
    (
      JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'custom-elements.json'), 'utf8')) as {
        modules: { path: string; exports: { kind: string; name: string }[] }[];
      }
    ).modules.flatMap((m) =>
      m.exports.filter((e) => e.kind === 'custom-element-definition').map((e) => e.name),
    );

  it('list exactly the tags the packages define, at files the packages ship and export', async () => {
    const { page, problems } = await open(
      '<script type="module" src="/dist/onair.js"></script>',
      STRICT,
      `window.definedTags = [];
       const define = customElements.define.bind(customElements);
       customElements.define = (name, ...rest) => { window.definedTags.push(name); return define(name, ...rest); };`,
    );
    const packages = ['core', 'polls', 'gifts', 'commerce', 'surveys', 'games', 'campaign']
      .flatMap(manifestTags)
      .sort();
    await expect
      .poll(() => page.evaluate(() => (window as { definedTags?: string[] }).definedTags?.length))
      .toBe(packages.length);
    const defined = (
      await page.evaluate(() => (window as unknown as { definedTags: string[] }).definedTags)
    ).sort();
    expect(packages).toEqual(defined);
    expect(manifestTags('onair').sort()).toEqual(defined);
    // The autoloader knows every tag, and the umbrella exports each as `onair/<tag>.js`.
    const autoloader = readFileSync(join(ROOT, 'packages/onair/src/autoloader.ts'), 'utf8');
    expect([...autoloader.matchAll(/'(onair-[\w-]+)': \(\) => import/g)].map((m) => m[1]).sort()).toEqual(
      defined,
    );
    const exports = JSON.parse(readFileSync(join(ROOT, 'packages/onair/package.json'), 'utf8')).exports;
    expect(defined.every((tag) => exports[`./${tag}.js`])).toBe(true);
    for (const dir of ['core', 'polls', 'gifts', 'commerce', 'surveys', 'games', 'onair']) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'custom-elements.json'), 'utf8'));
      for (const mod of manifest.modules)
        expect(() => readFileSync(join(ROOT, 'packages', dir, mod.path))).not.toThrow();
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the autoloader', () => {
  it('defines a tag when it first appears, loading only its chunk; shadow roots on request', async () => {
    const { page, problems } = await open(
      `<onair-poll config='${POLL}'></onair-poll><div id="host"></div>
       <script type="module" src="/dist/cdn/autoloader.js"></script>`,
    );
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await expect.poll(() => shadowText(page, 'onair-poll')).toContain('Tea or coffee?');
    await voteTea(page);
    expect(await page.evaluate(() => !!customElements.get('onair-product-card'))).toBe(false);

    await page.evaluate(() => document.body.append(document.createElement('onair-product-card')));
    await expect.poll(() => page.evaluate(() => !!customElements.get('onair-product-card'))).toBe(true);
    expect(requested).toContain('/dist/cdn/onair-product-card.js');
    expect(requested.some((path) => /onair-(gift|room|debug|product-shelf)/.test(path))).toBe(false);

    // In a shadow root the document's observer cannot see: defined once the root is discovered.
    await page.evaluate(() => {
      const root = document.querySelector('#host')!.attachShadow({ mode: 'open' });
      root.append(document.createElement('onair-gift-feed'));
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => !!customElements.get('onair-gift-feed'))).toBe(false);
    // A string, so the test runner does not rewrite the page's `import()`.
    await page.evaluate(
      "import('/dist/cdn/autoloader.js').then((m) => m.discover(document.querySelector('#host').shadowRoot))",
    );
    expect(await page.evaluate(() => !!customElements.get('onair-gift-feed'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

const CDN_FILES = [
  ['the single-file build', '/dist/onair.js'],
  ['the autoloader', '/dist/cdn/autoloader.js'],
] as const;

describe('hostile pages', () => {
  for (const [name, file] of CDN_FILES) {
    it(`${name}: works under enforced Trusted Types with the documented allowance`, async () => {
      const { page, problems } = await open(
        `<onair-poll config='${POLL}'></onair-poll><script type="module" src="${file}"></script>`,
        `${STRICT}; require-trusted-types-for 'script'; trusted-types lit-html`,
      );
      await expect.poll(() => shadowText(page, 'onair-poll')).toContain('Tea or coffee?');
      await voteTea(page);
      expect(problems).toEqual([]);
      await page.close();
    });

    it(`${name}: a CSP that refuses lit-html's policy gets a message naming the directive, no exception`, async () => {
      const { page, problems } = await open(
        `<onair-poll config='${POLL}'></onair-poll><script type="module" src="${file}"></script>`,
        `${STRICT}; require-trusted-types-for 'script'; trusted-types 'none'`,
        `window.onairErrors = []; document.addEventListener('onair-error', (e) => window.onairErrors.push(e.detail.code));`,
      );
      await expect.poll(() => shadowText(page, 'onair-poll')).toContain('add `trusted-types lit-html');
      expect(await page.evaluate(() => (window as unknown as { onairErrors: string[] }).onairErrors)).toEqual(
        ['trusted_types'],
      );
      // The browser reports each blocked action on the console; nothing else may appear.
      const reports = /violates the following Content Security policy|requires 'TrustedHTML' assignment/i;
      expect(problems.filter((problem) => !reports.test(problem))).toEqual([]);
      await page.close();
    });

    it(`${name}: next to the page's own Lit, works with 'allow-duplicates' and explains without it`, async () => {
      // The page's Lit made its `lit-html` policy first; a second one needs 'allow-duplicates'.
      const ownLit = "trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });";
      const body = `<onair-poll config='${POLL}'></onair-poll><script type="module" src="${file}"></script>`;
      const tt = `${STRICT}; require-trusted-types-for 'script'; trusted-types lit-html`;
      const allowed = await open(body, `${tt} 'allow-duplicates'`, ownLit);
      await expect.poll(() => shadowText(allowed.page, 'onair-poll')).toContain('Tea or coffee?');
      await voteTea(allowed.page);
      expect(allowed.problems).toEqual([]);
      await allowed.page.close();
      const refused = await open(body, tt, ownLit);
      await expect
        .poll(() => shadowText(refused.page, 'onair-poll'))
        .toContain("lit-html 'allow-duplicates'");
      expect(
        refused.problems.filter((problem) => !/TrustedHTML|Content Security policy/i.test(problem)),
      ).toEqual([]);
      await refused.page.close();
    });

    it(`${name}: survives enumerable junk on Object.prototype and Array.prototype`, async () => {
      const { page, problems } = await open(
        `<onair-poll config='${POLL}'></onair-poll>
         <onair-product-card config='{"id":"lip","title":"Velvet lipstick","price":{"amount":12900,"currency":"CNY"}}'></onair-product-card>
         <script type="module" src="${file}"></script>`,
        STRICT,
        `Object.prototype.junk = 1; Object.prototype.hostHelper = function () {}; Array.prototype.last = function () {};`,
      );
      await expect.poll(() => shadowText(page, 'onair-poll')).toContain('Tea or coffee?');
      await voteTea(page);
      await expect.poll(() => shadowText(page, 'onair-product-card')).toContain('Velvet lipstick');
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('labels are bidi-isolated: a right-to-left label cannot reorder the text around it', async () => {
    const poll = pollConfig('Which?', { a: 'שלום 1', b: 'B' });
    const { page, problems } = await open(
      `<onair-poll config='${poll}'></onair-poll><script type="module" src="/dist/onair.js"></script>`,
    );
    await expect.poll(() => shadowText(page, 'onair-poll')).toContain('שלום 1');
    const isolation = await page.evaluate(() => {
      const root = document.querySelector('onair-poll')!.shadowRoot!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (node.textContent?.includes('שלום')) return getComputedStyle(node.parentElement!).unicodeBidi;
      return 'not found';
    });
    expect(isolation).toBe('isolate');
    expect(problems).toEqual([]);
    await page.close();
  });
});
