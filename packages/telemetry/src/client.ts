import { ENVELOPE_VERSION, type Envelope, type TrackContext } from './envelope.js';
import { lead } from './lock.js';
import { body, byAge, type Caps, type DropReason, take, trim } from './queue.js';
import { backoff, classify, retryAfter } from './retry.js';
import { rateFor, type SampleRate, sampled } from './sampling.js';
import { idbStore } from './storage/idb.js';
import { localStore } from './storage/local.js';
import { memoryStore } from './storage/memory.js';
import type { Store } from './storage/store.js';
import { createSender, type SendResult } from './transport/sender.js';
import { uuidv7 } from './uuid.js';

/** `pending` keeps events in memory only; `denied` purges them and stops tracking. */
export type Consent = 'granted' | 'pending' | 'denied';

/** Where an event is in its life; the debug overlay lists these as they happen. */
export type Stage = 'tracked' | 'persisted' | 'sent' | 'acked' | 'retried' | 'dropped';

export interface TelemetryRecord {
  stage: Stage;
  events: Envelope[];
  /** `sent`: bytes, unload. `acked`/`retried`: status, delay. `dropped`: reason. `persisted`: store. */
  detail?: Record<string, unknown>;
}

export interface TelemetryOptions extends TrackContext {
  /** Collector URL, absolute or relative to the page. */
  endpoint: string;
  /** Default `granted`; pass `pending` when the page runs a consent banner. */
  consent?: Consent;
  /** 0–1 for every type, or per type with `*` as the fallback. `sdk.*` events are never sampled. */
  sampleRate?: SampleRate;
  /** The host's viewer id; otherwise an anonymous id kept in localStorage (after consent). */
  viewer?: string;
  /** Namespace for storage keys, the database and the cross-tab lock. Default `onair-telemetry`. */
  name?: string;
  /** Most events per request. Default 50. */
  batchSize?: number;
  /** Most JSON characters per request; also the largest single event. Default 16 KiB. */
  batchBytes?: number;
  /** ms between sends while events wait. Default 2,000. */
  flushInterval?: number;
  /** Queue caps. Defaults 1,000 events, 512 KiB, 24 h. */
  maxItems?: number;
  maxBytes?: number;
  maxAge?: number;
  /** Backoff base and cap in ms. Defaults 1,000 and 30,000. */
  retryBase?: number;
  retryCap?: number;
  /** Longest `Retry-After` honoured, ms. Default 300,000. */
  maxRetryAfter?: number;
  /** Seconds between `session.heartbeat` while visible; 0 turns it off. Default 30. */
  heartbeat?: number;
  /** Inactivity that ends a session, ms. Default 30 min. */
  sessionTimeout?: number;
  /** `memory` skips IndexedDB and localStorage (tests, or pages that must not persist). */
  storage?: 'auto' | 'memory';
  /** gzip bodies with CompressionStream when the browser has it. Default true. */
  compress?: boolean;
}

export interface Telemetry {
  /** Queue an event. Returns it, or undefined when consent is denied, sampled out or too large. */
  track(type: string, props?: Record<string, unknown>, context?: TrackContext): Envelope | undefined;
  /** Resolves when everything queued so far is acknowledged, or persisted for a later attempt. */
  flush(): Promise<void>;
  setConsent(state: Consent): void;
  /** Change the defaults merged into later events (a new room, campaign, variant or viewer). */
  setContext(context: TrackContext & { viewer?: string }): void;
  /** Listen to every stage of every event; returns the unsubscribe function. */
  observe(listener: (record: TelemetryRecord) => void): () => void;
  /** Flush, then stop timers, listeners and the cross-tab lock. Later `track()` calls do nothing. */
  shutdown(): Promise<void>;
  readonly consent: Consent;
  readonly session: string;
}

const SDK = 'sdk.';

/** Reads and writes that must never throw into the host page (storage can be disabled or full). */
const safe = <T>(run: () => T): T | undefined => {
  try {
    return run();
  } catch {
    return undefined;
  }
};

/** Primary store with a memory overflow: a rejected write (quota) keeps its events in this tab. */
function tiered(primary: Store): Store {
  const mem = memoryStore();
  return {
    kind: primary.kind,
    put: (items) => primary.put(items).catch(() => mem.put(items)),
    del: (ids) => Promise.all([primary.del(ids).catch(() => {}), mem.del(ids)]),
    all: async () => [...(await primary.all().catch(() => [])), ...(await mem.all())],
    clear: () => Promise.all([primary.clear().catch(() => {}), mem.clear()]),
  };
}

