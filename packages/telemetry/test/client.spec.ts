// The client in Node with the memory store and a scripted `fetch`: caps and drop accounting,
// the retry table end to end, 413 splitting, consent and sampling. The browser-only paths
// (IndexedDB, Web Locks, unload, offline) are proven in Chromium by test/e2e/telemetry.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTelemetry, type Envelope, type Telemetry, type TelemetryRecord } from '../src/index.js';

interface Call {
  url: string;
  sentAt: number;
  events: Envelope[];
  keepalive: boolean;
  contentType: string | null;
}

let calls: Call[];
let replies: Array<number | [number, Record<string, string>]>;
let clients: Telemetry[];

beforeEach(() => {
  calls = [];
  replies = [];
  clients = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const request = new Request(url, init);
    const parsed = JSON.parse(await request.text()) as { sentAt: number; events: Envelope[] };
    calls.push({
      url,
      ...parsed,
      keepalive: !!init.keepalive,
      contentType: request.headers.get('content-type'),
    });
    const reply = replies.shift() ?? 200;
    const [status, headers] = typeof reply === 'number' ? [reply, {}] : reply;
    if (status === 0) throw new TypeError('network');
    return new Response(null, { status, headers });
  });
});

afterEach(async () => {
  for (const client of clients) await client.shutdown();
  vi.unstubAllGlobals();
});

function make(options: Partial<Parameters<typeof createTelemetry>[0]> = {}) {
  const t = createTelemetry({
    endpoint: 'http://collector.test/v1/events',
    storage: 'memory',
    heartbeat: 0,
    flushInterval: 60_000,
    retryBase: 1,
    retryCap: 5,
    compress: false,
    ...options,
  });
  clients.push(t);
  const log: TelemetryRecord[] = [];
  t.observe((record) => log.push(record));
  return { t, log };
}

/** Flush until `check` holds: timers (retry, the sdk.dropped report) run on their own schedule. */
async function eventually(t: Telemetry, check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) {
    await new Promise((r) => setTimeout(r, 10));
    await t.flush();
  }
  expect(check()).toBe(true);
}

const sentTypes = () => calls.flatMap((c) => c.events.map((e) => e.type));

describe('createTelemetry', () => {
  it('sends one CORS-simple batch with the documented envelope', async () => {
    const { t } = make({ room: 'r1', viewer: 'viewer-1' });
    const e = t.track('poll.vote', { option: 2 }, { widget: { kind: 'poll', id: 'p1' }, campaign: 'c1' });
    await t.flush();
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.contentType).toBe('text/plain;charset=UTF-8');
    expect(call.events.map((x) => x.type)).toEqual(['session.start', 'poll.vote']);
    expect(call.events[1]).toEqual({
      v: 1,
      id: e?.id,
      type: 'poll.vote',
      ts: e?.ts,
      seq: 1,
      session: t.session,
      viewer: 'viewer-1',
      room: 'r1',
      campaign: 'c1',
      widget: { kind: 'poll', id: 'p1' },
      props: { option: 2 },
    });
    expect(call.events[1]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(call.sentAt - Date.now())).toBeLessThan(1000);
  });

  it('retries 500, 429 (Retry-After) and network errors with the same ids and a fresh sentAt', async () => {
    replies = [500, [429, { 'Retry-After': '0' }], 0, 200];
    const { t, log } = make();
    t.track('a');
    for (let i = 0; i < 4; i++) {
      await t.flush();
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(calls).toHaveLength(4);
    const ids = calls.map((c) => c.events.map((e) => e.id).join());
    expect(new Set(ids).size).toBe(1);
    expect(log.filter((r) => r.stage === 'retried').map((r) => r.detail?.status)).toEqual([500, 429, 0]);
    expect(log.some((r) => r.stage === 'acked')).toBe(true);
  });

  it('drops other 4xx, counts them and reports sdk.dropped once', async () => {
    replies = [400];
    const { t, log } = make();
    t.track('a');
    t.track('b');
    await eventually(t, () => calls.length === 2);
    expect(log.find((r) => r.stage === 'dropped')?.detail).toEqual({ reason: 'rejected', status: 400 });
    const dropped = calls[1]?.events.find((e) => e.type === 'sdk.dropped');
    expect(dropped?.props).toEqual({ rejected: 3 });
    expect(calls).toHaveLength(2);
  });

  it('splits a batch on 413 and delivers both halves; a single event on 413 is dropped', async () => {
    replies = [413, 200, 200, 413];
    const { t } = make();
    for (let i = 0; i < 5; i++) t.track('x');
    await t.flush();
    expect(calls.map((c) => c.events.length)).toEqual([6, 3, 3]);
    t.track('huge');
    await eventually(t, () => sentTypes().includes('sdk.dropped'));
    expect(sentTypes().filter((type) => type === 'sdk.dropped')).toHaveLength(1);
    expect(calls.at(-1)?.events[0]?.props).toEqual({ too_large: 1 });
  });

  it('caps the queue by items, dropping the oldest and reporting the count as sdk.dropped', async () => {
    replies = [503];
    const { t, log } = make({ maxItems: 10, retryBase: 40, retryCap: 40 });
    t.track('first');
    await t.flush(); // 503: in backoff now, so the queue grows past its cap
    for (let i = 0; i < 20; i++) t.track('n', { i });
    // The retry timer reads the queue and applies the caps; the drop count follows in its own event.
    await eventually(t, () => calls.some((c) => c.events.some((e) => e.type === 'sdk.dropped')));
    const drops = log.filter((r) => r.stage === 'dropped');
    expect(drops.map((r) => [r.detail?.reason, r.events.length])).toEqual([['items', 12]]);
    // The 10 newest survive, oldest first; the drop count follows in its own event.
    expect(calls[1]?.events.map((e) => e.props?.i)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(calls.flatMap((c) => c.events).find((e) => e.type === 'sdk.dropped')?.props).toEqual({
      items: 12,
    });
  });

  it('holds events in memory while consent is pending, sends them on grant, purges on denial', async () => {
    const { t } = make({ consent: 'pending' });
    t.track('a');
    await t.flush();
    expect(calls).toHaveLength(0);
    t.setConsent('granted');
    await t.flush();
    expect(sentTypes()).toEqual(['session.start', 'a']);
    t.setConsent('denied');
    expect(t.track('b')).toBeUndefined();
    await t.flush();
    expect(calls).toHaveLength(1);
  });

  it('samples deterministically and stamps the rate', async () => {
    const viewers = Array.from({ length: 200 }, (_, i) => `v${i}`);
    let kept = 0;
    for (const viewer of viewers) {
      const { t } = make({ viewer, sampleRate: { 'product.impression': 0.5 } });
      const a = t.track('product.impression');
      const b = t.track('product.impression');
      expect(!!a).toBe(!!b);
      if (a) {
        kept++;
        expect(a.sampleRate).toBe(0.5);
      }
      expect(t.track('sdk.error')?.sampleRate).toBeUndefined();
    }
    expect(kept).toBeGreaterThan(70);
    expect(kept).toBeLessThan(130);
  });

  it('drops an event larger than a batch and reports it', async () => {
    const { t, log } = make({ batchBytes: 500 });
    expect(t.track('big', { pad: 'x'.repeat(600) })).toBeUndefined();
    expect(log.find((r) => r.stage === 'dropped')?.detail).toEqual({ reason: 'too_large' });
    await eventually(t, () => sentTypes().includes('sdk.dropped'));
    expect(calls.at(-1)?.events.find((e) => e.type === 'sdk.dropped')?.props).toEqual({ too_large: 1 });
  });
});
