/**
 * Every schema step of the live channel's SQLite file, in order; `PRAGMA user_version` records how
 * many ran. Append only: a file written by any release opens and migrates to the current schema.
 *
 * 1 — release 0.1: rooms, polls, votes, idempotency records (gift and commerce tables were created
 *     by their services on start, outside this list).
 * 2 — one generic store for every feature: `records` (a room's records by collection and id, with
 *     the due time of their timer), `viewer_records` (each viewer's private records; room '' for the
 *     ones every room shares, such as a wallet) and `logs` (append-only rows, such as the gift
 *     ledger). The 0.1 tables are copied into them and dropped.
 * 3 — ops accounts: `ops_tokens` (named ops tokens, their SHA-256 and scopes; revoked ones kept)
 *     and `ops_audit` (one row per ops action: who, what, when, which room, outcome).
 * 4 — campaigns: `campaign_versions` (every pushed document of a room, for rollback) and
 *     `campaign_rooms` (the version a room runs, and whether it is live).
 */
import type BetterSqlite3 from 'better-sqlite3';

type Database = BetterSqlite3.Database;

export const MIGRATIONS: readonly ((db: Database) => void)[] = [
  (db) =>
    db.exec(`CREATE TABLE rooms (
       id TEXT PRIMARY KEY,
       version TEXT NOT NULL,
       seq INTEGER NOT NULL DEFAULT 0,
       created_at INTEGER NOT NULL
     );
     CREATE TABLE polls (
       room TEXT NOT NULL REFERENCES rooms(id),
       id TEXT NOT NULL,
       status TEXT NOT NULL,
       closes_at INTEGER,
       record TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       PRIMARY KEY (room, id)
     );
     CREATE INDEX polls_timed ON polls (status, closes_at) WHERE closes_at IS NOT NULL;
     CREATE TABLE poll_votes (
       room TEXT NOT NULL,
       poll TEXT NOT NULL,
       viewer TEXT NOT NULL,
       vote TEXT NOT NULL,
       updated_at INTEGER NOT NULL,
       PRIMARY KEY (room, poll, viewer)
     ) WITHOUT ROWID;
     CREATE TABLE action_acks (
       room TEXT NOT NULL,
       viewer TEXT NOT NULL,
       key TEXT NOT NULL,
       ack TEXT NOT NULL,
       at INTEGER NOT NULL,
       PRIMARY KEY (room, viewer, key)
     ) WITHOUT ROWID;
     CREATE INDEX action_acks_at ON action_acks (at);`),
  (db) => {
    db.exec(`CREATE TABLE records (
       room TEXT NOT NULL,
       coll TEXT NOT NULL,
       id TEXT NOT NULL,
       value TEXT NOT NULL,
       due INTEGER,
       PRIMARY KEY (room, coll, id)
     ) WITHOUT ROWID;
     CREATE INDEX records_due ON records (room) WHERE due IS NOT NULL;
     CREATE TABLE viewer_records (
       room TEXT NOT NULL,
       viewer TEXT NOT NULL,
       coll TEXT NOT NULL,
       id TEXT NOT NULL,
       value TEXT NOT NULL,
       PRIMARY KEY (room, viewer, coll, id)
     ) WITHOUT ROWID;
     CREATE INDEX viewer_records_item ON viewer_records (room, coll, id);
     CREATE TABLE logs (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       room TEXT NOT NULL,
       log TEXT NOT NULL,
       viewer TEXT NOT NULL,
       key TEXT NOT NULL,
       at INTEGER NOT NULL,
       row TEXT NOT NULL,
       UNIQUE (room, log, viewer, key)
     );
     CREATE INDEX logs_room ON logs (room, log, seq);
     CREATE INDEX logs_viewer ON logs (room, log, viewer, seq);`);
    copyRelease01(db);
  },
  (db) =>
    db.exec(`CREATE TABLE ops_tokens (
       id INTEGER PRIMARY KEY,
       name TEXT NOT NULL,
       hash TEXT NOT NULL UNIQUE,
       scopes TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       revoked_at INTEGER
     );
     CREATE UNIQUE INDEX ops_tokens_active ON ops_tokens (name) WHERE revoked_at IS NULL;
     CREATE TABLE ops_audit (
       id INTEGER PRIMARY KEY,
       at INTEGER NOT NULL,
       who TEXT NOT NULL,
       method TEXT NOT NULL,
       route TEXT NOT NULL,
       command TEXT,
       room TEXT,
       status INTEGER NOT NULL,
       outcome TEXT NOT NULL
     );
     CREATE INDEX ops_audit_at ON ops_audit (at, id);
     CREATE INDEX ops_audit_room ON ops_audit (room, at, id);`),
  (db) =>
    db.exec(`CREATE TABLE campaign_versions (
       room TEXT NOT NULL,
       version INTEGER NOT NULL,
       campaign TEXT NOT NULL,
       document TEXT NOT NULL,
       pushed_at INTEGER NOT NULL,
       rolled_back_from INTEGER,
       PRIMARY KEY (room, version)
     );
     CREATE TABLE campaign_rooms (
       room TEXT PRIMARY KEY,
       active INTEGER NOT NULL
     );`),
];