export function createTelemetry(options: TelemetryOptions): Telemetry {
  const o = {
    name: 'onair-telemetry',
    batchSize: 50,
    batchBytes: 16_384,
    flushInterval: 2000,
    maxItems: 1000,
    maxBytes: 524_288,
    maxAge: 86_400_000,
    retryBase: 1000,
    retryCap: 30_000,
    maxRetryAfter: 300_000,
    heartbeat: 30,
    sessionTimeout: 1_800_000,
    ...options,
  };
  const caps: Caps = o;
  const name = o.name;
  const browser = typeof window === 'object';
  const ls = browser ? safe(() => localStorage) : undefined;
  const ss = browser ? safe(() => sessionStorage) : undefined;
  const sender = createSender(
    browser ? new URL(o.endpoint, location.href).href : o.endpoint,
    o.compress !== false,
  );
  const now = Date.now;
  const offline = () => browser && !navigator.onLine;
  const visible = () => !browser || !document.hidden;

  let consent: Consent = o.consent ?? 'granted';
  let context: TrackContext = { room: o.room, campaign: o.campaign, variant: o.variant };
  let viewer = o.viewer ?? safe(() => ls?.getItem(`${name}:viewer`)) ?? uuidv7();
  const listeners = new Set<(record: TelemetryRecord) => void>();
  const emit = (stage: Stage, events: Envelope[], detail?: Record<string, unknown>) => {
    for (const listener of listeners) safe(() => listener({ stage, events, detail }));
  };

  // ── Session: id, sequence and last activity survive reloads in sessionStorage ─────────────
  const sessionKey = `${name}:session`;
  let session: { id: string; seq: number; last: number } = {
    id: uuidv7(),
    seq: 0,
    last: 0,
    ...safe(() => JSON.parse(ss?.getItem(sessionKey) ?? '{}')),
  };
  const saveSession = () => {
    if (consent === 'granted') safe(() => ss?.setItem(sessionKey, JSON.stringify(session)));
  };

  /** A new session after `sessionTimeout` of inactivity (or none saved) starts with `session.start`. */
  let startedAt: number | undefined;
  const touch = (ts: number) => {
    if (ts - session.last > o.sessionTimeout) {
      // A session that timed out is replaced; a first one (nothing saved) keeps its id and count.
      session = session.last ? { id: uuidv7(ts), seq: 0, last: ts } : { ...session, last: ts };
      // Same timestamp as the event that started the session, so it sorts (and is sent) first.
      startedAt = ts;
      api.track('session.start', browser ? { path: location.pathname } : undefined);
      startedAt = undefined;
    }
    session.last = ts;
  };

  // ── Queue state ───────────────────────────────────────────────────────────────────────────
  /** Opened on the first grant, so nothing touches disk before consent. */
  let ready: Promise<Store> | undefined;
  let leader = false;
  let release = () => {};
  /** Events tracked while consent is pending: memory only. */
  let held: Envelope[] = [];
  let writes: Envelope[] = [];
  /** The write in progress: neither in `writes` nor readable from the store until it commits. */
  let committing: Envelope[] = [];
  let persisting: Promise<unknown> = Promise.resolve();
  /** The owner's view of the shared queue, read synchronously by the unload path. */
  let known = new Map<string, Envelope>();
  const inflight = new Set<string>();
  /** Acked this page life: a failed delete must not cause a resend loop. */
  const done = new Set<string>();
  const json = new Map<string, string>();
  const ser = (e: Envelope) => {
    let s = json.get(e.id);
    if (s === undefined) {
      s = JSON.stringify(e);
      json.set(e.id, s);
    }
    return s;
  };
  const size = (e: Envelope) => ser(e).length;
  const forget = (events: Envelope[]) => {
    for (const e of events) {
      known.delete(e.id);
      json.delete(e.id);
    }
  };

  let drops: Partial<Record<DropReason, number>> = {};
  let reporting = false;
  const drop = (reason: DropReason, events: Envelope[], detail?: Record<string, unknown>) => {
    forget(events);
    emit('dropped', events, { reason, ...detail });
    // Drops of `sdk.dropped` itself are not re-reported, or a rejecting collector would loop.
    const counted = events.filter((e) => e.type !== 'sdk.dropped').length;
    if (!counted) return;
    drops[reason] = (drops[reason] ?? 0) + counted;
    if (reporting) return;
    reporting = true;
    // One `sdk.dropped` per burst of drops, tracked after the current task.
    setTimeout(() => {
      reporting = false;
      const props = drops;
      drops = {};
      api.track('sdk.dropped', props);
    });
  };

  const openStore = (): Promise<Store> =>
    (o.storage === 'memory' || !browser
      ? Promise.reject()
      : idbStore(name).catch(async () => {
          const store = localStore(`${name}:queue`, o.maxBytes, ls ?? localStorage);
          await store.all();
          return store;
        })
    )
      .catch(() => memoryStore())
      .then((store) => {
        // A memory queue is this tab's alone; a shared one gets one owner across tabs.
        if (store.kind === 'memory') leader = true;
        else
          release = lead(`${name}:owner`, (on) => {
            leader = on;
            if (on) void pump();
          });
        return tiered(store);
      });

  const persist = (events: Envelope[]) => {
    ready ??= openStore();
    const store = ready;
    if (leader) for (const e of events) known.set(e.id, e);
    writes.push(...events);
    // One write per microtask burst: a loop of track() calls costs one transaction.
    if (writes.length === events.length)
      persisting = Promise.all([store, persisting]).then(async ([s]) => {
        const list = writes;
        writes = [];
        committing = list;
        await s.put(list);
        committing = [];
        emit('persisted', list, { store: s.kind });
      });
  };

  // ── Sending: one request at a time; the unload path may add a few keepalive ones ──────────
  let attempt = 0;
  let retryAt = 0;
  let splitTo = o.batchSize;
  let running: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const settle = async (batch: Envelope[], res: SendResult) => {
    const ids = batch.map((e) => e.id);
    for (const id of ids) inflight.delete(id);
    const outcome = classify(res.status);
    const store = await ready!;
    if (outcome === 'ok') {
      for (const id of ids) done.add(id);
      attempt = 0;
      splitTo = o.batchSize;
      forget(batch);
      await store.del(ids);
      emit('acked', batch, { status: res.status });
    } else if (outcome === 'drop' || (outcome === 'split' && batch.length < 2)) {
      await store.del(ids);
      drop(outcome === 'drop' ? 'rejected' : 'too_large', batch, { status: res.status });
    } else if (outcome === 'split') {
      splitTo = Math.ceil(batch.length / 2);
    } else {
      const delay = Math.max(
        backoff(attempt++, o.retryBase, o.retryCap),
        retryAfter(res.retryAfter, now(), o.maxRetryAfter) ?? 0,
      );
      retryAt = now() + delay;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(pump, delay);
      emit('retried', batch, { status: res.status, delay, attempt });
    }
    return outcome;
  };

  /** Send one batch; undefined when the unload path found no room in the keepalive budget. */
  const send = (batch: Envelope[], unload?: boolean) => {
    const json = body(batch.map(ser), now());
    const request = sender.send(json, unload);
    if (!request) return;
    for (const e of batch) inflight.add(e.id);
    emit('sent', batch, { bytes: json.length, unload });
    return request.then((res) => settle(batch, res));
  };

  /** Read the shared queue, apply the caps, and pick the next batch (persisted events only). */
  const next = async () => {
    const store = await ready!;
    const { keep, drop: dropped } = trim(
      (await store.all()).filter((e) => !done.has(e.id)),
      caps,
      now(),
      size,
    );
    for (const [reason, events] of dropped) {
      await store.del(events.map((e) => e.id));
      drop(reason, events);
    }
    // The unload path also sees events whose write has not started or not landed yet.
    known = new Map(keep.map((e) => [e.id, e]));
    for (const e of [...writes, ...committing]) known.set(e.id, e);
    for (const id of json.keys()) if (!known.has(id)) json.delete(id);
    return take(
      keep.filter((e) => !inflight.has(e.id)),
      splitTo,
      o.batchBytes,
      size,
    );
  };

  const sendable = () => leader && consent === 'granted' && !closed && !offline() && now() >= retryAt;

  const loop = async () => {
    while (sendable()) {
      await persisting;
      const batch = await next();
      if (!batch.length || !sendable()) break;
      if ((await send(batch)) === 'retry') break;
    }
  };
  // `.finally` runs after the assignment even when the loop ends at once, so `running` clears.
  const pump = (): Promise<void> =>
    (running ??= loop().finally(() => {
      running = undefined;
    }));

  /** Page going away or hidden: hand what is queued to keepalive requests, within budget. */
  const unload = () => {
    if (!leader || consent !== 'granted' || offline()) return;
    let list = [...known.values()].filter((e) => !inflight.has(e.id)).sort(byAge);
    let count = o.batchSize;
    while (list.length && count) {
      const batch = take(list, count, o.batchBytes, size);
      if (send(batch, true)) list = list.slice(batch.length);
      else count = batch.length >> 1;
    }
  };

  // ── Heartbeat: dwell is visible time, reported on each beat and when the page hides ───────
  let visibleSince = visible() ? now() : 0;
  const beat = () => {
    if (!visibleSince || !o.heartbeat) return;
    const t = now();
    api.track('session.heartbeat', { dwell: t - visibleSince });
    visibleSince = t;
  };

  const onVisibility = () => {
    if (visible()) {
      visibleSince = now();
      return;
    }
    beat();
    visibleSince = 0;
    unload();
  };
  const onPageHide = () => {
    beat();
    visibleSince = 0;
    saveSession();
    unload();
  };
  const onOnline = () => void pump();
  const timers = [
    setInterval(pump, o.flushInterval),
    o.heartbeat > 0 && setInterval(() => visible() && beat(), o.heartbeat * 1000),
  ];
  // On `window`: browsers fire pagehide there, not on document (OpenTelemetry's bug);
  // visibilitychange bubbles up to it from the document.
  const windowEvents = [
    ['pagehide', onPageHide],
    ['visibilitychange', onVisibility],
    ['online', onOnline],
  ] as const;
  if (browser) for (const [type, listener] of windowEvents) addEventListener(type, listener);

  const api: Telemetry = {
    track(type, props, ctx) {
      if (consent === 'denied' || closed) return;
      const ts = startedAt ?? now();
      touch(ts);
      const rate = rateFor(o.sampleRate, type);
      if (!type.startsWith(SDK) && !sampled(viewer, type, rate)) return;
      const e: Envelope = {
        v: ENVELOPE_VERSION,
        id: uuidv7(ts),
        type,
        ts,
        seq: session.seq++,
        session: session.id,
        viewer,
        ...context,
        ...ctx,
        props,
      };
      if (rate < 1) e.sampleRate = rate;
      saveSession();
      if (size(e) > o.batchBytes) {
        drop('too_large', [e]);
        return;
      }
      emit('tracked', [e]);
      if (consent === 'pending') {
        const { keep, drop: dropped } = trim([...held, e], caps, ts, size);
        held = keep;
        for (const [reason, events] of dropped) drop(reason, events);
      } else {
        persist([e]);
        if (known.size >= o.batchSize) void pump();
      }
      if (!leader) json.delete(e.id);
      return e;
    },

    async flush() {
      if (consent !== 'granted') return;
      await ready;
      await persisting;
      await running;
      await pump();
    },

    setConsent(state) {
      consent = state;
      if (state === 'denied') {
        held = [];
        writes = [];
        known.clear();
        json.clear();
        safe(() => ss?.removeItem(sessionKey));
        safe(() => ls?.removeItem(`${name}:viewer`));
        // Purge what earlier visits left too, without opening (and so creating) the database.
        if (ready) void Promise.all([ready, persisting]).then(([s]) => s.clear());
        else if (browser) {
          safe(() => indexedDB.deleteDatabase(name));
          safe(() => ls?.removeItem(`${name}:queue`));
        }
      } else if (state === 'granted') {
        if (!o.viewer) safe(() => ls?.setItem(`${name}:viewer`, viewer));
        saveSession();
        const list = held;
        held = [];
        if (list.length) persist(list);
        ready ??= openStore();
        void pump();
      }
    },

    setContext({ viewer: v, ...ctx }) {
      context = { ...context, ...ctx };
      if (v) viewer = v;
    },

    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async shutdown() {
      await api.flush();
      closed = true;
      for (const t of timers) if (t) clearInterval(t);
      clearTimeout(retryTimer);
      if (browser) for (const [type, listener] of windowEvents) removeEventListener(type, listener);
      release();
    },

    get consent() {
      return consent;
    },
    get session() {
      return session.id;
    },
  };

  if (consent === 'granted') api.setConsent('granted');
  // Next microtask, so an observer attached right after creation sees `session.start` too.
  queueMicrotask(() => consent !== 'denied' && !closed && touch(now()));
  return api;
}
