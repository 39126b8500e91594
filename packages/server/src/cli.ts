/**
 * `onair-server`: parse flags and environment, start, and shut down gracefully on SIGTERM/SIGINT
 * (a second signal exits at once).
 */
import { createServer } from './app.js';
import { DEV_OPS_TOKEN, parseConfig, USAGE } from './config.js';

const parsed = parseConfig(process.argv.slice(2), process.env);
if (parsed.ok === 'help') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!parsed.ok) {
  process.stderr.write(`onair-server: ${parsed.message}\n`);
  process.exit(2);
}
const config = parsed.config;

const server = createServer({
  ...config,
  logger: { level: process.env['ONAIR_LOG_LEVEL'] ?? 'info' },
});
const { url } = await server.listen();
// A stable first line on stdout that scripts (dev runner, benchmark) can wait for.
process.stdout.write(`onair-server listening on ${url} (db ${config.db})\n`);
if (config.dev && config.opsToken === DEV_OPS_TOKEN)
  process.stdout.write(
    `onair-server dev mode: ops token "${DEV_OPS_TOKEN}", CORS ${config.corsOrigins.join(', ')}\n`,
  );

let stopping = false;
const stop = (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  server.app.log.info({ signal }, 'shutting down');
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      server.app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
