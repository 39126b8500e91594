/**
 * A conformance scenario runs once per host with the same assertions, and records what it saw (acks,
 * command answers, what viewers hold); the two records must be equal. A new feature adds its
 * scenarios next to the others; a difference between the hosts is a failing test.
 */
import type { AckFrame } from '@onair/core/protocol.js';
import { expect, it } from 'vitest';
import { type Answer, type Host, startHost } from './hosts.js';

export interface Transcript {
  /** Records `value` under `label` and returns it. */
  log<T>(label: string, value: T): T;
  /** Runs a command, records its answer and expects it to succeed. */
  ok(host: Host, name: string, input: unknown): Promise<Answer & { ok: true }>;
  /** Runs a command, records its answer and expects the refusal `code` (and `path`, if given). */
  refused(host: Host, name: string, input: unknown, code: string, path?: string): Promise<Answer>;
}

type Body = (host: Host, t: Transcript) => Promise<void>;

const HOSTS: Host['name'][] = ['in-page', 'server', 'cluster'];

export function scenario(name: string, body: Body, options: { restarts?: boolean } = {}): void {
  // Three hosts in turn, one of them two nodes and a redis-server: more than a unit test's 20 s on a
  // loaded 2-core machine.
  it(name, { timeout: 60_000 }, async () => {
    const seen: Partial<Record<Host['name'], unknown[]>> = {};
    for (const kind of HOSTS) {
      const host = await startHost(kind);
      if (options.restarts && !host.persists) {
        await host.close();
        continue;
      }
      const entries: unknown[] = [];
      const t: Transcript = {
        log(label, value) {
          entries.push([label, value]);
          return value;
        },
        async ok(host, command, input) {
          const answer = t.log(command, await host.command(command, input));
          expect(answer, `${kind}: ${command} ${JSON.stringify(answer)}`).toMatchObject({ ok: true });
          return answer as Answer & { ok: true };
        },
        async refused(host, command, input, code, path) {
          const answer = t.log(command, await host.command(command, input));
          expect(answer, `${kind}: ${command}`).toMatchObject({ ok: false, error: { code } });
          if (path !== undefined) expect(answer.ok || answer.error.path).toBe(path);
          return answer;
        },
      };
      try {
        await body(host, t);
      } catch (error) {
        if (error instanceof Error) error.message = `[${kind}] ${error.message}`;
        throw error;
      } finally {
        await host.close();
      }
      seen[kind] = entries;
    }
    if (seen['in-page'] && seen['server']) expect(seen['in-page']).toEqual(seen['server']);
    if (seen['server'] && seen['cluster']) expect(seen['cluster']).toEqual(seen['server']);
  });
}

/** What an ack says, without the key (scenarios pick their own). */
export function said(ack: AckFrame): object {
  const { key: _key, t: _t, ...rest } = ack;
  return rest;
}
