/**
 * Live commerce on the server: each room's products and pins, kept in this module's own SQLite
 * tables and broadcast as `products` / `pins` records. The rules are `@onair/commerce/model.js`,
 * shared with the in-memory demo room; this file adds storage and broadcast.
 *
 * Presentation windows (a product pinned → unpinned) are also written to `commerce_pin_windows`,
 * so CTR per window can be computed from the server's own record as well as from telemetry.
 */

import {
  adjustStock,
  type Catalog,
  type Changed,
  emptyCatalog,
  type Outcome,
  PINS_ID,
  type PinsRecord,
  type ProductRecord,
  patchProduct,
  pinProduct,
  putProduct,
  removeProduct,
  unpinProduct,
} from '@onair/commerce/model.js';
import type { RecordValue } from '@onair/core/channel.js';
import type { Clock } from './clock.js';
import type { Database } from './db.js';
import type { Room, RoomRegistry } from './rooms.js';

const TABLES = `
  CREATE TABLE IF NOT EXISTS commerce_products (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    record TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (room, id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS commerce_pins (
    room TEXT PRIMARY KEY,
    record TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS commerce_pin_windows (
    room TEXT NOT NULL,
    product TEXT NOT NULL,
    pinned_at INTEGER NOT NULL,
    unpinned_at INTEGER,
    PRIMARY KEY (room, product, pinned_at)
  ) WITHOUT ROWID;`;

export interface PinWindow {
  product: string;
  pinnedAt: number;
  unpinnedAt: number | null;
}

interface ProductDeps {
  db: Database;
  rooms: RoomRegistry;
  clock: Clock;
}

export class ProductService {
  /** Catalogs by room id; loaded when the room is, changed only through the model's rules. */
  private readonly catalogs = new Map<string, Catalog>();
  private readonly deps: ProductDeps;
  private readonly save: (room: string, catalog: Catalog, changed: Changed, before: PinsRecord) => void;
  private readonly selectProducts;
  private readonly selectPins;
  private readonly selectWindows;

  constructor(deps: ProductDeps) {
    this.deps = deps;
    const { db } = deps;
    db.exec(TABLES);
    this.selectProducts = db.prepare<[string], { record: string }>(
      'SELECT record FROM commerce_products WHERE room = ? ORDER BY id',
    );
    this.selectPins = db.prepare<[string], { record: string }>(
      'SELECT record FROM commerce_pins WHERE room = ?',
    );
    this.selectWindows = db.prepare<
      [string],
      { product: string; pinnedAt: number; unpinnedAt: number | null }
    >(
      'SELECT product, pinned_at AS pinnedAt, unpinned_at AS unpinnedAt FROM commerce_pin_windows WHERE room = ? ORDER BY pinned_at',
    );
    const upsert = db.prepare(
      'INSERT INTO commerce_products (room, id, record, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (room, id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
    );
    const remove = db.prepare('DELETE FROM commerce_products WHERE room = ? AND id = ?');
    const upsertPins = db.prepare(
      'INSERT INTO commerce_pins (room, record) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET record = excluded.record',
    );
    const openWindow = db.prepare(
      'INSERT OR IGNORE INTO commerce_pin_windows (room, product, pinned_at) VALUES (?, ?, ?)',
    );
    const closeWindow = db.prepare(
      'UPDATE commerce_pin_windows SET unpinned_at = ? WHERE room = ? AND product = ? AND pinned_at = ?',
    );
    // One transaction per ops call: the products, the pins and the windows agree after a crash.
    this.save = db.transaction((room: string, catalog: Catalog, changed: Changed, before: PinsRecord) => {
      const now = deps.clock.now();
      for (const id of changed.products) {
        const record = catalog.products.get(id);
        if (record) upsert.run(room, id, JSON.stringify(record), record.updatedAt);
        else remove.run(room, id);
      }
      if (!changed.pins) return;
      upsertPins.run(room, JSON.stringify(catalog.pins));
      for (const id of before.productIds)
        if (catalog.pins.since[id] !== before.since[id]) closeWindow.run(now, room, id, before.since[id]);
      for (const id of catalog.pins.productIds)
        if (before.since[id] !== catalog.pins.since[id]) openWindow.run(room, id, catalog.pins.since[id]);
    });

    deps.rooms.use({
      coll: 'products',
      all: (room) => {
        const out: Record<string, RecordValue> = {};
        for (const [id, product] of this.catalog(room).products) out[id] = product as unknown as RecordValue;
        return out;
      },
      get: (room, id) => (this.catalog(room).products.get(id) ?? null) as RecordValue | null,
      load: (room) => this.load(room),
      reload: (room) => {
        const before = new Set(this.catalog(room).products.keys());
        this.load(room);
        for (const id of this.catalog(room).products.keys()) before.add(id);
        return before;
      },
    });
    // The pins record always exists, so a late joiner knows "nothing pinned" from "not loaded".
    deps.rooms.use({
      coll: 'pins',
      all: (room) => ({ [PINS_ID]: this.catalog(room).pins as unknown as RecordValue }),
      get: (room, id) => (id === PINS_ID ? (this.catalog(room).pins as unknown as RecordValue) : null),
      reload: () => [PINS_ID],
    });
  }

