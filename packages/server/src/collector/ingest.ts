/**
 * One batch from bytes to rows: gunzip (capped), JSON, the nesting check, the batch and envelope
 * checks, then the insert. Runs on the collector's own thread (`worker.ts`); pure given the store,
 * so it is also what the tests call directly.
 */
import { gunzipSync } from 'node:zlib';
import { tooDeep } from '../nesting.js';
import {
  type CollectedEvent,
  checkBatch,
  type EventError,
  MAX_BODY_DEPTH,
  MAX_PROPS_DEPTH,
} from './schema.js';
import type { EventStore } from './store.js';

export interface IngestInput {
  body: Uint8Array;
  /** `?enc=gzip` or `Content-Encoding: gzip`. */
  gzip: boolean;
  /** Server time the request arrived, ms. */
  receivedAt: number;
  /**
   * Cluster mode: check the batch but store nothing; the outcome carries the valid events for the
   * cluster's event stream, deduped when drained (so `duplicate` is 0 here).
   */
  relay?: boolean;
}

/** Valid events of a batch, to be stored elsewhere, with the viewer's clock offset. */
export interface RelayedBatch {
  events: CollectedEvent[];
  offset: number;
  receivedAt: number;
}

export interface IngestResult {
  accepted: number;
  duplicate: number;
  rejected: number;
}

/** What the request cost, in rate-limit tokens: one per event, at least one per KiB of body. */
interface Costed {
  cost: number;
}

export type IngestOutcome =
  | ({ ok: true; result: IngestResult; errors: EventError[]; relayed?: RelayedBatch } & Costed)
  | ({
      ok: false;
      status: 400 | 413;
      code: string;
      message: string;
      path?: string;
      errors: EventError[];
    } & Costed);

const costOf = (bytes: number, events = 0) => Math.max(1, events, Math.ceil(bytes / 1024));

export function ingest(store: EventStore, input: IngestInput, maxBodyBytes: number): IngestOutcome {
  let raw = input.body;
  const refuse = (
    status: 400 | 413,
    code: string,
    message: string,
    path?: string,
    errors: EventError[] = [],
  ) => ({
    ok: false as const,
    status,
    code,
    message,
    ...(path === undefined ? {} : { path }),
    errors,
    cost: costOf(raw.byteLength),
  });
  if (input.gzip) {
    try {
      raw = gunzipSync(raw, { maxOutputLength: maxBodyBytes });
    } catch (error) {
      return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ? refuse(413, 'body_too_large', `the body inflates past ${maxBodyBytes} bytes`)
        : refuse(400, 'bad_encoding', 'the body is not valid gzip');
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
  } catch {
    return refuse(400, 'bad_json', 'the body is not valid JSON', undefined, [
      { index: -1, path: '', message: 'expected valid JSON' },
    ]);
  }
  const deep = tooDeep(body, MAX_BODY_DEPTH);
  if (deep !== null)
    return refuse(
      400,
      'too_deep',
      `${deep || 'body'}: nests too deep (props may nest ${MAX_PROPS_DEPTH} levels)`,
      deep,
      [{ index: -1, path: deep, message: `${deep}: nests too deep` }],
    );
  const batch = checkBatch(body);
  if (!batch.ok)
    return refuse(400, 'bad_batch', 'expected { sentAt, events: [...] }', undefined, batch.errors);
  const total = (body as { events: unknown[] }).events.length;
  // The viewer's clock may be off by hours; sentAt was stamped on that clock just before sending.
  const offset = input.receivedAt - batch.sentAt;
  const accepted = input.relay ? batch.events.length : store.insert(batch.events, offset, input.receivedAt);
  return {
    ok: true,
    result: { accepted, duplicate: batch.events.length - accepted, rejected: total - batch.events.length },
    errors: batch.errors,
    cost: costOf(raw.byteLength, total),
    ...(input.relay ? { relayed: { events: batch.events, offset, receivedAt: input.receivedAt } } : {}),
  };
}
