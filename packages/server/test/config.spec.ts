import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTOR_LIMITS } from '../src/collector/index.js';
import { DEV_OPS_TOKEN, parseConfig } from '../src/config.js';

const TOKEN = 'ops-token-0123456789';

describe('CLI config', () => {
  it('defaults, with flags over environment', () => {
    expect(parseConfig(['--ops-token', TOKEN], {})).toEqual({
      ok: true,
      config: {
        host: '127.0.0.1',
        port: 8787,
        db: './.onair/onair.db',
        opsToken: TOKEN,
        viewerSecret: null,
        requireSignedViewers: false,
        corsOrigins: [],
        dev: false,
        limits: {
          trustProxy: false,
          connectionsPerAddress: 50,
          maxRooms: 10_000,
          maxBufferedBytes: 1_048_576,
          maxTotalBufferedBytes: 67_108_864,
        },
        collectorDb: null,
        collectorLimits: DEFAULT_COLLECTOR_LIMITS,
        redis: null,
        redisLeaseMs: 2000,
      },
    });
    expect(
      parseConfig(['--trust-proxy', '--max-rooms', '20'], {
        ...{ ONAIR_OPS_TOKEN: TOKEN },
        ONAIR_MAX_CONNECTIONS_PER_ADDRESS: '5',
      }),
    ).toMatchObject({ config: { limits: { trustProxy: true, connectionsPerAddress: 5, maxRooms: 20 } } });
    expect(
      parseConfig(['--max-buffered-bytes', '65536'], {
        ...{ ONAIR_OPS_TOKEN: TOKEN },
        ONAIR_MAX_TOTAL_BUFFERED_BYTES: '1048576',
      }),
    ).toMatchObject({ config: { limits: { maxBufferedBytes: 65_536, maxTotalBufferedBytes: 1_048_576 } } });
    expect(parseConfig(['--ops-token', TOKEN, '--max-buffered-bytes', '1000'], {})).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        '--max-buffered-bytes (ONAIR_MAX_BUFFERED_BYTES): expected a whole number from 16384',
      ),
    });
    expect(parseConfig(['--ops-token', TOKEN, '--max-rooms', '0'], {})).toMatchObject({
      ok: false,
      message: expect.stringContaining('--max-rooms (ONAIR_MAX_ROOMS): expected a whole number from 1'),
    });
    const env = {
      ONAIR_PORT: '9000',
      ONAIR_DB: ':memory:',
      ONAIR_OPS_TOKEN: TOKEN,
      ONAIR_CORS_ORIGIN: 'http://a.test, https://b.test:8443',
    };
    const result = parseConfig(['--port', '0'], env);
    expect(result).toMatchObject({
      ok: true,
      config: { port: 0, db: ':memory:', corsOrigins: ['http://a.test', 'https://b.test:8443'] },
    });
    expect(
      parseConfig(['--cors-origin', 'http://x.test', '--cors-origin', 'http://y.test'], env),
    ).toMatchObject({
      config: { corsOrigins: ['http://x.test', 'http://y.test'] },
    });
  });

  it('dev mode supplies a token and any CORS origin', () => {
    expect(parseConfig(['--dev'], {})).toMatchObject({
      ok: true,
      config: { opsToken: DEV_OPS_TOKEN, corsOrigins: ['*'] },
    });
    expect(parseConfig([], { ONAIR_DEV: '1' })).toMatchObject({ ok: true, config: { dev: true } });
  });

  it('names the flag and variable at fault', () => {
    const cases: [string[], Record<string, string>, string][] = [
      [[], {}, '--ops-token (ONAIR_OPS_TOKEN): is required'],
      [
        ['--ops-token', 'short'],
        {},
        '--ops-token (ONAIR_OPS_TOKEN): the ops token must be at least 16 characters',
      ],
      [
        ['--port', 'http'],
        { ONAIR_OPS_TOKEN: TOKEN },
        '--port (ONAIR_PORT): expected a whole number from 0 to 65535',
      ],
      [['--port', '70000'], { ONAIR_OPS_TOKEN: TOKEN }, '--port (ONAIR_PORT)'],
      [['--require-signed-viewers', '--ops-token', TOKEN], {}, 'needs --viewer-secret'],
      [
        ['--cors-origin', 'http://a.test/path', '--dev'],
        {},
        '--cors-origin (ONAIR_CORS_ORIGIN): "http://a.test/path"',
      ],
      [['--dev'], { ONAIR_REQUIRE_SIGNED_VIEWERS: 'yes' }, 'expected 1, true, 0 or false'],
      [['--bogus'], {}, "Unknown option '--bogus'"],
      [['--dev'], { ONAIR_TRUST_PROXY: 'maybe' }, '--trust-proxy (ONAIR_TRUST_PROXY): expected 1, true'],
      [
        ['--dev', '--db', './x/onair.db', '--collector-db', './x/onair.db'],
        {},
        "--collector-db (ONAIR_COLLECTOR_DB): the collector's file must not be the live database",
      ],
      [
        ['--dev', '--collector-address-rate', 'fast'],
        {},
        '--collector-address-rate (ONAIR_COLLECTOR_ADDRESS_RATE): expected <events per second>[/<burst>]',
      ],
      [
        ['--dev'],
        { ONAIR_COLLECTOR_ORIGIN_RATE: '0/10' },
        '--collector-origin-rate (ONAIR_COLLECTOR_ORIGIN_RATE)',
      ],
    ];
    for (const [argv, env, message] of cases) {
      const result = parseConfig(argv, env);
      expect(result.ok).toBe(false);
      expect((result as { message: string }).message).toContain(message);
    }
  });

  it('cluster mode: the Redis URL and the lease, from flags or environment', () => {
    const token = { ONAIR_OPS_TOKEN: TOKEN };
    expect(parseConfig(['--redis', 'redis://127.0.0.1:6379/2'], token)).toMatchObject({
      config: { redis: 'redis://127.0.0.1:6379/2', redisLeaseMs: 2000 },
    });
    expect(
      parseConfig([], { ...token, ONAIR_REDIS_URL: 'redis://r.internal:6380', ONAIR_REDIS_LEASE_MS: '500' }),
    ).toMatchObject({ config: { redis: 'redis://r.internal:6380', redisLeaseMs: 500 } });
    expect(parseConfig(['--redis', 'http://127.0.0.1:6379'], token)).toMatchObject({
      ok: false,
      message: expect.stringContaining('--redis (ONAIR_REDIS_URL): expected redis://host:port/db'),
    });
    expect(parseConfig(['--redis', 'redis://h:6379/abc'], token)).toMatchObject({
      ok: false,
      message: expect.stringContaining('--redis (ONAIR_REDIS_URL): the database must be a number'),
    });
    expect(parseConfig(['--redis-lease-ms', '50'], token)).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        '--redis-lease-ms (ONAIR_REDIS_LEASE_MS): expected a whole number from 200',
      ),
    });
  });

  it('collector: its own file and its rate limits', () => {
    expect(
      parseConfig(['--dev', '--collector-db', './e.db'], { ONAIR_COLLECTOR_DB: './other.db' }),
    ).toMatchObject({
      config: { collectorDb: './e.db' },
    });
    expect(parseConfig(['--dev'], { ONAIR_COLLECTOR_DB: ':memory:' })).toMatchObject({
      config: { collectorDb: ':memory:' },
    });
    const limits = parseConfig(['--dev', '--collector-address-rate', '50/400'], {
      ONAIR_COLLECTOR_ORIGIN_RATE: 'off',
      ONAIR_COLLECTOR_ADDRESS_RATE: '1/1',
    });
    expect(limits).toMatchObject({
      config: { collectorLimits: { address: { rate: 50, burst: 400 }, origin: null, maxKeys: 50_000 } },
    });
    expect(parseConfig(['--dev', '--collector-origin-rate', '30'], {})).toMatchObject({
      config: {
        collectorLimits: { origin: { rate: 30, burst: 300 }, address: DEFAULT_COLLECTOR_LIMITS.address },
      },
    });
  });
});
