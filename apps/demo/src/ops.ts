/**
 * How the demo's ops buttons reach the room: the reference server's ops API when the page runs
 * against a server, or the in-page memory room when it runs offline.
 */
import { type Channel, createChannel, createMemoryRoom, type MemoryRoom, type Transport } from '@onair/core';
import { type PollConfigInput, servePolls } from '@onair/polls/model.js';

export interface Ops {
  mode: 'server' | 'offline';
  transport: Transport | undefined;
  /** The in-page room (offline only), for features that serve their own records on it. */
  memory?: MemoryRoom;
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
    const answer = (await response.json()) as { error?: { message?: string } } & Record<string, unknown>;
    if (!response.ok) throw new Error(answer.error?.message);
    return answer;
  };
  return {
    mode: 'server',
    transport: undefined,
    openPoll: async (config) => void (await call('POST', '/polls?open=true', config)),
    closePoll: async (pollId) => void (await call('POST', `/polls/${encodeURIComponent(pollId)}/close`)),
    crowd: async (on) =>
      void (await (on
        ? call('POST', '/crowd', { viewers: 60, votesPerSecond: 3 })
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

/** Offline: one memory room in this tab; the crowd votes through the same protocol as viewers. */
export function offlineOps(room: string): Ops {
  const memory: MemoryRoom = createMemoryRoom({ room });
  const polls = servePolls(memory);
  let crowd: { timer: ReturnType<typeof setInterval>; viewers: Channel[] } | null = null;
  return {
    mode: 'offline',
    transport: memory.transport({ latencyMs: 30 }),
    memory,
    async openPoll(config) {
      polls.open(config);
    },
    async closePoll(pollId) {
      polls.close(pollId);
    },
    roomState: async () => ({
      state: memory.state() as Record<string, Record<string, unknown>>,
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
        createChannel({ room, transport: memory.transport() }),
      );
      for (const viewer of viewers) viewer.connect();
      const timer = setInterval(() => {
        const open = Object.values(memory.state().polls ?? {}).filter((p) => p.status === 'open');
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
