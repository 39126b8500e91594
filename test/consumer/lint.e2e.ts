// publint (package.json against the files it points at) and Are the Types Wrong (what each
// `exports` entry resolves to for node16 ESM and bundlers) on the tarballs as they would be
// published. The packages are ESM-only, hence attw's `esm-only` profile (no CJS `require`).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packAll, ROOT, removeTarballs } from './support/pack.js';

const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/** Runs a command; returns whether it succeeded and what it printed. */
function lint(command: string, args: string[], cwd = ROOT): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

describe('published tarballs', () => {
  const tarballs = packAll();
  afterAll(() => removeTarballs(tarballs));
  for (const [name, tarball] of tarballs)
    it(`${name}: publint --strict and attw are clean`, () => {
      const publint = lint(bin('publint'), ['run', tarball, '--strict']);
      expect(publint.output).toContain('All good!');
      expect(publint.ok).toBe(true);
      // attw exits non-zero on any problem its profile does not ignore.
      const attw = lint(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped']);
      expect(attw.output).toContain(`"${name}"`);
      expect(attw.ok, attw.output).toBe(true);
      console.log(`${name}: publint all good; attw no problems (esm-only)`);
    });
});

describe('the prepack guard', () => {
  it('refuses to pack a package whose declarations (or any exported file) are missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onair-unbuilt-'));
    copyFileSync(join(ROOT, 'packages/polls/package.json'), join(dir, 'package.json'));
    const result = lint(process.execPath, [join(ROOT, 'scripts/check-pack.js')], dir);
    rmSync(dir, { recursive: true, force: true });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('refusing to pack');
    expect(result.output).toContain('./dist/types/onair-poll.d.ts');
  });
});
