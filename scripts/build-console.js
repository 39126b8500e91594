// Builds the ops console (apps/console, Vite) and copies its output into the server package's
// `console/` folder, which `onair-server` serves at /console/ and the package ships (`files`).
// Run by the server's `build`, so `pnpm build` leaves a server with its console.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const app = resolve(root, 'apps/console');
const target = resolve(root, 'packages/server/console');

execFileSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], {
  cwd: app,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
const built = resolve(app, 'dist');
if (!existsSync(resolve(built, 'index.html'))) throw new Error('apps/console: the build wrote no index.html');
rmSync(target, { recursive: true, force: true });
cpSync(built, target, { recursive: true });
process.stdout.write(`console: copied ${built} → ${target}\n`);
