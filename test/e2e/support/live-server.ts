import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type OnairServer } from '../../../packages/server/src/app.js';
import { type Database, openSqlite } from '../../../packages/server/src/db.js';

export interface LiveServer {
  server: OnairServer;
  /** A connection to the collector's own file (`events.db` next to the live one), for reading. */
  events: Database;
  url: string;
  opsToken: string;
  /** An ops API call for `room` with the ops token; JSON in, JSON out. */
  ops(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The reference server in this process on a free loopback port, with a SQLite file of its own. */
export async function startLiveServer(room: string, opsToken = `e2e-${room}-ops-token`): Promise<LiveServer> {
  const dir = mkdtempSync(join(tmpdir(), `onair-${room}-`));
  const server = createServer({ port: 0, db: join(dir, 'onair.db'), opsToken, corsOrigins: ['*'] });
  const { url } = await server.listen();
  const events = openSqlite(join(dir, 'events.db'));
  return {
    server,
    events,
    url,
    opsToken,
    async ops(method, path, body) {
      const res = await fetch(`${url}/v1/rooms/${room}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${opsToken}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      events.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