  list(room: Room): { products: ProductRecord[]; pins: PinsRecord; windows: PinWindow[] } {
    const catalog = this.catalog(room);
    return {
      products: [...catalog.products.values()],
      pins: catalog.pins,
      windows: this.selectWindows.all(room.id),
    };
  }

  put(room: Room, config: Parameters<typeof putProduct>[1]): Outcome<ProductRecord> {
    return this.apply(room, (catalog, now) => putProduct(catalog, config, now));
  }

  patch(room: Room, id: string, patch: Parameters<typeof patchProduct>[2]): Outcome<ProductRecord> {
    return this.apply(room, (catalog, now) => patchProduct(catalog, id, patch, now));
  }

  stock(room: Room, id: string, delta: number): Outcome<ProductRecord & { oversold: number }> {
    return this.apply(room, (catalog, now) => adjustStock(catalog, id, delta, now));
  }

  pin(room: Room, id: string, replaceOldest: boolean): Outcome<PinsRecord> {
    return this.apply(room, (catalog, now) => pinProduct(catalog, id, now, replaceOldest));
  }

  unpin(room: Room, id: string): Outcome<PinsRecord> {
    return this.apply(room, (catalog) => unpinProduct(catalog, id));
  }

  remove(room: Room, id: string): Outcome<{ deleted: string }> {
    return this.apply(room, (catalog) => removeProduct(catalog, id));
  }

  /**
   * Runs a rule on a copy of the catalog, stores the result, then makes it visible and queues the
   * broadcast. A failed write leaves memory as it was, so viewers never see what was not stored.
   */
  private apply<T>(room: Room, rule: (catalog: Catalog, now: number) => Outcome<T>): Outcome<T> {
    const current = this.catalog(room);
    const draft: Catalog = { products: new Map(current.products), pins: current.pins };
    const outcome = rule(draft, this.deps.clock.now());
    if (!outcome.ok) return outcome;
    const { products, pins } = outcome.changed;
    if (products.length || pins) {
      room.persist();
      this.save(room.id, draft, outcome.changed, current.pins);
      this.catalogs.set(room.id, draft);
      for (const id of products) room.changed('products', id);
      if (pins) room.changed('pins', PINS_ID);
    }
    return outcome;
  }

  private catalog(room: Room): Catalog {
    let catalog = this.catalogs.get(room.id);
    if (!catalog) {
      catalog = emptyCatalog();
      this.catalogs.set(room.id, catalog);
    }
    return catalog;
  }

  private load(room: Room): void {
    const catalog = emptyCatalog();
    for (const row of this.selectProducts.all(room.id)) {
      const record = JSON.parse(row.record) as ProductRecord;
      catalog.products.set(record.id, record);
    }
    const pins = this.selectPins.get(room.id);
    if (pins) catalog.pins = JSON.parse(pins.record) as PinsRecord;
    this.catalogs.set(room.id, catalog);
  }
}
