// The ops console's screenshots for `pnpm shots`: a room filled by the simulated crowd with its
// pages' telemetry (scripts/dev-seed.js, as `pnpm dev` does), then the sign-in page, the dashboard
// (as it opens, then with every data table open) and the audit log at each width, light and dark,
// en and zh-CN.
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
          'stats:read,audit:read',
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
        await tab.goto(`${server.url}/console/#/audit`);
        await tab.waitForTimeout(1000);
        await tab.screenshot({ path: join(out, 'console', `${stem}-audit.png`), fullPage: true });
        written.push(join('console', `${stem}-audit.png`));
        await context.close();
        process.stderr.write(`console ${stem}: done\n`);
      }
  return written;
}
