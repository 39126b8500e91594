/**
 * The collector alone on its own Fastify app, for the browser tests, the ingest benchmark and
 * anyone who wants only telemetry. `setup` runs before the collector registers, so hooks it adds
 * (fault injection, a test page) wrap the collector's routes.
 */
import BetterSqlite3 from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { type CollectorOptions, collectorPlugin } from './index.js';

export interface StandaloneOptions extends Omit<CollectorOptions, 'db'> {
  /** SQLite file or `:memory:` (default). */
  file?: string;
  setup?: (app: FastifyInstance) => void;
}

export interface CollectorServer {
  app: FastifyInstance;
  db: BetterSqlite3.Database;
  /** Listens on 127.0.0.1; returns the base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

export async function createCollectorServer(options: StandaloneOptions): Promise<CollectorServer> {
  const db = new BetterSqlite3(options.file ?? ':memory:');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const app = Fastify({ logger: false });
  options.setup?.(app);
  await app.register(collectorPlugin, { ...options, db });
  return {
    app,
    db,
    listen: (port = 0) => app.listen({ host: '127.0.0.1', port }),
    async close() {
      await app.close();
      db.close();
    },
  };
}
