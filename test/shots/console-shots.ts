// The ops console's screenshots for `pnpm shots`: a room filled by the simulated crowd with its
// pages' telemetry (scripts/dev-seed.js, as `pnpm dev` does), then the sign-in page, the dashboard
// (as it opens, then with every data table open), the Campaigns page (a live campaign with two
// pushed versions, one open in the editor: form, JSON and timeline) and the audit log at each width,
// light and dark, en and zh-CN.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { OPS_TOKEN, type ServerProcess } from '../e2e/support/server-process.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ROOM = 'shots-console';

export async function consoleShots(options: {
  browser: Browser;
  server: ServerProcess;
  demoUrl: string;
  out: string;
  widths: number[];
  themes: readonly string[];
  langs: readonly string[];
}): Promise<string[]> {
  const { browser, server, out } = options;
  const token = (
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'packages/server/bin/onair-server.js'),
          'tokens',
          'create',
          '--name',
          'ana',
          '--scopes',
          'stats:read,audit:read,campaigns:read,campaigns:write',
          '--db',
          server.db,
          '--json',
        ],
        { encoding: 'utf8' },
      ),
    ) as { token: string }
  ).token;
  await new Promise<void>((done, fail) => {
    const seed = spawn(process.execPath, [join(ROOT, 'scripts/dev-seed.js')], {
      stdio: 'inherit',
      env: {
        ...process.env,
        ONAIR_SERVER: server.url,
        ONAIR_ROOM: ROOM,
        ONAIR_OPS_TOKEN: OPS_TOKEN,
        DEMO_URL: `${options.demoUrl}/`,
      },
    });
    seed.on('exit', (code) => (code === 0 ? done() : fail(new Error(`dev-seed exited with ${code}`))));
  });
  // Heartbeats every 15 s, a stall in the first minute: give the crowd time to fill every chart.
  await new Promise((done) => setTimeout(done, 45_000));
  // An ops action for the audit log.
  await server.ops('POST', `/v1/rooms/${ROOM}/commands/product.pin`, {
    product: 'serum',
    replaceOldest: true,
  });

  // A campaign live in the room, pushed twice (the second a rollback), for the Campaigns page.
  const goLive = new Date(Date.now() + 3_600_000).toISOString();
  const pushed = await server.ops('PUT', `/v1/rooms/${ROOM}/campaign`, shotsCampaign(goLive));
  if (pushed.status !== 201) throw new Error(`campaign push: ${JSON.stringify(pushed.body)}`);
  await server.ops('POST', `/v1/rooms/${ROOM}/campaign/versions/1/rollback`);
  await server.ops('POST', `/v1/rooms/${ROOM}/campaign/live`);
  await new Promise((done) => setTimeout(done, 6_000)); // the poll fires at +5 s

  const written: string[] = [];
  mkdirSync(join(out, 'console'), { recursive: true });
  for (const width of options.widths)
    for (const theme of options.themes)
      for (const lang of options.langs) {
        const stem = `${width}-${theme}-${lang}`;
        const context = await browser.newContext({ viewport: { width, height: width < 600 ? 760 : 900 } });
        await context.addInitScript(
          ([l, th]) => {
            localStorage.setItem('onair-console-lang', l as string);
            localStorage.setItem('onair-console-theme', th as string);
          },
          [lang, theme],
        );
        const tab = await context.newPage();
        await tab.goto(`${server.url}/console/`);
        await tab.waitForTimeout(600);
        await tab.screenshot({ path: join(out, 'console', `${stem}-sign-in.png`), fullPage: true });
        written.push(join('console', `${stem}-sign-in.png`));
        await tab.locator('sl-input[name="token"] input').fill(token);
        await tab.keyboard.press('Enter');
        await tab.goto(`${server.url}/console/#/dashboard?room=${ROOM}&range=15m`);
        await tab.waitForSelector('[data-figure="viewers"]');
        await tab.waitForTimeout(2500);
        await tab.screenshot({ path: join(out, 'console', `${stem}-dashboard.png`), fullPage: true });
        written.push(join('console', `${stem}-dashboard.png`));
        for (const details of await tab.locator('details').all())
          await details.evaluate((d) => d.setAttribute('open', ''));
        await tab.waitForTimeout(300);
        await tab.screenshot({ path: join(out, 'console', `${stem}-dashboard-tables.png`), fullPage: true });
        written.push(join('console', `${stem}-dashboard-tables.png`));
        await tab.goto(`${server.url}/console/#/campaigns?room=${ROOM}`);
        await tab.waitForSelector('[data-testid="campaign-status"]');
        await tab.locator('[data-version="1"] sl-button').first().click(); // version 1 into the editor
        await tab.waitForSelector('[data-path="timeline[2].args.product"]');
        await tab.waitForTimeout(1200);
        for (const view of ['form', 'json', 'timeline', 'preview'] as const) {
          if (view !== 'form') {
            await tab.locator(`sl-tab[panel="${view}"]`).click();
            await tab.waitForTimeout(view === 'json' ? 1500 : 400);
          }
          if (view === 'preview') {
            // Played at 60×: the poll (+5 s) is in its slot after a tenth of a second.
            await tab.locator('[data-testid="preview-play"]').click();
            await tab.waitForTimeout(1500);
          }
          await tab.screenshot({
            path: join(out, 'console', `${stem}-campaigns-${view}.png`),
            fullPage: true,
          });
          written.push(join('console', `${stem}-campaigns-${view}.png`));
        }
        await tab.locator('[data-rollback="1"]').click();
        await tab.waitForTimeout(500);
        await tab.screenshot({ path: join(out, 'console', `${stem}-campaigns-rollback.png`) });
        written.push(join('console', `${stem}-campaigns-rollback.png`));
        await tab.goto(`${server.url}/console/#/audit`);
        await tab.waitForTimeout(1000);
        await tab.screenshot({ path: join(out, 'console', `${stem}-audit.png`), fullPage: true });
        written.push(join('console', `${stem}-audit.png`));
        await context.close();
        process.stderr.write(`console ${stem}: done\n`);
      }
  return written;
}

