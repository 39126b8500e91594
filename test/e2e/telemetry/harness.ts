// Telemetry browser-test harness: a real collector (with switchable faults and a request log)
// on one loopback port, and the test page on another, so every request the client makes is
// cross-origin and must stay CORS-simple (the log counts preflights: there must be none).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { createCollectorServer } from '../../../packages/server/src/collector/standalone.js';

const root = new URL('../../../', import.meta.url).pathname;

/** How the collector answers POSTs right now. */
export interface Control {
  /** `ok`, `faulty` (a deterministic 30 % of requests fail), `down` (every request gets 503). */
  mode: 'ok' | 'faulty' | 'down';
  /** Delay before answering, ms: keeps requests in flight across a reload or unload. */
  hold: number;
}

export interface Wire {
  posts: number;
  preflights: number;
  /** Failures injected, by kind. */
  faults: Record<string, number>;
  /** Events that reached the store's dedupe: accepted + duplicate. */
  received: number;
  duplicate: number;
  rejected: number;
  /** POSTs in flight now and at peak, with their body bytes (Content-Length). */
  inflight: number;
  inflightBytes: number;
  peakInflight: number;
  peakBytes: number;
}

/** Fault kinds in the order they are injected; resets happen before and after the store commits. */
const FAULTS = ['500', '429-seconds', 'reset', '429-date', 'reset-after-store', '503'] as const;

export async function startTelemetryRig() {
  const control: Control = { mode: 'ok', hold: 0 };
  const wire: Wire = {
    posts: 0,
    preflights: 0,
    faults: {},
    received: 0,
    duplicate: 0,
    rejected: 0,
    inflight: 0,
    inflightBytes: 0,
    peakInflight: 0,
    peakBytes: 0,
  };
  const origins: string[] = [];
  const resetAfter = new WeakSet<object>();

  const collector = await createCollectorServer({
    corsOrigins: origins,
    onIngest: (r) => {
      wire.received += r.accepted + r.duplicate;
      wire.duplicate += r.duplicate;
      wire.rejected += r.rejected;
    },
    setup(app) {
      app.addHook('onRequest', async (req, reply) => {
        if (req.method === 'OPTIONS') wire.preflights++;
        if (req.method !== 'POST') return;
        const n = ++wire.posts;
        const bytes = Number(req.headers['content-length'] ?? 0);
        wire.inflight++;
        wire.inflightBytes += bytes;
        wire.peakInflight = Math.max(wire.peakInflight, wire.inflight);
        wire.peakBytes = Math.max(wire.peakBytes, wire.inflightBytes);
        reply.raw.once('close', () => {
          wire.inflight--;
          wire.inflightBytes -= bytes;
        });
        if (control.hold) await new Promise((r) => setTimeout(r, control.hold));
        const origin = req.headers.origin ?? '';
        const cors = () =>
          reply
            .header('access-control-allow-origin', origin)
            .header('access-control-expose-headers', 'Retry-After');
        if (control.mode === 'down') return cors().code(503).send();
        // Requests 3, 6 and 9 of every ten: a deterministic 30 %.
        if (control.mode !== 'faulty' || n % 10 === 0 || n % 3 !== 0) return;
        const kind = FAULTS[Object.values(wire.faults).reduce((a, b) => a + b, 0) % FAULTS.length]!;
        wire.faults[kind] = (wire.faults[kind] ?? 0) + 1;
        if (kind === 'reset') {
          reply.hijack();
          req.raw.socket.destroy();
          return;
        }
        if (kind === 'reset-after-store') return void resetAfter.add(req);
        if (kind === '429-seconds') return cors().code(429).header('retry-after', '1').send();
        if (kind === '429-date')
          return cors()
            .code(429)
            .header('retry-after', new Date(Date.now() + 1000).toUTCString())
            .send();
        return cors().code(Number(kind)).send();
      });
      // The batch is committed; the client never hears so and must resend it (dedupe absorbs it).
      app.addHook('onSend', async (req, _reply, payload) => {
        if (resetAfter.has(req)) req.raw.socket.destroy();
        return payload;
      });
    },
  });
  const collectorUrl = await collector.listen();

  const bundle = await build({
    entryPoints: [`${root}packages/telemetry/src/index.ts`],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  const script = bundle.outputFiles[0]!.text;
  const page = (cfg: string) => `<!doctype html><meta charset="utf-8"><title>telemetry</title>
<script type="module">
const cfg = ${cfg};
if (cfg.measure) {
  // Keepalive requests in flight, as the page sees them; the peak is kept in sessionStorage
  // because it must survive the unload it is measuring.
  const real = window.fetch;
  let n = 0, b = 0;
  window.fetch = (url, init = {}) => {
    if (!init.keepalive) return real(url, init);
    const size = typeof init.body === 'string' ? new TextEncoder().encode(init.body).length : init.body.size;
    n++; b += size;
    const peak = JSON.parse(sessionStorage.getItem('peak') || '{"n":0,"b":0}');
    sessionStorage.setItem('peak', JSON.stringify({ n: Math.max(peak.n, n), b: Math.max(peak.b, b) }));
    return real(url, init).finally(() => { n--; b -= size; });
  };
}
const { createTelemetry } = await import('/telemetry.js');
window.tracked = [];
window.dropped = [];
window.sent = 0;
window.t = createTelemetry({ endpoint: ${JSON.stringify(`${collectorUrl}/v1/events`)}, ...cfg.options });
t.observe((r) => {
  if (r.stage === 'tracked') tracked.push(...r.events.map((e) => e.id));
  if (r.stage === 'dropped') dropped.push(...r.events.map((e) => e.id));
  if (r.stage === 'sent') window.sent += r.events.length;
});
window.ready = true;
</script>`;

  const pages: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/telemetry.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (url.pathname === '/') {
      // The config travels in the query, so a reload brings the same client back.
      const cfg = url.searchParams.get('cfg') ?? '{}';
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(JSON.stringify(JSON.parse(cfg))));
    } else {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>elsewhere</title><p>no telemetry');
    }
  });
  await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
  const pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  origins.push(pageOrigin);

  return {
    control,
    wire,
    pageOrigin,
    /** URL of the test page with these `createTelemetry` options (plus `measure` for the fetch probe). */
    pageUrl: (options: Record<string, unknown>, measure = false) =>
      `${pageOrigin}/?cfg=${encodeURIComponent(JSON.stringify({ options, measure }))}`,
    /** Ids stored by the collector (the primary key makes them distinct). */
    storedIds: () =>
      new Set(
        (collector.db.prepare('SELECT id FROM telemetry_events').all() as { id: string }[]).map((r) => r.id),
      ),
    resetWire() {
      Object.assign(wire, { posts: 0, preflights: 0, faults: {}, received: 0, duplicate: 0, rejected: 0 });
      wire.peakInflight = wire.inflight;
      wire.peakBytes = wire.inflightBytes;
    },
    clearStore: () => collector.db.exec('DELETE FROM telemetry_events'),
    async close() {
      await new Promise((r) => pages.close(r));
      await collector.close();
    },
  };
}

/** Poll until `check` holds; fails with `what` after `timeout` ms. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeout = 20_000,
): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Fast timings for tests; each test overrides what it needs. */
export const FAST = {
  flushInterval: 100,
  retryBase: 20,
  retryCap: 200,
  maxRetryAfter: 1500,
  heartbeat: 0,
};
