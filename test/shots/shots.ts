// `pnpm shots [--only <text>] [--widths 320,375,1280]`: screenshots of every gallery page and of the
// live room (against a fresh reference server, seeded as a first start is) at 320, 375 and 1280 px,
// light and dark, English and Chinese — each page as a whole, then each disclosure (details,
// bag, sheets, the ops menu) open — into `shots/` (git-ignored), with `shots/index.html` to browse.
// Look at them before a change that touches how anything looks ships.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../e2e/support/chromium.js';
import { startDemo } from '../e2e/support/demo-server.js';
import { close, disclosures, open } from '../e2e/support/disclosures.js';
import { OPS_TOKEN, ServerProcess } from '../e2e/support/server-process.js';
import { consoleShots } from './console-shots.js';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'shots');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const widths = (arg('widths') ?? '320,375,1280').split(',').map(Number);
const only = arg('only');
const THEMES = ['light', 'dark'] as const;
const LANGS = ['en', 'zh-CN'] as const;

const galleries = readdirSync(join(ROOT, 'apps/demo/gallery'))
  .filter((file) => file.endsWith('.html'))
  .map((file) => ({ name: `gallery-${file.replace('.html', '')}`, path: `/gallery/${file}` }));

const server = new ServerProcess();
const [browser, demo] = await Promise.all([launchChromium(), startDemo(), server.start()]);
const pages = [
  {
    name: 'room',
    path: `/?${new URLSearchParams({ server: server.url, opsToken: OPS_TOKEN, room: 'shots' })}`,
  },
  ...galleries,
].filter((page) => !only || page.name.includes(only));

rmSync(OUT, { recursive: true, force: true });
const written: string[] = [];
const started = Date.now();
try {
  for (const page of pages) {
    mkdirSync(join(OUT, page.name), { recursive: true });
    for (const width of widths)
      for (const theme of THEMES)
        for (const lang of LANGS) {
          const context = await browser.newContext({ viewport: { width, height: width < 600 ? 760 : 860 } });
          const tab = await context.newPage();
          const url = `${demo.url}${page.path}${page.path.includes('?') ? '&' : '?'}theme=${theme}&lang=${lang}`;
          await tab.goto(url);
          // Live stores, images and the crowd: give the page a moment to look like itself.
          await tab.waitForTimeout(page.name === 'room' ? 2500 : 1200);
          const stem = `${width}-${theme}-${lang}`;
          const file = join(page.name, `${stem}.png`);
          await tab.screenshot({ path: join(OUT, file), fullPage: true });
          written.push(file);
          for (const disclosure of await disclosures(tab)) {
            await disclosure.trigger.scrollIntoViewIfNeeded();
            const surface = await open(tab, disclosure);
            if (surface) {
              const shot = join(page.name, `${stem}-${disclosure.name}.png`);
              await tab.screenshot({ path: join(OUT, shot) });
              written.push(shot);
            }
            await close(tab, disclosure);
          }
          await context.close();
          process.stderr.write(`${page.name} ${stem}: done\n`);
        }
  }
  if (!only || 'console'.includes(only))
    written.push(
      ...(await consoleShots({
        browser,
        server,
        demoUrl: demo.url,
        out: OUT,
        widths,
        themes: THEMES,
        langs: LANGS,
      })),
    );
} finally {
  await browser.close();
  await demo.close();
  await server.dispose();
}

const index = `<!doctype html><meta charset="utf-8"><title>Onair shots</title>
<style>body{font-family:system-ui;margin:1rem}figure{display:inline-block;margin:0 1rem 1rem 0;vertical-align:top}img{max-width:22rem;border:1px solid #ccc}figcaption{font-size:.8rem}</style>
<h1>Onair shots (${written.length})</h1>
${written.map((file) => `<figure><a href="${file}"><img src="${file}" loading="lazy" alt=""></a><figcaption>${file}</figcaption></figure>`).join('\n')}`;
writeFileSync(join(OUT, 'index.html'), index);
console.log(
  `${written.length} screenshots in ${OUT} (${Math.round((Date.now() - started) / 1000)} s); open shots/index.html`,
);
