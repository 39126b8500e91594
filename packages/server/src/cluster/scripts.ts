/**
 * The Lua scripts every write of cluster mode goes through. Redis runs a script alone, so the lease
 * check and the writes after it are one step: an owner that lost its lease — paused past its
 * expiry, partitioned — is refused (`fenced`) and writes nothing.
 */
import type { ChainableCommander, Redis } from 'ioredis';

/** Keys of the commit script, by position (Lua counts from 1); extra keys follow from 7. */
export const COMMIT_KEYS = ['lease', 'meta', 'records', 'dirty', 'inbox', 'viewers'] as const;

/** What one commit writes; `key` numbers index the script's KEYS (1-based). */
export interface CommitBatch {
  /** The fencing token the writer holds. */
  token: string;
  /** The last inbox entry this commit answers, or null. */
  pos: string | null;
  /** Records: `[field, JSON or false to delete]`. */
  records: [string, string | false][];
  /** Fields for the room's dirty set (sent again by a new owner if no delta carried them). */
  dirty: string[];
  /** Private records: `[key, field, JSON or false to delete]`. */
  hashes: [number, string, string | false][];
  /** Shared private records (wallets) another room's owner may write: `[key, field, expected]`. */
  cas: [number, string, string | false][];
  /** `[key, action key, ack]`. */
  acks: [number, string, string][];
  /** `[key, viewer, action key, at, row]`. */
  logs: [number, string, string, string, string][];
  /** Private record fields to delete for every viewer of the room. */
  forget: string[];
  /** Viewers whose private records of this room are written. */
  viewers: string[];
  /** The key of a viewer's private records of this room, less the viewer. */
  minePrefix: string;
  /** How long acks stay, ms. */
  retention: number;
}

const COMMIT = `
local b = cjson.decode(ARGV[1])
if redis.call('GET', KEYS[1]) ~= b.token then return 'fenced' end
for _, c in ipairs(b.cas) do
  if redis.call('HGET', KEYS[c[1]], c[2]) ~= c[3] then return 'conflict' end
end
for _, r in ipairs(b.records) do
  if r[2] == false then redis.call('HDEL', KEYS[3], r[1]) else redis.call('HSET', KEYS[3], r[1], r[2]) end
end
for _, f in ipairs(b.dirty) do redis.call('SADD', KEYS[4], f) end
for _, v in ipairs(b.viewers) do redis.call('SADD', KEYS[6], v) end
for _, f in ipairs(b.forget) do
  for _, v in ipairs(redis.call('SMEMBERS', KEYS[6])) do redis.call('HDEL', b.minePrefix .. v, f) end
end
for _, h in ipairs(b.hashes) do
  if h[3] == false then redis.call('HDEL', KEYS[h[1]], h[2]) else redis.call('HSET', KEYS[h[1]], h[2], h[3]) end
end
for _, a in ipairs(b.acks) do
  redis.call('HSET', KEYS[a[1]], a[2], a[3])
  redis.call('PEXPIRE', KEYS[a[1]], b.retention)
end
for _, l in ipairs(b.logs) do
  local s = redis.call('HINCRBY', KEYS[2], 'logseq', 1)
  redis.call('XADD', KEYS[l[1]], '*', 's', s, 'v', l[2], 'k', l[3], 'a', l[4], 'r', l[5])
end
if b.pos ~= cjson.null then
  redis.call('HSET', KEYS[2], 'pos', b.pos)
  redis.call('XTRIM', KEYS[5], 'MINID', b.pos)
end
return 'ok'
`;

const DELTA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'fenced' end
redis.call('HSET', KEYS[2], 'seq', ARGV[2])
redis.call('DEL', KEYS[3])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 'ok'
`;

const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder then return {0, holder} end
local token = redis.call('INCR', KEYS[2]) .. ' ' .. ARGV[2]
redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
return {1, token}
`;

const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

const SCRIPTS = {
  onairCommit: COMMIT,
  onairDelta: DELTA,
  onairAcquire: ACQUIRE,
  onairRenew: RENEW,
  onairRelease: RELEASE,
} as const;

/** Teaches a connection the scripts (ioredis sends EVALSHA, and the text once if Redis lacks it). */
export function defineScripts(redis: Redis): void {
  for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { lua });
}

type Caller = Redis | ChainableCommander;
// biome-ignore lint/suspicious/noExplicitAny: commands added by defineCommand have no static types
const call = (on: Caller, name: keyof typeof SCRIPTS, keys: string[], args: (string | number)[]): any =>
  // biome-ignore lint/suspicious/noExplicitAny: see above
  (on as any)[name](keys.length, ...keys, ...args);

export const scripts = {
  commit: (on: Redis, keys: string[], batch: CommitBatch): Promise<'ok' | 'fenced' | 'conflict'> =>
    call(on, 'onairCommit', keys, [JSON.stringify(batch)]),
  delta: (
    on: Redis,
    keys: [lease: string, meta: string, dirty: string],
    token: string,
    seq: number,
    channel: string,
    message: string,
  ): Promise<'ok' | 'fenced'> => call(on, 'onairDelta', keys, [token, seq, channel, message]),
  /**
   * `[1, token]` when taken, `[0, holder's token]` when held. A token is `<counter> <node>`: unique
   * for ever, and it says which node holds the lease.
   */
  acquire: (on: Caller, lease: string, fence: string, ms: number, node: string) =>
    call(on, 'onairAcquire', [lease, fence], [ms, node]),
  renew: (on: Caller, lease: string, token: string, ms: number) =>
    call(on, 'onairRenew', [lease], [token, ms]),
  release: (on: Caller, lease: string, token: string) => call(on, 'onairRelease', [lease], [token]),
};
