/**
 * How the demo's ops buttons reach the room: every feature's ops command by name, sent to the
 * reference server (`POST /v1/rooms/:room/commands/<name>`) or run by the in-page room offline —
 * the same commands, the same answers.
 */

import { productsFeature } from '@onair/commerce/model.js';
import { type Channel, createChannel, type RecordValue, type Transport } from '@onair/core';
import { createLocalRoom, type LocalRoom, localNetwork } from '@onair/core/local-room.js';
import { giftsFeature } from '@onair/gifts/model.js';
import { type PollConfigInput, pollsFeature } from '@onair/polls/model.js';

export interface Ops {
  mode: 'server' | 'offline';
  transport: Transport | undefined;
  /** Runs an ops command (`poll.create`, `product.pin`, `gift.grant`, …); rejects with its message. */
  command(name: string, input: unknown): Promise<RecordValue>;
  openPoll(config: PollConfigInput): Promise<void>;
  closePoll(pollId: string): Promise<void>;
  crowd(on: boolean): Promise<void>;
  /** The room's collections (polls, products, pins, gifts…) as ops see them, and whether its crowd runs. */
  roomState(): Promise<{ state: Record<string, Record<string, unknown>>; crowd: boolean }>;
}

export function serverOps(server: string, room: string, token: string): Ops {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(`/v1/rooms/${encodeURIComponent(room)}${path}`, server), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await response.json()) as RecordValue & { error?: { message?: string } };
    if (!response.ok) throw new Error(answer.error?.message);
    return answer;
  };
  const command = (name: string, input: unknown) =>
    call('POST', `/commands/${encodeURIComponent(name)}`, input);
  return {
    mode: 'server',
    transport: undefined,
    command,
    openPoll: async (config) => void (await command('poll.create', { poll: config, open: true })),
    closePoll: async (poll) => void (await command('poll.close', { poll })),
    crowd: async (on) =>
      void (await (on
        ? call('POST', '/crowd', { viewers: 60, votesPerSecond: 3, telemetry: true })
        : call('DELETE', '/crowd'))),
    roomState: async () => {
      const room = (await call('GET', '')) as {
        state?: Record<string, Record<string, unknown>>;
        crowd?: unknown;
      };
      return { state: room.state ?? {}, crowd: !!room.crowd };
    },
  };
}

/** Offline: one in-page room in this tab; the crowd votes through the same protocol as viewers. */
export function offlineOps(room: string): Ops {
  const local: LocalRoom = createLocalRoom({
    room,
    features: [pollsFeature, giftsFeature({ startingBalance: 10_000 }), productsFeature],
  });
  const network = localNetwork(local);
  const command = async (name: string, input: unknown) => {
    const answer = local.command(name, input);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.result;
  };
  let crowd: { timer: ReturnType<typeof setInterval>; viewers: Channel[] } | null = null;
  return {
    mode: 'offline',
    transport: network.transport({ latencyMs: 30 }),
    command,
    openPoll: async (config) => void (await command('poll.create', { poll: config, open: true })),
    closePoll: async (poll) => void (await command('poll.close', { poll })),
    roomState: async () => ({
      state: local.state() as Record<string, Record<string, unknown>>,
      crowd: !!crowd,
    }),
    async crowd(on) {
      if (crowd) {
        clearInterval(crowd.timer);
        for (const viewer of crowd.viewers) viewer.close();
        crowd = null;
      }
      if (!on) return;
      const viewers = Array.from({ length: 60 }, () =>
        createChannel({ room, transport: network.transport() }),
      );
      for (const viewer of viewers) viewer.connect();
      const timer = setInterval(() => {
        const open = Object.values(local.state()['polls'] ?? {}).filter((p) => p['status'] === 'open');
        const poll = open[0] as { id: string; options: { id: string }[] } | undefined;
        const viewer = viewers[Math.floor(Math.random() * viewers.length)];
        if (!poll || !viewer) return;
        const option = poll.options[Math.floor(Math.random() * poll.options.length)]!;
        viewer.act('poll.vote', { poll: poll.id, choice: [option.id] }).catch(() => {});
      }, 150);
      crowd = { timer, viewers };
    },
  };
}
