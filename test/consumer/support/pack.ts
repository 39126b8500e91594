// Packs the public packages as `npm publish` would (pnpm pack runs each `prepack` guard and turns
// `workspace:^` into versions), and makes fresh projects from them outside the workspace.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** The packages a stranger installs, by folder. */
export const PUBLIC_PACKAGES = [
  'telemetry',
  'core',
  'polls',
  'gifts',
  'commerce',
  'surveys',
  'games',
  'campaign',
  'onair',
  'server',
] as const;

/** What `npm i @onair/server` brings of ours. */
export const SERVER_PACKAGES = [
  '@onair/server',
  '@onair/core',
  '@onair/polls',
  '@onair/gifts',
  '@onair/commerce',
  '@onair/surveys',
  '@onair/games',
  '@onair/campaign',
  '@onair/telemetry',
];

/** Packs every public package into a new temporary folder; returns package name → tarball. */
export function packAll(): Map<string, string> {
  const dest = mkdtempSync(join(tmpdir(), 'onair-tarballs-'));
  const tarballs = new Map<string, string>();
  for (const dir of PUBLIC_PACKAGES) {
    const cwd = join(ROOT, 'packages', dir);
    const { name } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { name: string };
    const before = new Set(readdirSync(dest));
    execFileSync('pnpm', ['pack', '--pack-destination', dest], {
      cwd,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const file = readdirSync(dest).find((f) => !before.has(f));
    if (!file) throw new Error(`pnpm pack wrote nothing for ${name}`);
    tarballs.set(name, join(dest, file));
  }
  return tarballs;
}

/** Deletes what `packAll()` wrote. */
export function removeTarballs(tarballs: Map<string, string>): void {
  const [first] = tarballs.values();
  if (first) rmSync(dirname(first), { recursive: true, force: true });
}

/**
 * A new project in the system's temp folder (outside the workspace, so nothing resolves from it):
 * `fixture`'s files plus the given tarballs as `file:` dependencies, installed with npm. npm's
 * own cache makes repeated runs cheap.
 */
export function makeProject(
  fixture: string,
  tarballs: Map<string, string>,
  names: string[],
  installFlags: string[] = [],
): string {
  const dir = mkdtempSync(join(tmpdir(), 'onair-consumer-'));
  cpSync(fixture, dir, { recursive: true });
  const pkgFile = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies?: Record<string, string> };
  pkg.dependencies = Object.fromEntries(names.map((name) => [name, `file:${tarballs.get(name)}`]));
  writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  npm(dir, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...installFlags]);
  return dir;
}

export function npm(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('npm', args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * better-sqlite3 compiles for a minute on two cores when it has no prebuilt binary (none can be
 * downloaded here). The workspace compiled the same version already: install without scripts and
 * reuse that binary; a different version is compiled as npm would.
 */
export function provideSqlite(dir: string): void {
  const own = join(dir, 'node_modules/better-sqlite3');
  const version = (path: string) =>
    (JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { version: string }).version;
  const workspace = join(
    createRequire(join(ROOT, 'packages/server/package.json')).resolve('better-sqlite3'),
    '../..',
  );
  const binary = join(workspace, 'build/Release/better_sqlite3.node');
  if (version(own) === version(workspace) && existsSync(binary)) {
    mkdirSync(join(own, 'build/Release'), { recursive: true });
    copyFileSync(binary, join(own, 'build/Release/better_sqlite3.node'));
  } else execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: dir, stdio: 'inherit' });
}
