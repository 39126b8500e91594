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

/** What a widget's on-demand static module offers: validate-and-serve, and words for issues. */
export interface StaticModule {
  serve(config: unknown): { ok: true; room: PrivateRoom } | { ok: false; issues: ValidationIssue[] };
  describe(key: string, locale: string): string;
}

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

  /**
   * Serves a static `config`: loads the widget's static module (on demand, so live embeds never
   * download the validator or the memory room), validates, and serves the private room. Resolves
   * with the localized issues to report, or null when serving (or when `current()` says the config
   * was replaced while the module loaded).
   */
  async serveConfig(
    config: unknown,
    options: { load: () => Promise<StaticModule>; locale: string; current: () => boolean },
  ): Promise<{ path: string; message: string }[] | null> {
    const module = await options.load();
    if (!options.current()) return null;
    const result: ReturnType<StaticModule['serve']> =
      config === INVALID_JSON
        ? { ok: false, issues: [{ path: 'config', key: 'json' }] }
        : module.serve(config);
    if (result.ok) {
      this.use(result.room);
      return null;
    }
    this.use(null);
    return result.issues.map((issue) => ({
      path: issue.path,
      message: module.describe(issue.key, options.locale),
    }));
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
