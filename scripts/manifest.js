// Writes a package's custom-elements.json. The analyzer reads the sources (JSDoc `@tag`, `@event`,
// `@csspart`, `@cssproperty`, `@slot`; Lit properties); this step then makes the manifest describe
// what ships: one module per element, at the `dist/` file that registers it (the sources are not
// in the tarball), each element completed with what it inherits from OnairElement in @onair/core,
// and nothing that is not a registered tag. `--umbrella` merges the manifests of the packages the
// umbrella re-exports, at the umbrella's own paths.
// Run in the package folder, after `tsc -b` (core's raw manifest must exist for the others).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = process.cwd();
const pkg = readJson(join(dir, 'package.json'));
const RAW = '.tsbuild/cem/custom-elements.json';

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The `exports` subpath file (`dist/onair-poll.js`) that registers `tag`, or undefined. */
function entryFor(pkgJson, tag) {
  const target = pkgJson.exports?.[`./${tag}.js`];
  const file = typeof target === 'string' ? target : target?.import;
  return file?.replace(/^\.\//, '');
}

const isPublic = (item) => !item.static && !item.privacy && !item.name.startsWith('_');

/** Items of `base` that `own` lacks (matched by name), marked as inherited. */
function inherit(own = [], base = [], from) {
  const names = new Set(own.map((item) => item.name));
  return [
    ...own,
    ...base.filter((item) => !names.has(item.name)).map((item) => ({ ...item, inheritedFrom: from })),
  ];
}

/** Runs the analyzer and returns its raw manifest. */
function analyze() {
  const cli = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  const config = join(root, 'scripts/cem.config.mjs');
  execFileSync(process.execPath, [cli, 'analyze', '--config', config], { cwd: dir, stdio: 'inherit' });
  return readJson(join(dir, RAW));
}

function baseClass() {
  const raw = join(root, 'packages/core', RAW);
  if (!existsSync(raw)) throw new Error(`${raw} is missing: build @onair/core first`);
  for (const mod of readJson(raw).modules)
    for (const decl of mod.declarations ?? []) if (decl.name === 'OnairElement') return decl;
  throw new Error('OnairElement is not in @onair/core’s manifest');
}

/** The shipped manifest of one package: its tagged classes, each in the module that registers it. */
function packageManifest() {
  const raw = analyze();
  const base = baseClass();
  const from = { name: 'OnairElement', package: '@onair/core' };
  const modules = [];
  for (const mod of raw.modules)
    for (const decl of mod.declarations ?? []) {
      if (!decl.customElement || !decl.tagName) continue; // OnairElement itself is no element
      const path = entryFor(pkg, decl.tagName);
      if (!path) throw new Error(`<${decl.tagName}> (${mod.path}) has no "./${decl.tagName}.js" export`);
      const element = {
        ...decl,
        members: inherit((decl.members ?? []).filter(isPublic), (base.members ?? []).filter(isPublic), from),
        attributes: inherit(decl.attributes, base.attributes, from),
        events: inherit(decl.events, base.events, from),
        cssParts: inherit(decl.cssParts, base.cssParts, from),
        superclass: { name: 'OnairElement', package: '@onair/core' },
      };
      modules.push(elementModule(path, element));
    }
  return modules;
}

function elementModule(path, element) {
  const declaration = { name: element.name, module: path };
  return {
    kind: 'javascript-module',
    path,
    declarations: [element],
    exports: [
      { kind: 'js', name: element.name, declaration },
      { kind: 'custom-element-definition', name: element.tagName, declaration },
    ],
  };
}

/** The umbrella's manifest: every element of the packages it re-exports, at its own paths. */
function umbrellaManifest() {
  const modules = [];
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    const depDir = join(root, 'packages', dep.replace('@onair/', ''));
    const depPkg = readJson(join(depDir, 'package.json'));
    if (!depPkg.customElements) continue;
    for (const mod of readJson(join(depDir, depPkg.customElements)).modules)
      for (const element of mod.declarations) {
        const path = entryFor(pkg, element.tagName);
        if (path) modules.push(elementModule(path, element));
      }
  }
  return modules.sort((a, b) => a.path.localeCompare(b.path));
}

const modules = process.argv.includes('--umbrella') ? umbrellaManifest() : packageManifest();
const manifest = { schemaVersion: '2.1.0', readme: 'README.md', modules };
writeFileSync(
  join(dir, pkg.customElements ?? 'custom-elements.json'),
  `${JSON.stringify(manifest, null, 2)}\n`,
);
