/**
 * Text ⇄ frame for every transport and for servers: one place that knows the size limit and what a
 * well-formed frame looks like, so a malformed frame is a value to report, never an exception.
 */
import {
  type ActionError,
  type Change,
  type ClientFrame,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  type ServerFrame,
} from './protocol.js';
import { ActionRejectedError } from './types.js';

/** A refused action frame keeps its `key` when readable, so the refusal can be an ack. */
export type Decoded<T> = { ok: true; frame: T } | { ok: false; error: ActionError; key?: string };

const encoder = new TextEncoder();

/** UTF-8 length of a string, the unit of `MAX_FRAME_BYTES`. */
export function byteLength(text: string): number {
  // Every UTF-16 unit is 1–3 bytes, so short ASCII-sized strings skip the encoder.
  return text.length * 3 <= MAX_FRAME_BYTES ? text.length : encoder.encode(text).length;
}

/**
 * Serializes a frame; throws `ActionRejectedError` with code `frame_too_large` past
 * `MAX_FRAME_BYTES`, so a caller can reject the one action instead of losing the connection.
 */
export function encodeFrame(frame: ClientFrame | ServerFrame): string {
  const text = JSON.stringify(frame);
  const bytes = byteLength(text);
  if (bytes > MAX_FRAME_BYTES)
    throw new ActionRejectedError({
      code: 'frame_too_large',
      message: `frame is ${bytes} bytes, the limit is ${MAX_FRAME_BYTES}`,
    });
  return text;
}

function parse(text: unknown): Decoded<Record<string, unknown>> {
  if (typeof text !== 'string') return fail('bad_json', 'expected a JSON text frame');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad_json', 'frame is not valid JSON');
  }
  if (!isObject(value)) return fail('invalid_frame', 'frame must be a JSON object');
  if (typeof value['t'] !== 'string') return { ok: false, error: invalid('t', 'expected a string') };
  return { ok: true, frame: value };
}

/** Parses and checks a frame a server sent. */
export function decodeServerFrame(text: unknown): Decoded<ServerFrame> {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const f = parsed.frame;
  const problem = checkServerFrame(f);
  return problem ? { ok: false, error: problem } : { ok: true, frame: f as unknown as ServerFrame };
}

/** Parses and checks a frame a client sent (for servers and the in-memory room). */
export function decodeClientFrame(text: unknown): Decoded<ClientFrame> {
  if (typeof text === 'string' && byteLength(text) > MAX_FRAME_BYTES)
    return fail('frame_too_large', `frame exceeds ${MAX_FRAME_BYTES} bytes`);
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const f = parsed.frame;
  const problem = checkClientFrame(f);
  if (!problem) return { ok: true, frame: f as unknown as ClientFrame };
  const key = f['t'] === 'action' && typeof f['key'] === 'string' && f['key'] !== '' ? f['key'] : undefined;
  return key === undefined ? { ok: false, error: problem } : { ok: false, error: problem, key };
}

function checkServerFrame(f: Record<string, unknown>): ActionError | null {
  switch (f['t']) {
    case 'snapshot':
      return (
        str(f, 'room') ??
        str(f, 'version') ??
        seq(f, 'seq') ??
        num(f, 'now') ??
        roomState(f['state']) ??
        viewerState(f['viewer'])
      );
    case 'delta':
      return str(f, 'room') ?? str(f, 'version') ?? seq(f, 'seq') ?? num(f, 'now') ?? changes(f['changes']);
    case 'ack': {
      const problem = str(f, 'key');
      if (problem) return problem;
      if (f['ok'] === true)
        return (
          obj(f, 'result') ?? (f['mine'] === undefined ? null : nested(f['mine'], 'mine', 2, 'an object'))
        );
      if (f['ok'] !== false) return invalid('ok', 'expected true or false');
      return actionError(f['error']);
    }
    case 'error':
      return (
        str(f, 'code') ??
        str(f, 'message') ??
        optStr(f, 'path') ??
        (f['fatal'] === undefined || typeof f['fatal'] === 'boolean'
          ? null
          : invalid('fatal', 'expected a boolean'))
      );
    case 'pong':
      return num(f, 'now');
    default:
      return { code: 'unknown_type', message: `unknown frame type "${String(f['t'])}"`, path: 't' };
  }
}