const has = (db: Database, table: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;

/** Moves release 0.1's per-feature tables into the generic store, then drops them. */
function copyRelease01(db: Database): void {
  // Polls keep their record; an open poll's countdown is its timer.
  db.exec(`INSERT INTO records (room, coll, id, value, due)
             SELECT room, 'polls', id, record, CASE WHEN status = 'open' THEN closes_at END FROM polls;
           INSERT INTO viewer_records (room, viewer, coll, id, value)
             SELECT room, viewer, 'polls', poll, vote FROM poll_votes;
           DROP TABLE poll_votes;
           DROP TABLE polls;`);
  if (has(db, 'gift_catalogs')) copyGifts(db);
  if (has(db, 'commerce_products')) copyCommerce(db);
}

function copyGifts(db: Database): void {
  const insertRecord = db.prepare('INSERT INTO records (room, coll, id, value) VALUES (?, ?, ?, ?)');
  const catalogs = db
    .prepare<[], { room: string; catalog: string }>('SELECT room, catalog FROM gift_catalogs')
    .all();
  for (const { room, catalog } of catalogs) {
    const { currency, digits } = JSON.parse(catalog) as { currency: string; digits: number };
    insertRecord.run(room, 'gifts', 'catalog', JSON.stringify({ id: 'catalog', ...JSON.parse(catalog) }));
    // The feed is the last 50 sends; the totals and each sender's total come from the ledger.
    const events = db
      .prepare<[string], { event: string }>(
        "SELECT event FROM gift_ledger WHERE room = ? AND kind = 'send' ORDER BY seq DESC LIMIT 50",
      )
      .all(room)
      .map((row) => JSON.parse(row.event) as unknown)
      .reverse();
    insertRecord.run(room, 'gifts', 'feed', JSON.stringify({ id: 'feed', events }));
    const senders = db
      .prepare<[string], { id: string; name: string; value: number }>(
        `SELECT sender_id AS id, MAX(sender_name) AS name, SUM(amount) AS value FROM gift_ledger
         WHERE room = ? AND kind = 'send' GROUP BY sender_id ORDER BY value DESC`,
      )
      .all(room);
    for (const sender of senders) insertRecord.run(room, 'gift_senders', sender.id, JSON.stringify(sender));
    const totals = db
      .prepare<[string], { gifts: number | null; value: number | null }>(
        "SELECT SUM(quantity) AS gifts, SUM(amount) AS value FROM gift_ledger WHERE room = ? AND kind = 'send'",
      )
      .get(room);
    const stats = {
      id: 'stats',
      totalGifts: totals?.gifts ?? 0,
      totalValue: totals?.value ?? 0,
      currency,
      digits,
      uniqueSenders: senders.length,
      topSenders: senders.slice(0, 5),
    };
    insertRecord.run(room, 'gifts', 'stats', JSON.stringify(stats));
  }
  // Wallets are every room's; a viewer's current combo is their last send in each room.
  db.exec(`INSERT INTO viewer_records (room, viewer, coll, id, value)
             SELECT '', viewer, 'gifts', 'wallet', json_object('balance', balance) FROM gift_wallets;
           INSERT INTO viewer_records (room, viewer, coll, id, value)
             SELECT room, viewer, 'gifts', 'combo', json_object('id', combo_id, 'gift', gift, 'count', combo_count)
             FROM gift_ledger AS l WHERE kind = 'send' AND seq = (
               SELECT MAX(seq) FROM gift_ledger WHERE room = l.room AND viewer = l.viewer AND kind = 'send');
           INSERT INTO logs (seq, room, log, viewer, key, at, row)
             SELECT seq, room, 'ledger', viewer, key, at, json_patch(
               json_object('kind', kind, 'amount', amount, 'balance', balance),
               CASE WHEN kind = 'send' THEN json_object('gift', gift, 'quantity', quantity, 'comboId', combo_id,
                 'comboCount', combo_count, 'event', json(event)) ELSE '{}' END)
             FROM gift_ledger ORDER BY seq;
           DROP TABLE gift_ledger;
           DROP TABLE gift_catalogs;
           DROP TABLE gift_wallets;`);
}

function copyCommerce(db: Database): void {
  db.exec(`INSERT INTO records (room, coll, id, value, due)
             SELECT room, 'products', id, record, json_extract(record, '$.flashSale.endsAt') FROM commerce_products;
           INSERT INTO records (room, coll, id, value)
             SELECT room, 'pins', 'current', record FROM commerce_pins;
           INSERT INTO records (room, coll, id, value)
             SELECT room, 'pin_windows', product || '@' || pinned_at,
               json_object('product', product, 'pinnedAt', pinned_at, 'unpinnedAt', unpinned_at)
             FROM commerce_pin_windows;
           DROP TABLE commerce_pin_windows;
           DROP TABLE commerce_pins;
           DROP TABLE commerce_products;`);
}
