/**
 * For tests, the gallery and benches: an in-page room running the given features, reached over
 * real frames (`transport()`) by the network channel client, with ops commands that throw on a
 * refusal so a test setup cannot fail silently.
 */
import type { Channel, Transport } from '@onair/core/channel.js';
import type { AnyFeature } from '@onair/core/feature.js';
import { createLocalRoom, type LocalRoom, localNetwork } from '@onair/core/local-room.js';
import type { RecordValue } from '@onair/core/protocol.js';

export interface TestRoom {
  room: string;
  local: LocalRoom;
  /** A new transport onto the room, for `createRoom({ room, transport })` or `<onair-room>`. */
  transport(options?: { latencyMs?: number }): Transport;
  /** Runs an ops command; throws with the refusal's code and message. */
  ops(name: string, input: unknown): RecordValue;
  /** Acts as a simulated viewer (one direct channel per viewer id); rejects with the refusal. */
  act(viewer: string, name: string, payload: Record<string, unknown>): Promise<RecordValue>;
}

export function testRoom(
  features: readonly AnyFeature[],
  options: { room?: string; flushMs?: number } = {},
): TestRoom & { network: ReturnType<typeof localNetwork> } {
  const room = options.room ?? `test-${Math.random().toString(36).slice(2)}`;
  const local = createLocalRoom({ room, features, flushMs: options.flushMs ?? 0 });
  const network = localNetwork(local);
  const viewers = new Map<string, Channel>();
  return {
    room,
    local,
    network,
    transport: (transportOptions) => network.transport(transportOptions),
    ops(name, input) {
      const result = local.command(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
      return result.result;
    },
    async act(viewer, name, payload) {
      const channel = viewers.get(viewer) ?? local.connect(viewer);
      viewers.set(viewer, channel);
      return (await channel.act(name, payload)).result;
    },
  };
}
