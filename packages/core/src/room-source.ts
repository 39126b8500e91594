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
  /** The element's store over a channel; `id` is what a static module served. */
  create(channel: Channel, id: string | undefined): S;
  /** The store to render from, or null (no room, a bad config, or the element left the page). */
  use(store: S | null): void;
  /** Words for "this widget needs a room", in the element's language. */
  noRoom(): string;
  invalid(issues: Issue[]): void;
  clear(): void;
}

/**
 * Where an element's state comes from: the room it is in, or nowhere (an error that says so). One
 * controller for every widget, so they all switch rooms and report a missing one the same way;
 * `StaticSourceController` adds a widget's own static `config`.
 */
export class RoomSourceController<S> implements ReactiveController {
  /** The channel the store reads. */
  channel: Channel | null = null;
  /** Undefined until the first update, so a missing room is reported at once. */
  protected source: Channel | null | undefined = undefined;
  protected key: string | undefined;
  protected readonly options: RoomSourceOptions<S>;

  constructor(host: ReactiveControllerHost, options: RoomSourceOptions<S>) {
    this.options = options;
    host.addController(this);
  }

  /**
   * Call from `willUpdate`: the room's channel and a key of whatever else the store is built from
   * (the element's selectors); any change builds the store again.
   */
  update(room: Channel | null, key = ''): void {
    if (room === this.source && key === this.key) return;
    this.source = room;
    this.key = key;
    this.open(room, undefined);
    if (!room) this.options.invalid([{ path: 'room', message: this.options.noRoom() }]);
  }

  hostConnected(): void {}

  protected open(channel: Channel | null, id: string | undefined): void {
    this.channel = channel;
    const store = channel ? this.options.create(channel, id) : null;
    this.options.use(store);
    if (channel) this.options.clear();
  }
}

export interface StaticSourceOptions<S> extends RoomSourceOptions<S> {
  /** Loads the static-config module on demand, so live embeds never download it. */
  load(): Promise<StaticModule>;
  locale(): string;
}

/**
 * A widget that also takes a static `config`: it then runs on a private in-page room. The room's
 * channel is closed when the element leaves the page, so no timer keeps it alive, and reconnects as
 * the same viewer when the element comes back (a moved poll keeps its vote, a panel its wallet).
 */
export class StaticSourceController<S> extends RoomSourceController<S> {
  private config: unknown;
  private room: PrivateRoom | null = null;
  private served: string | undefined;
  private viewer: string | undefined;
  private connected = false;
  private readonly load: StaticSourceOptions<S>['load'];
  private readonly locale: () => string;

  constructor(host: ReactiveControllerHost, options: StaticSourceOptions<S>) {
    super(host, options);
    this.load = options.load;
    this.locale = options.locale;
  }

  /** Call from `willUpdate` with the element's static config (undefined in a room) first. */
  serve(config: unknown, room: Channel | null, key = ''): void {
    if (config === undefined) {
      if (this.config !== undefined || this.room) this.usePrivate(null);
      this.config = undefined;
      this.update(room, key);
    } else if (config !== this.config || key !== this.key) void this.serveConfig(config, key);
  }

  override hostConnected(): void {
    this.connected = true;
    if (this.room && !this.channel) this.open(this.room.connect(this.viewer), this.served);
  }

  hostDisconnected(): void {
    this.connected = false;
    if (this.closePrivate()) this.open(null, undefined);
  }

  /** Validates and serves a static config from its own in-page room (the module loads on demand). */
  private async serveConfig(config: unknown, key: string): Promise<void> {
    this.config = config;
    this.key = key;
    this.source = undefined;
    const module = await this.load();
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
        message: module.describe(issue.key, this.locale()),
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