function checkClientFrame(f: Record<string, unknown>): ActionError | null {
  switch (f['t']) {
    case 'hello':
      if (f['v'] !== PROTOCOL_VERSION)
        return {
          code: 'unsupported_version',
          message: `v: protocol version ${String(f['v'])} is not supported; expected ${PROTOCOL_VERSION}`,
          path: 'v',
        };
      return str(f, 'room') ?? optStr(f, 'viewer') ?? optStr(f, 'token');
    case 'resync':
      return f['have'] === undefined ? null : seq(f, 'have');
    case 'action':
      return str(f, 'key') ?? str(f, 'name') ?? obj(f, 'payload');
    case 'ping':
      return null;
    default:
      return { code: 'unknown_type', message: `unknown frame type "${String(f['t'])}"`, path: 't' };
  }
}

function roomState(value: unknown): ActionError | null {
  return nested(value, 'state', 3, 'an object of collections of records');
}

function viewerState(value: unknown): ActionError | null {
  if (!isObject(value)) return invalid('viewer', 'expected an object');
  return str(value, 'id', 'viewer.') ?? nested(value['mine'], 'viewer.mine', 2, 'an object');
}

function changes(value: unknown): ActionError | null {
  if (!Array.isArray(value)) return invalid('changes', 'expected an array');
  for (let i = 0; i < value.length; i++) {
    const change: unknown = value[i];
    const at = `changes[${i}].`;
    if (!isObject(change)) return invalid(`changes[${i}]`, 'expected an object');
    const problem = str(change, 'coll', at) ?? str(change, 'id', at);
    if (problem) return problem;
    const v = (change as Partial<Change>).value;
    if (v !== null && !isObject(v)) return invalid(`${at}value`, 'expected an object or null');
  }
  return null;
}

function actionError(value: unknown): ActionError | null {
  if (!isObject(value)) return invalid('error', 'expected an object');
  return str(value, 'code', 'error.') ?? str(value, 'message', 'error.') ?? optStr(value, 'path', 'error.');
}

/** Checks `depth` levels of plain objects (state → collection → record). */
function nested(value: unknown, path: string, depth: number, what: string): ActionError | null {
  if (!isObject(value)) return invalid(path, `expected ${what}`);
  if (depth > 1)
    for (const [key, inner] of Object.entries(value)) {
      const problem = nested(inner, `${path}.${key}`, depth - 1, 'an object');
      if (problem) return problem;
    }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(f: Record<string, unknown>, key: string, at = ''): ActionError | null {
  return typeof f[key] === 'string' && f[key] !== ''
    ? null
    : invalid(at + key, 'expected a non-empty string');
}

function optStr(f: Record<string, unknown>, key: string, at = ''): ActionError | null {
  return f[key] === undefined || typeof f[key] === 'string' ? null : invalid(at + key, 'expected a string');
}

function num(f: Record<string, unknown>, key: string): ActionError | null {
  return Number.isFinite(f[key]) ? null : invalid(key, 'expected a number');
}

function seq(f: Record<string, unknown>, key: string): ActionError | null {
  const value = f[key];
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? null
    : invalid(key, 'expected a non-negative integer');
}

function obj(f: Record<string, unknown>, key: string): ActionError | null {
  return isObject(f[key]) ? null : invalid(key, 'expected an object');
}

function invalid(path: string, message: string): ActionError {
  return { code: 'invalid_frame', message: `${path}: ${message}`, path };
}

function fail(code: string, message: string): { ok: false; error: ActionError } {
  return { ok: false, error: { code, message } };
}
