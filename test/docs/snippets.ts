// The code blocks of README.md and every package README, each with the kind of run its
// `<!-- snippet: kind -->` marker asks for (the line before the fence).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * - `page`: HTML for a page on a static host, no bundler (CDN URLs are served from packages/onair);
 * - `vite-page`: HTML whose module script vite bundles;
 * - `module`: a browser module, bundled and run in a page;
 * - `node`: an ES module run by Node inside packages/server (so `@onair/server` is the build);
 * - `shell`: server command lines, run from the repository;
 * - `installed-shell`: command lines run in a fresh project that installed the packed tarballs;
 * - `fragment (why)`: not runnable on its own, and says why.
 */
export const KINDS = ['page', 'vite-page', 'module', 'node', 'shell', 'installed-shell', 'fragment'] as const;
export type Kind = (typeof KINDS)[number];

export interface Snippet {
  /** `packages/server/README.md:12` */
  where: string;
  kind: Kind | null;
  /** A fragment's reason. */
  reason: string;
  lang: string;
  code: string;
}

export function readmes(): string[] {
  const packages = readdirSync(join(ROOT, 'packages')).map((dir) => join(ROOT, 'packages', dir, 'README.md'));
  return [join(ROOT, 'README.md'), ...packages].filter((file) => {
    try {
      return readFileSync(file, 'utf8').length > 0;
    } catch {
      return false;
    }
  });
}

export function snippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of readmes()) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^```(\S*)/.exec(lines[i]!);
      if (!open) continue;
      const close = lines.findIndex((line, j) => j > i && line.startsWith('```'));
      const marker = /^<!-- snippet: ([\w-]+)(?: \((.+)\))? -->$/.exec(lines[i - 1] ?? '');
      const kind = marker && (KINDS as readonly string[]).includes(marker[1]!) ? (marker[1] as Kind) : null;
      out.push({
        where: `${relative(ROOT, file)}:${i + 1}`,
        kind,
        reason: marker?.[2] ?? '',
        lang: open[1] ?? '',
        code: lines.slice(i + 1, close).join('\n'),
      });
      i = close;
    }
  }
  return out;
}
