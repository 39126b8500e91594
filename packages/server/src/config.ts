/**
 * CLI flags and `ONAIR_*` environment variables → server options. Flags win over the environment;
 * every problem is reported with the flag (and variable) it came from.
 */
import { parseArgs } from 'node:util';
import { formatIssue, int, parse, v } from '@onair/core/validation.js';
import {
  type CollectorLimits,
  DEFAULT_COLLECTOR_LIMITS,
  eventsFileFor,
  parseRateSpec,
} from './collector/index.js';
import { DEFAULT_LIMITS, type LiveLimits } from './live-limits.js';

export const DEV_OPS_TOKEN = 'dev-ops-token';

export interface CliConfig {
  host: string;
  port: number;
  db: string;
  opsToken: string;
  viewerSecret: string | null;
  requireSignedViewers: boolean;
  corsOrigins: string[];
  dev: boolean;
  /** Limits set by flags; the rest keep their defaults (`DEFAULT_LIMITS`). */
  limits: Partial<
    Pick<
      LiveLimits,
      'trustProxy' | 'connectionsPerAddress' | 'maxRooms' | 'maxBufferedBytes' | 'maxTotalBufferedBytes'
    >
  >;
  /** The collector's SQLite file; `null`: next to `db`. */
  collectorDb: string | null;
  collectorLimits: CollectorLimits;
  /** Cluster mode's Redis URL, or null for a single node on SQLite. */
  redis: string | null;
  /** Cluster mode: the room owners' lease, ms. */
  redisLeaseMs: number;
}

export type ConfigResult = { ok: true; config: CliConfig } | { ok: false; message: string } | { ok: 'help' };

