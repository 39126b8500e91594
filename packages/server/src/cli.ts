/**
 * `onair-server`: `tokens …` manages named ops tokens (`tokens-cli.ts`); otherwise parse flags and environment, start, and shut down gracefully on SIGTERM, SIGINT
 * or SIGHUP, or when the package manager that started it exits (a second signal exits at once).
 */
import { createServer } from './app.js';
import { DEV_OPS_TOKEN, parseConfig, USAGE } from './config.js';
import { holdUntilReleased } from './held-stream.js';
import { whenParentExits } from './parent-watch.js';

// `onair-server tokens …` manages named ops tokens in the file and exits; the rest starts the server.
if (process.argv[2] === 'tokens') {
  const { runTokensCli } = await import('./tokens-cli.js');
  process.exit(
    runTokensCli(process.argv.slice(3), process.env, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    }),
  );
}

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

// Log lines wait until the "listening" line is out, so it is always the first line on stdout
// (Fastify logs its own "Server listening" while `listen()` runs).
const logs = holdUntilReleased(process.stdout);
const server = createServer({
  ...config,
  logger: { level: process.env['ONAIR_LOG_LEVEL'] ?? 'info', stream: logs },
});
let url: string;
try {
  ({ url } = await server.listen());
} catch (err) {
  logs.release();
  process.stderr.write(
    `onair-server: cannot listen on ${config.host}:${config.port}: ${(err as Error).message}\n`,
  );
  process.exit(1);
}
// A stable first line on stdout that scripts (dev runner, benchmark) can wait for.
process.stdout.write(`onair-server listening on ${url} (db ${config.db})\n`);
if (config.dev && config.opsToken === DEV_OPS_TOKEN)
  process.stdout.write(
    `onair-server dev mode: ops token "${DEV_OPS_TOKEN}", CORS ${config.corsOrigins.join(', ')}\n`,
  );
logs.release();

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
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
// Started by a package manager (`npx onair-server`, `pnpm start`): the signal it got went to the
// shell between us, so its exit is the signal. Not for other launches: `nohup onair-server &`
// must outlive the shell that started it.
// A Ctrl-C reaches us and the package manager alike: its exit then is no second signal.
if (process.env['npm_lifecycle_event'] || process.env['npm_command'])
  whenParentExits(() => {
    if (!stopping) stop('parent exited');
  });
