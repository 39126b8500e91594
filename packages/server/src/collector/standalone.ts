/**
 * The collector alone on its own Fastify app, for the browser tests, the ingest benchmark and
 * anyone who wants only telemetry. `setup` runs before the collector registers, so hooks it adds
 * (fault injection, a test page) wrap the collector's routes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Database, openSqlite } from '../db.js';
import { errorAnswerOptions, installErrorAnswers } from '../errors.js';
import { type CollectorOptions, collectorPlugin } from './index.js';

export interface StandaloneOptions extends Omit<CollectorOptions, 'file'> {
  /** SQLite file; default a temporary one, removed on close. */
  file?: string;
  setup?: (app: FastifyInstance) => void;
}

export interface CollectorServer {
  app: FastifyInstance;
  /** A connection of this thread to the events file, for reading what was stored (tests). */
  db: Database;
  /** Listens on 127.0.0.1; returns the base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

export async function createCollectorServer(options: StandaloneOptions): Promise<CollectorServer> {
  // A file, not `:memory:`: the collector's thread and this `db` must see the same rows.
  const temp = options.file ? null : mkdtempSync(join(tmpdir(), 'onair-collector-'));
  const file = options.file ?? join(temp!, 'events.db');
  const app = Fastify({ logger: false, ...errorAnswerOptions });
  installErrorAnswers(app);
  options.setup?.(app);
  await app.register(collectorPlugin, { ...options, file });
  const db = openSqlite(file);
  return {
    app,
    db,
    listen: (port = 0) => app.listen({ host: '127.0.0.1', port }),
    async close() {
      await app.close();
      db.close();
      if (temp) rmSync(temp, { recursive: true, force: true });
    },
  };
}
