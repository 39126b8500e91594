import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { viteAliases } from '../../scripts/workspace-aliases.js';

const page = (path: string) => resolve(import.meta.dirname, path);

export default defineConfig({
  resolve: { alias: viteAliases() },
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'development') },
  server: { host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 5173), strictPort: true },
  preview: { host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 4173), strictPort: true },
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: {
        room: page('index.html'),
        gallery: page('gallery/index.html'),
        poll: page('gallery/poll.html'),
        commerce: page('gallery/commerce.html'),
        gifts: page('gallery/gifts.html'),
        survey: page('gallery/survey.html'),
        quiz: page('gallery/quiz.html'),
        draw: page('gallery/draw.html'),
        slot: page('gallery/slot.html'),
        rain: page('gallery/rain.html'),
      },
    },
  },
});
