// Custom-elements-manifest analyzer settings for every element package (run by scripts/manifest.js
// in the package folder). The raw manifest goes to .tsbuild; manifest.js writes the shipped one,
// so the analyzer must not point package.json's `customElements` at the raw file.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.spec.ts', 'src/**/*.d.ts'],
  outdir: '.tsbuild/cem',
  litelement: true,
  packagejson: false,
  quiet: true,
};
