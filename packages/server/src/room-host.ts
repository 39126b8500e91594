/**
 * What the live channel and the ops routes need of the rooms, whichever host runs them: the
 * single-node `RoomRegistry` (rooms in memory in front of SQLite) or cluster mode's `ClusterHost`
 * (rooms owned by one node at a time, state in Redis). Methods the cluster host can only answer
 * after a round trip return promises; the single-node host answers at once.
 */
import type { AnyFeature } from '@onair/core/feature.js';
import type { AckFrame, RoomState } from '@onair/core/protocol.js';
import type { Viewer } from './identity.js';
import type { CommandResult, RoomClient } from './rooms.js';

export interface HostedRoom {
  readonly id: string;
  readonly version: string;
  readonly seq: number;
  /** Distinct viewers connected (to this node). */
  readonly viewerCount: number;
  /** Connections (to this node). */
  readonly clients: { readonly size: number };
  readonly engine: { opsState(): RoomState };
  /** Resolves once the room is loaded (ops read `version`, `seq` and `engine` after it). */
  ready?(): Promise<void>;
  join(client: RoomClient): void;
  leave(client: RoomClient, released: () => void): void;
  /** The snapshot frames for a viewer; from then on `client` gets the room's deltas. */
  snapshot(viewer: Viewer, client: RoomClient): string[] | Promise<string[]>;
  /** Answers a key seen before with its first ack and returns true; false for a new key. */
  replay(viewer: string, key: string, reply: (ack: string) => void): boolean;
  act(
    viewer: Viewer,
    name: string,
    payload: unknown,
    key: string,
    reply: (ack: AckFrame | string) => void,
    /** The connection's measured round trip: the action's latency allowance (the engine caps it). */
    latencyMs: number,
  ): void;
  command(name: string, input: unknown): CommandResult | Promise<CommandResult>;
  query(name: string, input: unknown): CommandResult | Promise<CommandResult>;
}

export interface RoomHost {
  readonly features: readonly AnyFeature[];
  /** The room; throws `RoomsFull` past the host's room limit. */
  get(id: string): HostedRoom;
  /** Lets go of a room nothing keeps any more. */
  release(room: HostedRoom): void;
}
