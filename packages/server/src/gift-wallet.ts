/**
 * Viewer wallets for gifts. The default one lives in the server's SQLite file and grants every
 * viewer a starting balance on first use; a deployment with a real wallet implements `Wallet`.
 */
import type { Database } from './db.js';

export type DebitResult = { ok: true; balance: number } | { ok: false; balance: number };

export interface Wallet {
  /** The balance to show the viewer, or null when unknown (then left out of snapshots). */
  balance(viewerKey: string): number | null;
  /**
   * Takes `amount` from the viewer, once per `ref` (`<room>/<idempotency key>`): a real wallet
   * must treat a repeated ref as the same debit. A promise is awaited before the ledger row and
   * the ack are written; a synchronous answer (the SQLite wallet) runs inside that transaction.
   */
  debit(viewerKey: string, amount: number, ref: string): DebitResult | Promise<DebitResult>;
  /** Adds to the balance (ops grants, demo top-ups); returns the new balance. */
  credit(viewerKey: string, amount: number, ref: string): number | Promise<number>;
}

/** Coins a new viewer starts with in the default wallet (minor units). */
export const DEFAULT_STARTING_BALANCE = 10_000;

export class SqliteWallet implements Wallet {
  private readonly starting: number;
  private readonly select;
  private readonly ensure;
  private readonly take;
  private readonly add;
  private readonly clock: () => number;

  constructor(db: Database, startingBalance: number, clock: () => number) {
    this.starting = startingBalance;
    this.clock = clock;
    db.exec(`CREATE TABLE IF NOT EXISTS gift_wallets (
      viewer TEXT PRIMARY KEY,
      balance INTEGER NOT NULL CHECK (balance >= 0),
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID`);
    this.select = db.prepare<[string], { balance: number }>(
      'SELECT balance FROM gift_wallets WHERE viewer = ?',
    );
    this.ensure = db.prepare(
      'INSERT OR IGNORE INTO gift_wallets (viewer, balance, updated_at) VALUES (?, ?, ?)',
    );
    // The balance check and the debit are one statement: two sends can never both spend the same coins.
    this.take = db.prepare(
      'UPDATE gift_wallets SET balance = balance - ?, updated_at = ? WHERE viewer = ? AND balance >= ?',
    );
    this.add = db.prepare('UPDATE gift_wallets SET balance = balance + ?, updated_at = ? WHERE viewer = ?');
  }

  balance(viewerKey: string): number {
    return this.select.get(viewerKey)?.balance ?? this.starting;
  }

  /** Synchronous, so the gift service runs it inside its transaction (`ref` is the ledger's job here). */
  debit(viewerKey: string, amount: number, _ref: string): DebitResult {
    const now = this.clock();
    this.ensure.run(viewerKey, this.starting, now);
    const taken = this.take.run(amount, now, viewerKey, amount).changes === 1;
    return { ok: taken, balance: this.balance(viewerKey) };
  }

  credit(viewerKey: string, amount: number, _ref: string): number {
    const now = this.clock();
    this.ensure.run(viewerKey, this.starting, now);
    this.add.run(amount, now, viewerKey);
    return this.balance(viewerKey);
  }
}