/** The campaign on the Campaigns page's shots: a product, a poll, a pin, a manual close, a test. */
function shotsCampaign(goLive: string) {
  return {
    id: 'friday',
    title: 'Friday brand day',
    room: ROOM,
    goLive,
    timeline: [
      {
        id: 'mug',
        command: 'product.put',
        args: { product: 'mug', config: { title: 'Holiday mug', price: { amount: 4900, currency: 'CNY' } } },
        trigger: { type: 'offset', ms: 0 },
      },
      {
        id: 'poll',
        command: 'poll.create',
        args: {
          poll: {
            id: 'p-friday',
            question: 'Which colour next?',
            options: [
              { id: 'red', label: 'Red' },
              { id: 'green', label: 'Green' },
            ],
          },
          open: true,
        },
        trigger: { type: 'offset', ms: 5_000 },
        end: { afterMs: 600_000 },
        slot: 'overlay-bottom-left',
        show: { element: 'onair-poll', attributes: { poll: 'p-friday' } },
      },
      {
        id: 'pin',
        command: 'product.pin',
        args: { product: 'mug' },
        trigger: { type: 'offset', ms: 300_000 },
        slot: 'overlay-bottom-right',
        show: { element: 'onair-product-card', attributes: { product: 'mug', pinned: '' } },
      },
      {
        id: 'close-poll',
        command: 'poll.close',
        args: { poll: 'p-friday' },
        trigger: { type: 'manual' },
      },
    ],
    experiments: [
      {
        key: 'promo-label',
        weights: [0.5, 0.5],
        variations: [
          { id: 'control' },
          { id: 'discount', items: { pin: { attributes: { promotion: '限时直降 20 元' } } } },
        ],
      },
    ],
  };
}
