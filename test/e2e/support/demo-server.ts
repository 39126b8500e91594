import { resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';

/** Serves `apps/demo` with Vite on a free loopback port; `server` points the demo at a live server. */
export async function startDemo(
  env: { server?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  if (env.server) process.env.VITE_ONAIR_SERVER = env.server;
  else delete process.env.VITE_ONAIR_SERVER;
  const vite: ViteDevServer = await createServer({
    configFile: resolve(import.meta.dirname, '../../../apps/demo/vite.config.ts'),
    root: resolve(import.meta.dirname, '../../../apps/demo'),
    server: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'error',
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('demo server has no port');
  return { url: `http://127.0.0.1:${address.port}`, close: () => vite.close() };
}
