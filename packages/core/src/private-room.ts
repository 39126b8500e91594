import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Channel } from './channel/types.js';

/** A static embed's private in-page room (a memory room serving its `config`). */
export interface PrivateRoom {
  /** A channel to the room; pass the previous viewer id to stay the same viewer. */
  connect(viewer?: string): Channel;
}

/**
 * Owns the channel of a static embed: closes it when the element leaves the page, so no timer
 * keeps the private room alive, and reconnects as the same viewer when the element comes back
 * (a moved poll keeps its vote, a moved gift panel its wallet).
 */
export class PrivateRoomController implements ReactiveController {
  private room: PrivateRoom | null = null;
  private channel: Channel | null = null;
  private viewer: string | undefined;
  private connected = false;
  private readonly onChannel: (channel: Channel | null) => void;

  /** `onChannel` receives the channel to render from, or null when the element left the page. */
  constructor(host: ReactiveControllerHost, onChannel: (channel: Channel | null) => void) {
    this.onChannel = onChannel;
    host.addController(this);
  }

  /** Serves the element from `room` as a new viewer, or stops serving it (`null`). */
  use(room: PrivateRoom | null): void {
    this.close();
    this.room = room;
    this.viewer = undefined;
    if (room && this.connected) this.open();
  }

  hostConnected(): void {
    this.connected = true;
    if (this.room && !this.channel) this.open();
  }

  hostDisconnected(): void {
    this.connected = false;
    if (this.close()) this.onChannel(null);
  }

  private open(): void {
    this.channel = this.room!.connect(this.viewer);
    this.onChannel(this.channel);
  }

  /** Closes the current channel, remembering the viewer; true when there was one. */
  private close(): boolean {
    if (!this.channel) return false;
    this.viewer = this.channel.$viewer.get()?.id ?? this.viewer;
    this.channel.close();
    this.channel = null;
    return true;
  }
}
