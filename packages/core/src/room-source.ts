import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Channel } from './channel/types.js';
import type { ValidationIssue } from './validation/issue.js';

/** A `config` attribute that is not JSON, so the error names the attribute instead of a field. */
export const INVALID_JSON = Symbol('invalid-json');

/** Lit converter for a `config` attribute holding JSON; bad JSON becomes `INVALID_JSON`. */
export const jsonAttribute = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return INVALID_JSON;
    }
  },
};

/** A static embed's private in-page room (`createLocalRoom()` serving its `config`). */
export interface PrivateRoom {
  /** A channel to the room; pass the previous viewer id to stay the same viewer. */
  connect(viewer?: string): Channel;
  dispose?(): void;
}

/** What a widget's on-demand static module offers: validate-and-serve, and words for issues. */
export interface StaticModule {
  /** `id`: what the room serves when the widget needs to know (a static card's product). */
  serve(
    config: unknown,
  ): { ok: true; room: PrivateRoom; id?: string } | { ok: false; issues: ValidationIssue[] };
  describe(key: string, locale: string): string;
}

type Issue = { path: string; message: string };

export interface RoomSourceOptions<S> {
  /** Loads the static-config module on demand, so live embeds never download it. */
  load?: () => Promise<StaticModule>;
  /** The element's store over a channel; `id` is what a static module served. */
  create(channel: Channel, id: string | undefined): S;
  /** The store to render from, or null (no room, a bad config, or the element left the page). */
  use(store: S | null): void;
  /** Words for "this widget needs a room or a config", in the element's language. */
  noRoom(): string;
  locale(): string;
  invalid(issues: Issue[]): void;
  clear(): void;
}

/**
 * Where an element's state comes from: the room it is in (live), its own static `config` (a
 * private in-page room), or nowhere (an error that says so). One controller for every widget, so
 * they all switch sources, report problems and clean up the same way.
 *
 * A static embed's channel is closed when the element leaves the page, so no timer keeps the
 * private room alive, and it reconnects as the same viewer when the element comes back (a moved
 * poll keeps its vote, a moved gift panel its wallet).
 */
export class RoomSourceController<S> implements ReactiveController {
  /** The channel the store reads, live or private. */
  channel: Channel | null = null;
  private store: S | null = null;
  /** Undefined until the first update, so a missing room is reported at once. */
  private source: Channel | null | undefined = undefined;
  private config: unknown;
  private key: string | undefined;
  private room: PrivateRoom | null = null;
  private served: string | undefined;
  private viewer: string | undefined;
  private connected = false;
  private readonly options: RoomSourceOptions<S>;

  constructor(host: ReactiveControllerHost, options: RoomSourceOptions<S>) {
    this.options = options;
    host.addController(this);
  }

  /**
   * Call from `willUpdate`: the element's static config (undefined in a room), its room's channel,
   * and a key of whatever else its store is built from; any change builds the store again.
   */
  update(config: unknown, room: Channel | null, key = ''): void {
    if (config !== undefined) {
      if (config !== this.config || key !== this.key) void this.serve(config, key);
      return;
    }
    if (this.config !== undefined || this.room) this.usePrivate(null);
    this.config = undefined;
    if (room === this.source && key === this.key) return;
    this.source = room;
    this.key = key;
    this.open(room, undefined);
    if (!room) this.options.invalid([{ path: 'room', message: this.options.noRoom() }]);
  }

  hostConnected(): void {
    this.connected = true;
    if (this.room && !this.channel) this.open(this.room.connect(this.viewer), this.served);
  }

  hostDisconnected(): void {
    this.connected = false;
    if (this.room && this.closePrivate()) this.open(null, undefined);
  }

  /** Validates and serves a static config from its own in-page room (the module loads on demand). */
  private async serve(config: unknown, key: string): Promise<void> {
    this.config = config;
    this.key = key;
    this.source = undefined;
    const module = await this.options.load!();
    if (config !== this.config || key !== this.key) return; // replaced while the module loaded
    const result: ReturnType<StaticModule['serve']> =
      config === INVALID_JSON
        ? { ok: false, issues: [{ path: 'config', key: 'json' }] }
        : module.serve(config);
    if (result.ok) {
      this.served = result.id;
      this.usePrivate(result.room);
      return;
    }
    this.usePrivate(null);
    this.options.invalid(
      result.issues.map((issue) => ({
        path: issue.path,
        message: module.describe(issue.key, this.options.locale()),
      })),
    );
  }

  /** Serves from `room` as a new viewer, or stops serving a private room (`null`). */
  private usePrivate(room: PrivateRoom | null): void {
    this.closePrivate();
    this.room?.dispose?.();
    this.room = room;
    this.viewer = undefined;
    if (!room) this.open(null, undefined);
    else if (this.connected) this.open(room.connect(), this.served);
  }

  private open(channel: Channel | null, id: string | undefined): void {
    this.channel = channel;
    this.store = channel ? this.options.create(channel, id) : null;
    this.options.use(this.store);
    if (channel) this.options.clear();
  }

  /** Closes the private channel, remembering its viewer; true when there was one. */
  private closePrivate(): boolean {
    const channel = this.room ? this.channel : null;
    if (!channel) return false;
    this.viewer = channel.$viewer.get()?.id ?? this.viewer;
    channel.close();
    this.channel = null;
    return true;
  }
}
