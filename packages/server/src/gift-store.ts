/** The gift tables: catalogs per room and the ledger (one row per debit or grant). */
import type { Catalog, GiftEvent } from '@onair/gifts/model.js';
import type { Database } from './db.js';

export interface LedgerRow {
  seq: number;
  room: string;
  viewer: string;
  key: string;
  kind: 'send' | 'grant';
  gift: string | null;
  quantity: number | null;
  amount: number;
  balance: number;
  comboId: string | null;
  comboCount: number | null;
  at: number;
}

export interface SendRow {
  room: string;
  viewer: string;
  key: string;
  event: GiftEvent;
  balance: number;
  ack: string;
}

export type GiftStore = ReturnType<typeof createGiftStore>;

export function createGiftStore(db: Database) {
  db.exec(`CREATE TABLE IF NOT EXISTS gift_catalogs (
      room TEXT PRIMARY KEY,
      catalog TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS gift_ledger (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      room TEXT NOT NULL,
      viewer TEXT NOT NULL,
      key TEXT NOT NULL,
      kind TEXT NOT NULL,
      gift TEXT,
      quantity INTEGER,
      amount INTEGER NOT NULL,
      balance INTEGER NOT NULL,
      combo_id TEXT,
      combo_count INTEGER,
      sender_id TEXT,
      sender_name TEXT,
      event TEXT,
      at INTEGER NOT NULL,
      UNIQUE (room, viewer, key)
    );
    CREATE INDEX IF NOT EXISTS gift_ledger_combo ON gift_ledger (room, viewer, combo_id);`);

  const selectCatalog = db.prepare<[string], { catalog: string }>(
    'SELECT catalog FROM gift_catalogs WHERE room = ?',
  );
  const upsertCatalog = db.prepare(
    `INSERT INTO gift_catalogs (room, catalog, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (room) DO UPDATE SET catalog = excluded.catalog, updated_at = excluded.updated_at`,
  );
  const countCombo = db.prepare<[string, string, string, string], { n: number }>(
    "SELECT COUNT(*) AS n FROM gift_ledger WHERE room = ? AND viewer = ? AND combo_id = ? AND gift = ? AND kind = 'send'",
  );
  const insertLedger = db.prepare(
    `INSERT INTO gift_ledger (room, viewer, key, kind, gift, quantity, amount, balance, combo_id, combo_count,
       sender_id, sender_name, event, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAck = db.prepare('INSERT INTO action_acks (room, viewer, key, ack, at) VALUES (?, ?, ?, ?, ?)');
  const selectFeed = db.prepare<[string, number], { event: string }>(
    "SELECT event FROM gift_ledger WHERE room = ? AND kind = 'send' ORDER BY seq DESC LIMIT ?",
  );
  const selectTotals = db.prepare<[string], { gifts: number | null; value: number | null }>(
    "SELECT SUM(quantity) AS gifts, SUM(amount) AS value FROM gift_ledger WHERE room = ? AND kind = 'send'",
  );
  const selectSenders = db.prepare<[string], { id: string; name: string; value: number }>(
    `SELECT sender_id AS id, MAX(sender_name) AS name, SUM(amount) AS value FROM gift_ledger
     WHERE room = ? AND kind = 'send' GROUP BY sender_id`,
  );
  const ledgerColumns = `seq, room, viewer, key, kind, gift, quantity, amount, balance, combo_id AS comboId,
    combo_count AS comboCount, at`;
  const selectLedger = db.prepare<[string, number], LedgerRow>(
    `SELECT * FROM (SELECT ${ledgerColumns} FROM gift_ledger WHERE room = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
  );
  const selectViewerLedger = db.prepare<[string, string, number], LedgerRow>(
    `SELECT * FROM (SELECT ${ledgerColumns} FROM gift_ledger WHERE room = ? AND viewer = ? ORDER BY seq DESC LIMIT ?)
     ORDER BY seq`,
  );

  return {
    catalog: (room: string): Catalog | null => {
      const row = selectCatalog.get(room);
      return row ? (JSON.parse(row.catalog) as Catalog) : null;
    },
    saveCatalog: (room: string, catalog: Catalog, at: number) =>
      void upsertCatalog.run(room, JSON.stringify(catalog), at),
    comboCount: (room: string, viewer: string, comboId: string, gift: string) =>
      countCombo.get(room, viewer, comboId, gift)?.n ?? 0,
    /** The ledger row and the idempotency record; callers run it inside their transaction. */
    writeSend(row: SendRow): void {
      const { event } = row;
      insertLedger.run(
        row.room,
        row.viewer,
        row.key,
        'send',
        event.gift,
        event.quantity,
        event.value,
        row.balance,
        event.comboId,
        event.comboCount,
        event.sender.id,
        event.sender.name,
        JSON.stringify(event),
        event.at,
      );
      insertAck.run(row.room, row.viewer, row.key, row.ack, event.at);
    },
    writeGrant(room: string, viewer: string, key: string, amount: number, balance: number, at: number): void {
      insertLedger.run(
        room,
        viewer,
        key,
        'grant',
        null,
        null,
        amount,
        balance,
        null,
        null,
        null,
        null,
        null,
        at,
      );
    },
    recentEvents: (room: string, limit: number): GiftEvent[] =>
      selectFeed
        .all(room, limit)
        .map((row) => JSON.parse(row.event) as GiftEvent)
        .reverse(),
    totals: (room: string) => {
      const row = selectTotals.get(room);
      return { gifts: row?.gifts ?? 0, value: row?.value ?? 0, senders: selectSenders.all(room) };
    },
    ledger: (room: string, viewer: string | null, limit: number): LedgerRow[] =>
      viewer === null ? selectLedger.all(room, limit) : selectViewerLedger.all(room, viewer, limit),
  };
}
