// Layout tests over every gallery page (a new page in apps/demo/gallery joins by itself) and the
// live room, at 320, 375 and 1280 px, in both themes and both languages (each width sees both
// themes, and each language once): no horizontal page overflow, no element poking out of its
// container, every open popover or sheet opaque and inside the viewport, axe-core's rules (color
// contrast included) with each disclosure closed and open, and a visible focus indicator on
// every control Tab reaches.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { startDemo } from './support/demo-server.js';
import { close, disclosures, open } from './support/disclosures.js';
import { focusIndicator, overflowingElements } from './support/layout-checks.js';
import { watchForBreakage } from './support/page-problems.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const galleryDir = resolve(import.meta.dirname, '../../apps/demo/gallery');
const PAGES = [
  '/',
  ...readdirSync(galleryDir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => `/gallery/${file}`),
];
const VIEWS = [
  { width: 320, theme: 'light', lang: 'zh-CN' },
  { width: 320, theme: 'dark', lang: 'en' },
  { width: 375, theme: 'light', lang: 'en' },
  { width: 375, theme: 'dark', lang: 'zh-CN' },
  { width: 1280, theme: 'light', lang: 'zh-CN' },
  { width: 1280, theme: 'dark', lang: 'en' },
] as const;
/** Tab presses at most per page: every control of the busiest page, with room to spare. */
const MAX_TABS = 160;

let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemo>>;

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

interface AxeResult {
  violations: { id: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** axe-core on the whole page, or only on what `open()` just opened (the rest was checked closed). */
async function axe(page: Page, surface = false): Promise<string[]> {
  const result = await page.evaluate(
    async ([source, scoped]) => {
      // Live feeds keep fading new items in: judge colours at rest, not halfway through a fade.
      for (const animation of document.getAnimations())
        if (animation.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY) animation.finish();
      const w = window as unknown as { axe?: { run(ctx: unknown, opts: unknown): Promise<unknown> } };
      if (!w.axe) new Function(source as string)();
      const target = scoped ? document.querySelector('[data-open-surface]') : null;
      // A node inside a shadow root is given as its path: host selectors, then the node's.
      const path = (el: Element): string[] => {
        const root = el.getRootNode();
        const index = [...el.parentNode!.children].indexOf(el) + 1;
        const own = `${el.localName}:nth-child(${index})`;
        if (!(root instanceof ShadowRoot)) return [own];
        return [...path(root.host), own];
      };
      return w.axe!.run(target ? { include: [path(target)] } : document, {
        resultTypes: ['violations'],
        rules: { region: { enabled: false } },
      });
    },
    [axeSource, surface] as const,
  );
  return (result as AxeResult).violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
    ),
  );
}

/** Tabs through the page and lists the controls that show no focus indicator. */
async function unfocusedControls(page: Page): Promise<string[]> {
  const seen = new Set<string>();
  const missing: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(focusIndicator);
    if (!focus) continue;
    if (seen.has(focus.key)) break;
    seen.add(focus.key);
    if (!focus.visible) missing.push(focus.name);
  }
  return missing;
}

describe('layout over every gallery page and the live room', () => {
  for (const path of PAGES)
    for (const view of VIEWS) {
      const label = `${path} at ${view.width} px, ${view.theme}, ${view.lang}`;
      it(label, async () => {
        const context = await browser.newContext({
          viewport: { width: view.width, height: view.width < 600 ? 760 : 860 },
          bypassCSP: true, // axe-core is injected as a script
        });
        const page = await context.newPage();
        const problems = watchForBreakage(page);
        const url = `${demo.url}${path}${path.includes('?') ? '&' : '?'}theme=${view.theme}&lang=${view.lang}`;
        await page.goto(url);
        await page.waitForTimeout(1200);
        // The gallery's simulated crowds hold still, and motion ends: contrast and boxes are
        // judged on what a viewer sees at rest.
        await page.evaluate(() => document.documentElement.setAttribute('data-still', ''));
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await page.waitForTimeout(400);

        const scroll = await page.evaluate(() => document.scrollingElement!.scrollWidth - innerWidth);
        expect(scroll, 'horizontal page overflow (px)').toBeLessThanOrEqual(0);
        expect(await page.evaluate(overflowingElements), 'elements wider than their container').toEqual([]);
        expect(await axe(page), 'axe, everything closed').toEqual([]);
        expect(await unfocusedControls(page), 'controls without a visible focus indicator').toEqual([]);

        for (const disclosure of await disclosures(page)) {
          await disclosure.trigger.scrollIntoViewIfNeeded();
          const surface = await open(page, disclosure);
          expect(surface, `${disclosure.name} opens something`).not.toBeNull();
          const { box, viewport, alpha } = surface!;
          expect(alpha, `${disclosure.name} is opaque`).toBe(1);
          expect(
            box.left >= -0.5 &&
              box.top >= -0.5 &&
              box.right <= viewport.width + 0.5 &&
              box.bottom <= viewport.height + 0.5,
            `${disclosure.name} inside the viewport: ${JSON.stringify(box)}`,
          ).toBe(true);
          expect(await axe(page, true), `axe, ${disclosure.name} open`).toEqual([]);
          await close(page, disclosure);
        }
        expect(problems).toEqual([]);
        await context.close();
      });
    }
});
