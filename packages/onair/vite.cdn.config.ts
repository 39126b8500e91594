// The single-file CDN build: every element and every dependency in one minified ES module, for
// `<script type="module" src=".../onair.js">` on any static host.
import { defineConfig } from 'vite';
import { viteAliases } from '../../scripts/workspace-aliases.js';

export default defineConfig({
  resolve: { alias: viteAliases() },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    lib: { entry: { onair: `${import.meta.dirname}/src/index.ts` }, formats: ['es'] },
    target: 'es2022',
    outDir: `${import.meta.dirname}/dist`,
    emptyOutDir: false,
    minify: true,
    // One file: static-config code that widgets load on demand is inlined too.
    rolldownOptions: { output: { inlineDynamicImports: true } },
  },
});
