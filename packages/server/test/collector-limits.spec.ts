// The collector's rate limits: token buckets per client address and per origin, counted in events,
// answered 429 with Retry-After before the body is read; the bucket maps swept and capped.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { type CollectorLimits, collectorPlugin, parseRateSpec } from '../src/collector/index.js';
import { CollectorLimiter } from '../src/collector/limits.js';
import { openSqlite } from '../src/db.js';
import { errorAnswerOptions, installErrorAnswers } from '../src/errors.js';
import { addressKey } from '../src/live-limits.js';
import { tempDir } from './helpers.js';

describe('CollectorLimiter', () => {
  const limiter = (limits: Partial<CollectorLimits>) => {
    let now = 0;
    const l = new CollectorLimiter(
      { address: null, origin: null, maxKeys: 1000, holdMs: 0, maxHeld: 0, ...limits },
      () => now,
    );
    return { l, tick: (ms: number) => (now += ms) };
  };
  const from = (address: string, origin = 'none') => ({ address, origin });

  it('lets a sender in while its bucket holds a token, then says how long to wait', () => {
    const { l, tick } = limiter({ address: { rate: 2, burst: 3 } });
    for (let i = 0; i < 3; i++) expect(l.admit(from('a'))).toBeNull();
    expect(l.admit(from('a'))).toEqual({ scope: 'address', waitMs: 500 });
    expect(l.admit(from('b'))).toBeNull(); // another address has its own bucket
    tick(500);
    expect(l.admit(from('a'))).toBeNull();
    l.close();
  });

  it('charges what a request carried once read: a big batch makes its sender wait longer', () => {
    const { l, tick } = limiter({ address: { rate: 10, burst: 20 } });
    expect(l.admit(from('a'))).toBeNull();
    l.charge(from('a'), 25); // 1 at the door + 24 now: 5 tokens in debt
    expect(l.admit(from('a'))).toEqual({ scope: 'address', waitMs: 600 });
    tick(600);
    expect(l.admit(from('a'))).toBeNull();
    // Debt stops at one burst, so a huge batch cannot lock its sender out for long.
    l.charge(from('a'), 10_000);
    expect(l.admit(from('a'))).toEqual({ scope: 'address', waitMs: 2_100 });
    l.close();
  });

  it('counts origins apart, with requests without one sharing `none`', () => {
    const { l } = limiter({ origin: { rate: 1, burst: 1 } });
    expect(l.admit(from('a', 'https://one.example'))).toBeNull();
    expect(l.admit(from('b', 'https://one.example'))).toMatchObject({ scope: 'origin' });
    expect(l.admit(from('a', 'https://two.example'))).toBeNull();
    expect(l.admit(from('c'))).toBeNull();
    expect(l.admit(from('d'))).toMatchObject({ scope: 'origin' });
    l.close();
  });

  it('forgets refilled buckets on a sweep, and caps the map: past maxKeys, new keys share one bucket', () => {
    const { l, tick } = limiter({ address: { rate: 1, burst: 2 }, maxKeys: 100, holdMs: 0, maxHeld: 0 });
    for (let i = 0; i < 1000; i++) l.admit(from(`10.0.${i >> 8}.${i & 255}`));
    // 100 keys of their own, and the overflow bucket every later address shares.
    expect(l.sizes()).toEqual({ address: 101 });
    expect(l.admit(from('10.9.9.9'))).toMatchObject({ scope: 'address' });
    tick(2_000);
    l.sweep();
    expect(l.sizes()).toEqual({ address: 0 });
    expect(l.admit(from('10.9.9.9'))).toBeNull();
    l.close();
  });

  it('reads rate specs: <rate>[/<burst>] or off', () => {
    expect(parseRateSpec('200/2000')).toEqual({ rate: 200, burst: 2000 });
    expect(parseRateSpec('30')).toEqual({ rate: 30, burst: 300 });
    expect(parseRateSpec('off')).toBeNull();
    for (const bad of ['', '0', '1/0', 'fast', '-1/2', '1.5', '2000000'])
      expect(parseRateSpec(bad)).toMatchObject({ error: expect.stringContaining(`got "${bad}"`) });
  });
});

