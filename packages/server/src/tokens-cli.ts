/**
 * `onair-server tokens <create|list|revoke>`: named ops tokens in the server's SQLite file (the
 * same `--db` / `ONAIR_DB` as the server; it may be running: the change holds from its next
 * request). The token is printed once, at creation; only its SHA-256 is kept.
 */
import { parseArgs } from 'node:util';
import { parseScopes, SCOPES } from './accounts/scopes.js';
import { TokenStore } from './accounts/tokens.js';
import { closeDatabase, openDatabase } from './db.js';

export const TOKENS_USAGE = `Usage: onair-server tokens <command> [options]

  create --name <name> --scopes <scope,…>   make a named ops token; prints it once
  list                                       the tokens: name, scopes, created, revoked
  revoke --name <name>                       revoke the token at once

  --db <file>     the server's SQLite file (ONAIR_DB, default ./.onair/onair.db)
  --json          machine-readable output
  Scopes: ${SCOPES.join(', ')}
`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Runs one `tokens` command; answers the exit code (0 ok, 1 refused, 2 bad usage). */
export function runTokensCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliOutput): number {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`onair-server tokens: ${(err as Error).message}\n\n${TOKENS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined) {
    io.out(TOKENS_USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (!['create', 'list', 'revoke'].includes(command) || positionals.length > 1) {
    io.err(`onair-server tokens: unknown command "${positionals.join(' ')}"\n\n${TOKENS_USAGE}`);
    return 2;
  }
  const name = values.name;
  if (command !== 'list' && !name) {
    io.err(`onair-server tokens ${command}: --name is required\n`);
    return 2;
  }
  let scopes: ReturnType<typeof parseScopes> | null = null;
  if (command === 'create') {
    scopes = parseScopes(values.scopes ?? '');
    if (!scopes.ok) {
      io.err(`onair-server tokens create: --scopes: ${scopes.message}\n`);
      return 2;
    }
  }
  const db = openDatabase(values.db ?? env['ONAIR_DB'] ?? './.onair/onair.db');
  try {
    const tokens = new TokenStore(db);
    if (command === 'create' && scopes?.ok) {
      const made = tokens.create(name!, scopes.scopes);
      if (!made.ok) {
        io.err(`onair-server tokens create: ${made.message}\n`);
        return 1;
      }
      if (values.json) io.out(`${JSON.stringify({ token: made.token, ...made.record })}\n`);
      else
        io.out(
          `Created "${made.record.name}" (${made.record.scopes.join(', ')}). The token, shown this once:\n\n  ${made.token}\n\n` +
            'Sign in to /console with it, or send it as Authorization: Bearer <token>.\n',
        );
      return 0;
    }
    if (command === 'revoke') {
      if (!tokens.revoke(name!)) {
        io.err(`onair-server tokens revoke: no active token named "${name}"\n`);
        return 1;
      }
      io.out(values.json ? `${JSON.stringify({ revoked: name })}\n` : `Revoked "${name}".\n`);
      return 0;
    }
    const list = tokens.list();
    if (values.json) io.out(`${JSON.stringify(list)}\n`);
    else if (list.length === 0) io.out('No named tokens.\n');
    else
      for (const token of list)
        io.out(
          `${token.name}\t${token.scopes.join(',')}\tcreated ${new Date(token.createdAt).toISOString()}` +
            `${token.revokedAt === null ? '' : `\trevoked ${new Date(token.revokedAt).toISOString()}`}\n`,
        );
    return 0;
  } finally {
    closeDatabase(db);
  }
}

const OPTIONS = {
  name: { type: 'string' },
  scopes: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
