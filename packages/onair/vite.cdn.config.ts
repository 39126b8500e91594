// The CDN builds, for pages without a bundler (every dependency inside, minified, production):
// - dist/onair.js: every element in one ES module;
// - dist/cdn/: the autoloader and one entry per element (`onair-poll.js` …) over shared chunks,
//   so `import 'onair/onair-poll.js'` behind an import map, or the autoloader, loads one element.
// Run twice by `pnpm build`: `ONAIR_CDN=single` for onair.js, else the split build. Both survive a
// host page's enumerable junk on `Object.prototype` (scripts/vite-own-keys.js).
import { defineConfig } from 'vite';
import { ownKeysOnly } from '../../scripts/vite-own-keys.js';
import { viteAliases } from '../../scripts/workspace-aliases.js';

const src = `${import.meta.dirname}/src`;
const single = process.env.ONAIR_CDN === 'single';
const tags = [
  'room',
  'poll',
  'gift-panel',
  'gift-feed',
  'gift-effects',
  'product-card',
  'product-shelf',
  'survey',
  'quiz',
  'quiz-leaderboard',
  'lucky-draw',
  'debug',
];

export default defineConfig({
  plugins: [ownKeysOnly()],
  resolve: { alias: viteAliases() },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    lib: {
      entry: single
        ? { onair: `${src}/index.ts` }
        : {
            autoloader: `${src}/autoloader.ts`,
            ...Object.fromEntries(tags.map((tag) => [`onair-${tag}`, `${src}/onair-${tag}.ts`])),
          },
      formats: ['es'],
    },
    target: 'es2022',
    outDir: `${import.meta.dirname}/dist${single ? '' : '/cdn'}`,
    emptyOutDir: !single,
    minify: true,
    rolldownOptions: {
      output: {
        // Whole-file minification: nothing bundles these files again, so no annotations to keep.
        minify: true,
        // One file: static-config code that widgets load on demand is inlined too.
        ...(single ? { codeSplitting: false } : { chunkFileNames: 'chunks/[name]-[hash].js' }),
      },
    },
  },
});