describe('client address keys', () => {
  it('count IPv4 as is and IPv6 by its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('refusals on the wire', () => {
  const temp = tempDir();
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function collector(limits: CollectorLimits, trustProxy: boolean, maxQueued?: number) {
    const file = `${temp.dir}/events-${apps.length}-${Date.now()}.db`;
    const app = Fastify(errorAnswerOptions);
    installErrorAnswers(app);
    await app.register(collectorPlugin, {
      file,
      corsOrigins: ['*'],
      limits,
      trustProxy,
      ...(maxQueued === undefined ? {} : { maxQueued }),
    });
    apps.push(app);
    const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/v1/events`;
    const rows = () => {
      const db = openSqlite(file);
      const n = (db.prepare('SELECT COUNT(*) AS n FROM telemetry_events').get() as { n: number }).n;
      db.close();
      return n;
    };
    return { url, rows };
  }

  let serial = 0;
  const batch = (n: number) =>
    JSON.stringify({
      sentAt: Date.now(),
      events: Array.from({ length: n }, (_, seq) => ({
        v: 1,
        id: `0190a000-0000-7000-8000-${(serial++).toString(16).padStart(12, '0')}`,
        type: 'poll.vote',
        ts: Date.now(),
        seq,
        session: 's1',
        viewer: 'v1',
      })),
    });
  const post = (url: string, n: number, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', body: batch(n), headers });

  it('per address: 429 with Retry-After and the error shape once the bucket is spent; refused batches store nothing', async () => {
    const { url, rows } = await collector(
      { address: { rate: 1, burst: 5 }, origin: null, maxKeys: 100, holdMs: 0, maxHeld: 0 },
      true,
    );
    const as = (address: string) => ({ 'x-forwarded-for': address });
    // 4 events cost 4 tokens: 1 at the door, 3 once read; one more single-event batch spends the 5th.
    expect((await post(url, 4, as('198.51.100.1'))).status).toBe(200);
    expect((await post(url, 1, as('198.51.100.1'))).status).toBe(200);
    const refused = await post(url, 1, as('198.51.100.1'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({
      accepted: 0,
      error: { code: 'rate_limited', message: expect.stringContaining('address') },
    });
    // A left-hand entry is the client's own claim: it buys nothing.
    expect((await post(url, 1, as('203.0.113.9, 198.51.100.1'))).status).toBe(429);
    // Another address is served.
    expect((await post(url, 1, as('198.51.100.2'))).status).toBe(200);
    expect(rows()).toBe(6);
  });

  it('without --trust-proxy, X-Forwarded-For is ignored: every request is the socket address', async () => {
    const { url } = await collector(
      { address: { rate: 1, burst: 2 }, origin: null, maxKeys: 100, holdMs: 0, maxHeld: 0 },
      false,
    );
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post(url, 1, { 'x-forwarded-for': `192.0.2.${i}` })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('per origin, with CORS headers on the 429 so a page can read Retry-After', async () => {
    const { url } = await collector(
      { address: null, origin: { rate: 1, burst: 2 }, maxKeys: 100, holdMs: 0, maxHeld: 0 },
      false,
    );
    const as = (origin: string) => ({ origin });
    expect((await post(url, 2, as('https://a.example'))).status).toBe(200);
    const refused = await post(url, 1, as('https://a.example'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://a.example');
    expect(refused.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(await refused.json()).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringContaining('origin') },
    });
    expect((await post(url, 1, as('https://b.example'))).status).toBe(200);
  });

  it('503 with Retry-After when more batches wait for the collector thread than it queues', async () => {
    const { url, rows } = await collector(
      { address: null, origin: null, maxKeys: 100, holdMs: 0, maxHeld: 0 },
      false,
      0,
    );
    const busy = await post(url, 1);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ error: { code: 'collector_busy' } });
    expect(rows()).toBe(0);
  });

  it('holds a refusal up to holdMs before answering it, at most maxHeld at once', async () => {
    const { url } = await collector(
      { address: { rate: 1, burst: 1 }, origin: null, maxKeys: 100, holdMs: 2_000, maxHeld: 1 },
      false,
    );
    expect((await post(url, 1)).status).toBe(200);
    const timed = async () => {
      const started = performance.now();
      const res = await post(url, 1);
      return {
        status: res.status,
        ms: performance.now() - started,
        retryAfter: res.headers.get('retry-after'),
      };
    };
    // The bucket refills in ~1 s: the first refusal is held about that long, the second (while the
    // first waits) is answered at once, since only one may wait.
    const [held, direct] = await Promise.all([timed(), new Promise((r) => setTimeout(r, 100)).then(timed)]);
    expect(held).toMatchObject({ status: 429, retryAfter: '1' });
    expect(held.ms).toBeGreaterThan(700);
    expect(direct.status).toBe(429);
    expect(direct.ms).toBeLessThan(held.ms - 300);
  });
});
