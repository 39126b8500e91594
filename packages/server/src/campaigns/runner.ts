/**
 * Runs the rooms' campaigns on the server's clock: one `CampaignPlayer` (from @onair/campaign, the
 * same one the dry run uses) per room with a campaign, reading and changing the room through its
 * ops commands like any ops client. On start it resumes every room whose campaign has not ended.
 */
import { CampaignPlayer, type CommandAnswer, type PlayerEvent } from '@onair/campaign/model.js';
import type { Clock } from '@onair/core/feature.js';
import type { FastifyBaseLogger } from 'fastify';
import type { HostedRoom, RoomHost } from '../room-host.js';
import type { CampaignVersions } from './versions.js';

export interface RunnerOptions {
  rooms: RoomHost;
  versions: CampaignVersions;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Told of every command a campaign ran (tests, the console's log). */
  onRun?(room: string, event: PlayerEvent): void;
}

/** Runs `fn` on the room, loading it if need be and letting it go afterwards. */
export async function inRoom<T>(
  rooms: RoomHost,
  id: string,
  fn: (room: HostedRoom) => T | Promise<T>,
): Promise<T> {
  const room = rooms.get(id);
  try {
    await room.ready?.();
    return await fn(room);
  } finally {
    rooms.release(room);
  }
}

export class CampaignRunner {
  private readonly players = new Map<string, CampaignPlayer>();
  private readonly options: RunnerOptions;

  constructor(options: RunnerOptions) {
    this.options = options;
  }

  /** Reads the room's campaign again and runs what is due (after every change ops make). */
  wake(room: string): Promise<void> {
    let player = this.players.get(room);
    if (!player) {
      const { rooms, clock, log } = this.options;
      const answer = (run: (hosted: HostedRoom) => unknown) => () =>
        inRoom(rooms, room, run) as Promise<CommandAnswer>;
      player = new CampaignPlayer({
        clock,
        command: (name, input) => answer((hosted) => hosted.command(name, input))(),
        query: (name, input) => answer((hosted) => hosted.query(name, input))(),
        onRun: (event) => {
          if (!event.answer.ok)
            log.warn(
              { room, item: event.item, command: event.command, error: event.answer.error },
              'a campaign item was refused',
            );
          this.options.onRun?.(room, event);
        },
        onError: (err) => log.error({ err, room }, 'running a campaign failed; retrying on the next change'),
      });
      this.players.set(room, player);
    }
    return player.wake();
  }

  /** The campaign ended or was replaced by nothing: its player stops. */
  stop(room: string): void {
    this.players.get(room)?.stop();
    this.players.delete(room);
  }

  /** Resumes every room whose campaign has not ended (a restart). */
  async resume(): Promise<void> {
    await Promise.all(this.options.versions.running().map((room) => this.wake(room)));
  }

  close(): void {
    for (const player of this.players.values()) player.stop();
    this.players.clear();
  }
}
