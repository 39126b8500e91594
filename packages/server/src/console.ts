/**
 * The ops console (`apps/console`) at `/console/`: its built files, copied into this package's
 * `console/` folder by the build (`scripts/build-console.js`), served as they are under a strict
 * Content-Security-Policy — scripts, styles, fonts and calls to this origin only, nothing inline,
 * no eval, no framing. (No Trusted Types enforcement: `<sl-icon>` writes its SVG with innerHTML;
 * the console's own markup is Lit templates only.) The console signs in with a named ops token it keeps in sessionStorage and calls the
 * ops API of the same origin; these files themselves are public (they hold no data).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Both `src/` (tests) and `dist/` (the package) sit next to `console/`. */
export const CONSOLE_DIR = fileURLToPath(new URL('../console/', import.meta.url));

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // Shoelace's `<sl-icon>` fetches its built-in icons from data: URLs; a data: URL carries
  // nothing out of the page, so this opens no channel to anywhere.
  "connect-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const secure = (reply: FastifyReply) =>
  reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin');

export async function consoleRoutes(app: FastifyInstance, options: { dir?: string } = {}): Promise<void> {
  const dir = resolve(options.dir ?? CONSOLE_DIR);
  app.get('/console', async (_req, reply) => reply.redirect('/console/', 302));
  app.get('/console/*', async (req, reply) => {
    const rest = (req.params as { '*': string })['*'] || 'index.html';
    const file = resolve(dir, rest);
    // Only files inside the folder, and only types this list knows.
    const type = TYPES[extname(file)];
    if (!file.startsWith(dir + sep) || !type)
      return reply.code(404).send({ error: { code: 'not_found', message: 'no such console file' } });
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) {
      const message =
        rest === 'index.html'
          ? 'the console is not built: run `pnpm build` (it copies apps/console into the server package)'
          : 'no such console file';
      return reply.code(404).send({ error: { code: 'not_found', message } });
    }
    // Vite names the assets by content: cache them for good; the page itself is always re-checked.
    const immutable = rest.startsWith('assets/');
    return secure(reply)
      .type(type)
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(await readFile(file));
  });
}
