import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Subscribes a Lit element to a nanostore while the element is connected. The store can be
 * swapped (a widget learns its channel from context after it connects).
 * `@nanostores/lit` is CommonJS-only and fails in the browser test runner, hence this file.
 */
export class StoreController<T> implements ReactiveController {
  value: T;
  private store: ReadableAtom<T> | null;
  private unsubscribe: (() => void) | null = null;
  private connected = false;
  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost, store: ReadableAtom<T> | null, initial: T) {
    this.host = host;
    this.store = store;
    this.value = store ? store.get() : initial;
    host.addController(this);
  }

  setStore(store: ReadableAtom<T> | null): void {
    if (store === this.store) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = store;
    if (this.connected) this.subscribe();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private subscribe(): void {
    if (!this.store) return;
    this.unsubscribe = this.store.subscribe((value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }
}
