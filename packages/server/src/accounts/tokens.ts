/**
 * Named ops tokens in the live SQLite file (`ops_tokens`, migration 3).
 *
 * A token is 32 random bytes (256 bits) shown once at creation; only its SHA-256 is stored. A
 * plain, fast hash is enough here because the secret is not a password: with 2^256 possible tokens
 * there is no dictionary to try and no brute force to slow down, which is all a slow hash (bcrypt,
 * scrypt, Argon2) buys — at the price of tens of milliseconds on every ops request. Whoever reads
 * the file learns the hashes, which open nothing.
 *
 * Every request looks its token up afresh (one index seek), so a revocation, even one made by the
 * CLI in another process on the same file, holds from the next request on.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db.js';
import type { Principal, Scope } from './scopes.js';

export const TOKEN_PREFIX = 'onair_';
/** Names as they show in the audit log: short, no spaces, no markup. */
export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Named tokens one server keeps, revoked ones included (they stay for the audit log's sake). */
export const MAX_TOKENS = 10_000;

export interface TokenRecord {
  name: string;
  scopes: Scope[];
  createdAt: number;
  revokedAt: number | null;
}

interface Row {
  name: string;
  scopes: string;
  created_at: number;
  revoked_at: number | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const toRecord = (row: Row): TokenRecord => ({
  name: row.name,
  scopes: JSON.parse(row.scopes) as Scope[],
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

export type CreateResult =
  | { ok: true; token: string; record: TokenRecord }
  | { ok: false; code: 'invalid_name' | 'name_taken' | 'too_many_tokens'; message: string };

export class TokenStore {
  private readonly db: Database;
  private readonly now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  create(name: string, scopes: readonly Scope[]): CreateResult {
    if (!TOKEN_NAME.test(name))
      return {
        ok: false,
        code: 'invalid_name',
        message: `name: expected 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit, got "${name.slice(0, 80)}"`,
      };
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const createdAt = this.now();
    return this.db.transaction((): CreateResult => {
      const count = (this.db.prepare('SELECT count(*) AS n FROM ops_tokens').get() as { n: number }).n;
      if (count >= MAX_TOKENS)
        return {
          ok: false,
          code: 'too_many_tokens',
          message: `at most ${MAX_TOKENS} tokens; none was created`,
        };
      const taken = this.db
        .prepare('SELECT 1 FROM ops_tokens WHERE name = ? AND revoked_at IS NULL')
        .get(name);
      if (taken)
        return {
          ok: false,
          code: 'name_taken',
          message: `name: a token named "${name}" exists; revoke it first or pick another name`,
        };
      this.db
        .prepare('INSERT INTO ops_tokens (name, hash, scopes, created_at) VALUES (?, ?, ?, ?)')
        .run(name, sha256(token), JSON.stringify(scopes), createdAt);
      return { ok: true, token, record: { name, scopes: [...scopes], createdAt, revokedAt: null } };
    })();
  }

  /** Every token, newest first; revoked ones too unless `activeOnly`. Never the secrets. */
  list(activeOnly = false): TokenRecord[] {
    const rows = this.db
      .prepare(
        `SELECT name, scopes, created_at, revoked_at FROM ops_tokens
         ${activeOnly ? 'WHERE revoked_at IS NULL' : ''} ORDER BY created_at DESC, id DESC`,
      )
      .all() as Row[];
    return rows.map(toRecord);
  }

  /** Revokes the active token of that name; false when there is none. */
  revoke(name: string): boolean {
    return (
      this.db
        .prepare('UPDATE ops_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL')
        .run(this.now(), name).changes > 0
    );
  }

  /** The principal of a presented token, or null (unknown, revoked, or not one of ours). */
  resolve(token: string): Principal | null {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 128) return null;
    const row = this.db
      .prepare(
        'SELECT name, scopes, created_at, revoked_at FROM ops_tokens WHERE hash = ? AND revoked_at IS NULL',
      )
      .get(sha256(token)) as Row | undefined;
    if (!row) return null;
    const record = toRecord(row);
    return { name: record.name, scopes: record.scopes, all: false };
  }
}
