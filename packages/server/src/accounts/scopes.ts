/**
 * What a named ops token may do. Each ops plugin declares its area (`scope: 'stats'`); a GET or
 * HEAD needs `<area>:read`, anything else `<area>:write` (a route may say it only reads, such as
 * the feature queries sent by POST, or names its scope outright, as the token routes' `tokens:admin`).
 * The single `--ops-token` holds every scope.
 */
export const SCOPES = [
  'rooms:read',
  'rooms:write',
  'stats:read',
  'events:read',
  'campaigns:read',
  'campaigns:write',
  'audit:read',
  'tokens:admin',
] as const;

export type Scope = (typeof SCOPES)[number];

/** Who is calling: a named token's name and scopes, or the server's own ops token (every scope). */
export interface Principal {
  name: string;
  scopes: readonly Scope[];
  /** True for the `--ops-token`: it has every scope, including ones added later. */
  all: boolean;
}

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

export function holds(principal: Principal, scope: string): boolean {
  return principal.all || (principal.scopes as readonly string[]).includes(scope);
}

/**
 * `stats:read,campaigns:write` → the scopes, or the first bad entry. An area alone (`stats`) is
 * refused rather than guessed: read and write are granted on purpose.
 */
export function parseScopes(text: string): { ok: true; scopes: Scope[] } | { ok: false; message: string } {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: `expected one or more of ${SCOPES.join(', ')}` };
  const scopes: Scope[] = [];
  for (const part of parts) {
    if (!isScope(part))
      return { ok: false, message: `unknown scope "${part}"; expected one of ${SCOPES.join(', ')}` };
    if (!scopes.includes(part)) scopes.push(part);
  }
  return { ok: true, scopes };
}