const FLAGS = {
  host: { type: 'string', env: 'ONAIR_HOST' },
  port: { type: 'string', env: 'ONAIR_PORT' },
  db: { type: 'string', env: 'ONAIR_DB' },
  'ops-token': { type: 'string', env: 'ONAIR_OPS_TOKEN' },
  'viewer-secret': { type: 'string', env: 'ONAIR_VIEWER_SECRET' },
  'require-signed-viewers': { type: 'boolean', env: 'ONAIR_REQUIRE_SIGNED_VIEWERS' },
  'cors-origin': { type: 'string', multiple: true, env: 'ONAIR_CORS_ORIGIN' },
  dev: { type: 'boolean', env: 'ONAIR_DEV' },
  'trust-proxy': { type: 'boolean', env: 'ONAIR_TRUST_PROXY' },
  'max-connections-per-address': { type: 'string', env: 'ONAIR_MAX_CONNECTIONS_PER_ADDRESS' },
  'max-rooms': { type: 'string', env: 'ONAIR_MAX_ROOMS' },
  'max-buffered-bytes': { type: 'string', env: 'ONAIR_MAX_BUFFERED_BYTES' },
  'max-total-buffered-bytes': { type: 'string', env: 'ONAIR_MAX_TOTAL_BUFFERED_BYTES' },
  'collector-db': { type: 'string', env: 'ONAIR_COLLECTOR_DB' },
  'collector-address-rate': { type: 'string', env: 'ONAIR_COLLECTOR_ADDRESS_RATE' },
  'collector-origin-rate': { type: 'string', env: 'ONAIR_COLLECTOR_ORIGIN_RATE' },
  redis: { type: 'string', env: 'ONAIR_REDIS_URL' },
  'redis-lease-ms': { type: 'string', env: 'ONAIR_REDIS_LEASE_MS' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const USAGE = `Usage: onair-server [options]
       onair-server tokens <create|list|revoke> …   named ops tokens (onair-server tokens --help)

  --host <addr>              listen address (ONAIR_HOST, default 127.0.0.1)
  --port <n>                 port, 0 for any free one (ONAIR_PORT, default 8787)
  --db <file>                SQLite file, or :memory: (ONAIR_DB, default ./.onair/onair.db)
  --ops-token <secret>       Bearer token of the ops API with every scope, 16+ characters
                             (ONAIR_OPS_TOKEN); named tokens with scopes: onair-server tokens
  --viewer-secret <secret>   HMAC secret for signed viewer tokens, 16+ characters (ONAIR_VIEWER_SECRET)
  --require-signed-viewers   refuse anonymous viewers (ONAIR_REQUIRE_SIGNED_VIEWERS=1)
  --cors-origin <origin>     page origin allowed to call the ops API; repeat or comma-separate;
                             '*' for any (ONAIR_CORS_ORIGIN)
  --dev                      development: ops token '${DEV_OPS_TOKEN}' unless given, any CORS origin
                             unless given (ONAIR_DEV=1)
  --trust-proxy              take the client address from X-Forwarded-For (its right-most entry);
                             only behind a proxy that sets it (ONAIR_TRUST_PROXY=1)
  --max-connections-per-address <n>
                             live connections of one client address to one room
                             (ONAIR_MAX_CONNECTIONS_PER_ADDRESS, default ${DEFAULT_LIMITS.connectionsPerAddress})
  --max-rooms <n>            rooms held in memory at once (ONAIR_MAX_ROOMS, default ${DEFAULT_LIMITS.maxRooms})
  --max-buffered-bytes <n>   bytes queued for one live client before it is cut off as not reading
                             (ONAIR_MAX_BUFFERED_BYTES, default ${DEFAULT_LIMITS.maxBufferedBytes})
  --max-total-buffered-bytes <n>
                             bytes queued for all live clients; past it the furthest behind are cut
                             off (ONAIR_MAX_TOTAL_BUFFERED_BYTES, default ${DEFAULT_LIMITS.maxTotalBufferedBytes})
  --collector-db <file>      the telemetry collector's own SQLite file, or :memory:
                             (ONAIR_COLLECTOR_DB, default events.db next to --db)
  --collector-address-rate <events/s>[/<burst>]
                             collector limit per client address, or off
                             (ONAIR_COLLECTOR_ADDRESS_RATE, default 200/2000)
  --collector-origin-rate <events/s>[/<burst>]
                             collector limit per page origin, or off
                             (ONAIR_COLLECTOR_ORIGIN_RATE, default 2000/20000)
  --redis <url>              cluster mode: several nodes share the live rooms through this Redis,
                             redis://host:port/db (ONAIR_REDIS_URL; default none: one node on SQLite)
  --redis-lease-ms <n>       cluster mode: how long a room owner's lease lasts unrenewed, so how
                             long a dead owner's rooms wait for a new one (ONAIR_REDIS_LEASE_MS,
                             default 2000, at least 200)
  -h, --help                 this text
`;

const secret = (name: string) =>
  v.pipe(
    v.string(),
    v.minLength(16, `${name} must be at least 16 characters`),
    v.maxLength(512, `${name} is too long`),
  );

const origin = v.check((value: string) => {
  if (value === '*') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}, "expected '*' or an origin such as https://live.example.com (scheme, host, optional port; no path)");

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ConfigResult {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    return { ok: false, message: `${(err as Error).message}\n\n${USAGE}` };
  }
  if (values['help']) return { ok: 'help' };

  const flag = (name: keyof typeof FLAGS): string | undefined => {
    const value = values[name];
    if (typeof value === 'string') return value;
    const spec = FLAGS[name];
    return 'env' in spec ? env[spec.env] : undefined;
  };
  const toggle = (name: 'dev' | 'require-signed-viewers' | 'trust-proxy'): boolean | string => {
    if (values[name] === true) return true;
    const raw = env[FLAGS[name].env];
    if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
    return raw === '1' || raw === 'true' ? true : raw;
  };
  const where = (name: keyof typeof FLAGS) => {
    const spec = FLAGS[name];
    return `--${name}${'env' in spec ? ` (${spec.env})` : ''}`;
  };
  const problem = (name: keyof typeof FLAGS, message: string): ConfigResult => ({
    ok: false,
    message: `${where(name)}: ${message}`,
  });

  const dev = toggle('dev');
  if (typeof dev === 'string') return problem('dev', `expected 1, true, 0 or false, got "${dev}"`);
  const requireSigned = toggle('require-signed-viewers');
  if (typeof requireSigned === 'string')
    return problem('require-signed-viewers', `expected 1, true, 0 or false, got "${requireSigned}"`);

  const trustProxy = toggle('trust-proxy');
  if (typeof trustProxy === 'string')
    return problem('trust-proxy', `expected 1, true, 0 or false, got "${trustProxy}"`);
  const count = (
    name: 'max-connections-per-address' | 'max-rooms' | 'max-buffered-bytes' | 'max-total-buffered-bytes',
    fallback: number,
    min = 1,
  ) => {
    const text = flag(name);
    if (text === undefined) return { ok: true as const, value: fallback };
    const checked = parse(int(min, 2 ** 40), /^\d+$/.test(text) ? Number(text) : text);
    return checked.ok
      ? checked
      : { ok: false as const, message: `${formatIssue(checked.issues[0]!)}, got "${text}"` };
  };
  const perAddress = count('max-connections-per-address', DEFAULT_LIMITS.connectionsPerAddress);
  if (!perAddress.ok) return problem('max-connections-per-address', perAddress.message);
  const maxRooms = count('max-rooms', DEFAULT_LIMITS.maxRooms);
  if (!maxRooms.ok) return problem('max-rooms', maxRooms.message);
  // Below a frame's size, every client would be cut off at its first snapshot.
  const buffered = count('max-buffered-bytes', DEFAULT_LIMITS.maxBufferedBytes, 16 * 1024);
  if (!buffered.ok) return problem('max-buffered-bytes', buffered.message);
  const totalBuffered = count('max-total-buffered-bytes', DEFAULT_LIMITS.maxTotalBufferedBytes, 16 * 1024);
  if (!totalBuffered.ok) return problem('max-total-buffered-bytes', totalBuffered.message);

  const portText = flag('port') ?? '8787';
  const port = parse(int(0, 65_535), /^\d+$/.test(portText) ? Number(portText) : portText);
  if (!port.ok) return problem('port', `${formatIssue(port.issues[0]!)}, got "${portText}"`);

  const host = flag('host') ?? '127.0.0.1';
  if (!host) return problem('host', 'must not be empty');
  const db = flag('db') ?? './.onair/onair.db';
  if (!db) return problem('db', 'must not be empty');

  const opsToken = flag('ops-token') ?? (dev ? DEV_OPS_TOKEN : undefined);
  if (opsToken === undefined)
    return problem('ops-token', 'is required (or pass --dev to use a development token)');
  if (opsToken !== DEV_OPS_TOKEN || !dev) {
    const checked = parse(secret('the ops token'), opsToken);
    if (!checked.ok) return problem('ops-token', formatIssue(checked.issues[0]!));
  }

  const viewerSecret = flag('viewer-secret') ?? null;
  if (viewerSecret !== null) {
    const checked = parse(secret('the viewer secret'), viewerSecret);
    if (!checked.ok) return problem('viewer-secret', formatIssue(checked.issues[0]!));
  }
  if (requireSigned && viewerSecret === null)
    return problem('require-signed-viewers', 'needs --viewer-secret to verify the tokens with');

  const rawOrigins = Array.isArray(values['cors-origin'])
    ? values['cors-origin']
    : [env[FLAGS['cors-origin'].env] ?? ''];
  const corsOrigins = rawOrigins
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  for (const value of corsOrigins) {
    const checked = parse(v.pipe(v.string(), origin), value);
    if (!checked.ok) return problem('cors-origin', `"${value}": ${formatIssue(checked.issues[0]!)}`);
  }
  if (dev && corsOrigins.length === 0) corsOrigins.push('*');

  const collectorDb = flag('collector-db') ?? null;
  try {
    eventsFileFor(db, collectorDb);
  } catch (err) {
    return problem('collector-db', (err as Error).message);
  }
  const collectorLimits = { ...DEFAULT_COLLECTOR_LIMITS };
  for (const scope of ['address', 'origin'] as const) {
    const name = `collector-${scope}-rate` as const;
    const text = flag(name);
    if (text === undefined) continue;
    const spec = parseRateSpec(text);
    if (spec && 'error' in spec) return problem(name, spec.error);
    collectorLimits[scope] = spec;
  }

  const redis = flag('redis') ?? null;
  if (redis !== null) {
    let url: URL | null = null;
    try {
      url = new URL(redis);
    } catch {}
    if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname)
      return problem('redis', `expected redis://host:port/db or rediss://…, got "${redis}"`);
    if (url.pathname.length > 1 && !/^\/\d{1,2}$/.test(url.pathname))
      return problem(
        'redis',
        `the database must be a number, as in redis://host:6379/0, got "${url.pathname.slice(1)}"`,
      );
  }
  const leaseText = flag('redis-lease-ms') ?? '2000';
  const lease = parse(int(200, 600_000), /^\d+$/.test(leaseText) ? Number(leaseText) : leaseText);
  if (!lease.ok) return problem('redis-lease-ms', `${formatIssue(lease.issues[0]!)}, got "${leaseText}"`);

  return {
    ok: true,
    config: {
      redis,
      redisLeaseMs: lease.value,
      host,
      port: port.value,
      db,
      opsToken,
      viewerSecret,
      requireSignedViewers: requireSigned,
      corsOrigins,
      dev,
      limits: {
        trustProxy,
        connectionsPerAddress: perAddress.value,
        maxRooms: maxRooms.value,
        maxBufferedBytes: buffered.value,
        maxTotalBufferedBytes: totalBuffered.value,
      },
      collectorDb,
      collectorLimits,
    },
  };
}
