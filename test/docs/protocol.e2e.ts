// PROTOCOL.md against the code: every error code a host can put on the wire is in its table of
// codes, and the limits and windows it states are the ones the hosts apply.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_RETENTION_MS, MAX_FRAME_BYTES, MAX_RECORD_BYTES } from '@onair/core/protocol.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../packages/server/src/index.js';
import { ROOT } from './snippets.js';

const protocol = readFileSync(join(ROOT, 'packages/core/PROTOCOL.md'), 'utf8');
const section = (title: string) => protocol.split(/^## /m).find((s) => s.startsWith(title)) ?? '';

/** Where the wire's codes are made: the codec, the feature engine, the live channel, identity. */
const SOURCES = [
  'packages/core/src/protocol/codec.ts',
  'packages/core/src/protocol/action-keys.ts',
  'packages/core/src/feature/engine.ts',
  'packages/server/src/live.ts',
  'packages/server/src/live-limits.ts',
  'packages/server/src/rooms.ts',
  'packages/server/src/identity.ts',
];
/** Codes of the ops HTTP API only, documented in the server README. */
const OPS_ONLY = new Set(['invalid_body', 'unknown_command']);

describe('PROTOCOL.md', () => {
  it('lists every error code the hosts send in frames and acks', () => {
    const codes = new Set<string>();
    for (const file of SOURCES) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(
        /(?:code:|refuse\(|fatal\(|invalidIssue\(|error\()[^'`;]{0,60}?'([a-z]+(?:_[a-z]+)+|unauthorized)'/gs,
      ))
        if (!OPS_ONLY.has(match[1]!)) codes.add(match[1]!);
    }
    expect(codes.size).toBeGreaterThan(15);
    const table = section('10. Error codes');
    const missing = [...codes].filter((code) => !table.includes(`| \`${code}\``));
    expect(missing).toEqual([]);
  });

  it('states the limits the hosts apply', () => {
    const { connectionFrames, viewerActions, resyncs } = DEFAULT_LIMITS;
    const limits = section('13. Rate limits');
    for (const claim of [
      `${connectionFrames.rate} frames/s, burst ${connectionFrames.burst}`,
      `${viewerActions.rate} actions/s, burst ${viewerActions.burst}`,
      `${resyncs.burst} snapshots at once, then one per ${1 / resyncs.rate} s`,
      `**Connections per client address and room:** ${DEFAULT_LIMITS.connectionsPerAddress};`,
      `**Rooms in memory:** ${DEFAULT_LIMITS.maxRooms.toLocaleString('en')};`,
      `**Bytes queued for a client:** ${DEFAULT_LIMITS.maxBufferedBytes / 2 ** 20} MiB;`,
      `**For all clients together:** ${DEFAULT_LIMITS.maxTotalBufferedBytes / 2 ** 20} MiB;`,
    ])
      expect(limits).toContain(claim);
    expect(section('7. Actions')).toContain(`**${KEY_RETENTION_MS / 3_600_000} hours**`);
    expect(section('2. Transport')).toContain(`**${MAX_RECORD_BYTES / 1024} KiB**`);
    expect(section('2. Transport')).toContain(`**${MAX_FRAME_BYTES / 1024} KiB**`);
  });
});
