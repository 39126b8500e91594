// A stranger's project: the public packages packed as for publishing, installed with npm into a
// fresh folder outside the workspace, built with vite (plain, React 19, Vue 3), served under a
// strict CSP with Trusted Types enforced, and operated in Chromium; a consumer file type-checks
// with tsc against the shipped declarations.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/chromium.js';
import { watchForBreakage } from '../e2e/support/page-problems.js';
import { serveDirectory } from '../support/static-server.js';
import { makeProject, packAll, removeTarballs } from './support/pack.js';

const BROWSER_PACKAGES = [
  '@onair/telemetry',
  '@onair/core',
  '@onair/polls',
  '@onair/gifts',
  '@onair/commerce',
  '@onair/surveys',
  '@onair/games',
  '@onair/campaign',
  'onair',
];

/** What a careful host page sends; `trusted-types` names the policies the README documents. */
const csp = (policies: string) =>
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  `require-trusted-types-for 'script'; trusted-types ${policies}`;

let project = '';
let browser: Browser;
const log: string[] = [];

beforeAll(async () => {
  const started = performance.now();
  const tarballs = packAll();
  project = makeProject(join(import.meta.dirname, 'fixtures'), tarballs, BROWSER_PACKAGES);
  removeTarballs(tarballs); // installed: npm copied what it needs
  log.push(`packed and installed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (project) rmSync(project, { recursive: true, force: true });
  console.log(`consumer project: ${log.join('; ')}`);
});

const FIXTURES = [
  { name: 'vanilla', policies: 'lit-html' },
  { name: 'react', policies: 'lit-html' },
  // Vue creates a policy of its own for static template content.
  { name: 'vue', policies: 'lit-html vue' },
] as const;

describe('a consumer project built with vite', () => {
  for (const { name, policies } of FIXTURES)
    it(`${name}: renders and operates a poll and a product card under a strict CSP`, async () => {
      const started = performance.now();
      execFileSync(join(project, 'node_modules/.bin/vite'), ['build', name, '--logLevel', 'warn'], {
        cwd: project,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      log.push(`${name} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const site = await serveDirectory(join(project, name, 'dist'), {
        'content-security-policy': csp(policies),
      });
      const page = await browser.newPage();
      const problems = watchForBreakage(page);
      try {
        await voteAndAddToCart(page, site.origin, name);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
        await site.close();
      }
    }, 120_000);

  it('vanilla: works on a page that leaves enumerable junk on Object.prototype and Array.prototype', async () => {
    const dist = join(project, 'vanilla', 'dist');
    if (!existsSync(dist))
      execFileSync(join(project, 'node_modules/.bin/vite'), ['build', 'vanilla', '--logLevel', 'warn'], {
        cwd: project,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    const site = await serveDirectory(dist, { 'content-security-policy': csp('lit-html') });
    const page = await browser.newPage();
    // Before any module runs, as a careless host page (or an old library) would.
    await page.addInitScript(
      'Object.prototype.junk = 1; Object.prototype.hostHelper = function () {}; Array.prototype.last = function () {};',
    );
    const problems = watchForBreakage(page);
    try {
      await voteAndAddToCart(page, site.origin, 'vanilla');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await site.close();
    }
  }, 120_000);

  it('type-checks a consumer file with tsc (DOM, React 19 JSX, Vue GlobalComponents)', () => {
    const started = performance.now();
    let output = '';
    try {
      execFileSync(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
        cwd: project,
        encoding: 'utf8',
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    log.push(`tsc in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(output).toBe('');
  }, 180_000); // tsc alone takes ~10 s; a loaded two-core machine, several times that
});

/** What every fixture page offers, operated as a viewer: vote in the poll, add the card's product to the cart. */
async function voteAndAddToCart(page: Page, origin: string, fixture: string): Promise<void> {
  await page.goto(origin);
  const poll = page.locator('onair-poll');
  await expect
    .poll(() => poll.evaluate((el) => el.shadowRoot?.textContent ?? ''))
    .toContain('Tea or coffee?');
  await poll.getByRole('radio', { name: 'Tea' }).check();
  await poll.getByRole('button', { name: 'Vote' }).click();
  await expect.poll(() => page.locator('#voted').textContent()).toBe('voted tea');
  const card = page.locator('onair-product-card');
  await card.getByRole('button', { name: 'Add to cart' }).click();
  await expect
    .poll(() => card.evaluate((el) => el.shadowRoot?.textContent ?? ''))
    .toContain(`Added lip (${fixture})`);
}
