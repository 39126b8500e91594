/**
 * Text ⇄ frame for every transport and for servers: the one place that knows the size limit and
 * what a well-formed frame looks like, so a malformed frame is a value to report, never an exception.
 */
import {
  type ActionError,
  type ClientFrame,
  ID_PATTERN,
  LIMITS,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  type ServerFrame,
} from './frames.js';
import { isReservedKey } from './keys.js';

/**
 * A refused frame. `type` is the frame's `t` when it could be read (a bad `hello` closes the
 * connection); `key` is an action's idempotency key when readable, so the refusal can be an ack.
 */
export type Decoded<T> =
  | { ok: true; frame: T }
  | { ok: false; error: ActionError; type?: string; key?: string };

/** Thrown by `encodeFrame` past `MAX_FRAME_BYTES`: the caller refuses that one frame. */
export class FrameError extends Error implements ActionError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'FrameError';
    this.code = code;
  }
}

const encoder = new TextEncoder();

/** UTF-8 length of a string, the unit of `MAX_FRAME_BYTES`. */
export function byteLength(text: string): number {
  // Every UTF-16 unit is 1–3 bytes, so short ASCII-sized strings skip the encoder.
  return text.length * 3 <= MAX_FRAME_BYTES ? text.length : encoder.encode(text).length;
}

/** Serializes a frame; throws `FrameError` (`frame_too_large`) past `MAX_FRAME_BYTES`. */
export function encodeFrame(frame: ClientFrame | ServerFrame): string {
  const text = JSON.stringify(frame);
  const bytes = byteLength(text);
  if (bytes > MAX_FRAME_BYTES)
    throw new FrameError('frame_too_large', `frame is ${bytes} bytes, the limit is ${MAX_FRAME_BYTES}`);
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

/** Parses and checks a frame a client sent (for servers and the in-page room's transport). */
export function decodeClientFrame(text: unknown): Decoded<ClientFrame> {
  if (typeof text === 'string' && byteLength(text) > MAX_FRAME_BYTES)
    return fail('frame_too_large', `frame is ${byteLength(text)} bytes, the limit is ${MAX_FRAME_BYTES}`);
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const f = parsed.frame;
  const type = String(f['t']).slice(0, 32);
  const problem = checkClientFrame(f);
  if (!problem) return { ok: true, frame: f as unknown as ClientFrame };
  const key = f['t'] === 'action' && str(f, 'key', LIMITS.key) === null ? (f['key'] as string) : undefined;
  return key === undefined ? { ok: false, error: problem, type } : { ok: false, error: problem, type, key };
}

function checkServerFrame(f: Record<string, unknown>): ActionError | null {
  switch (f['t']) {
    case 'snapshot':
      return (
        str(f, 'room') ??
        str(f, 'version') ??
        seq(f, 'seq') ??
        num(f, 'now') ??
        nested(f['state'], 'state', 3, 'an object of collections of records') ??
        viewerState(f['viewer']) ??
        snapshotPart(f)
      );
    case 'delta':
      return str(f, 'room') ?? str(f, 'version') ?? seq(f, 'seq') ?? num(f, 'now') ?? changes(f['changes']);
    case 'ack': {
      const problem = str(f, 'key');
      if (problem) return problem;
      if (f['ok'] === true)
        return (
          obj(f, 'result') ??
          (f['mine'] === undefined ? null : nested(f['mine'], 'mine', 2, 'an object')) ??
          (f['changes'] === undefined ? null : changes(f['changes']))
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
      return unknownType(f['t']);
  }
}

function checkClientFrame(f: Record<string, unknown>): ActionError | null {
  switch (f['t']) {
    case 'hello': {
      const problem =
        num(f, 'v') ??
        id(f, 'room') ??
        (f['viewer'] === undefined ? null : id(f, 'viewer')) ??
        (f['credential'] === undefined ? null : str(f, 'credential', LIMITS.credential)) ??
        (f['token'] === undefined ? null : str(f, 'token', LIMITS.token));
      if (problem || f['v'] === PROTOCOL_VERSION) return problem;
      return {
        code: 'unsupported_version',
        message: `v: protocol version ${String(f['v'])} is not supported; expected ${PROTOCOL_VERSION}`,
        path: 'v',
      };
    }
    case 'resync':
      return f['have'] === undefined ? null : seq(f, 'have');
    case 'action':
      // The payload's own keys are the feature engine's to check (`reserved_key`), on every host.
      return str(f, 'key', LIMITS.key) ?? str(f, 'name', LIMITS.name) ?? obj(f, 'payload');
    case 'ping':
      return null;
    default:
      return unknownType(f['t']);
  }
}

function reservedKey(path: string): ActionError {
  return { code: 'reserved_key', message: `${path}: a reserved name cannot be a key`, path };
}

function unknownType(t: unknown): ActionError {
  return { code: 'unknown_type', message: `unknown frame type "${String(t).slice(0, 32)}"`, path: 't' };
}

/** `part` and `parts` come together: 0 ≤ part < parts. */
function snapshotPart(f: Record<string, unknown>): ActionError | null {
  if (f['part'] === undefined && f['parts'] === undefined) return null;
  const problem = seq(f, 'part') ?? seq(f, 'parts');
  if (problem) return problem;
  return (f['part'] as number) < (f['parts'] as number) ? null : invalid('part', 'expected part < parts');
}

function viewerState(value: unknown): ActionError | null {
  if (!isObject(value)) return invalid('viewer', 'expected an object');
  return (
    str(value, 'id', undefined, 'viewer.') ??
    optStr(value, 'credential', 'viewer.') ??
    nested(value['mine'], 'viewer.mine', 2, 'an object')
  );
}

function changes(value: unknown): ActionError | null {
  if (!Array.isArray(value)) return invalid('changes', 'expected an array');
  for (let i = 0; i < value.length; i++) {
    const change: unknown = value[i];
    const at = `changes[${i}].`;
    if (!isObject(change)) return invalid(`changes[${i}]`, 'expected an object');
    const problem = str(change, 'coll', undefined, at) ?? str(change, 'id', undefined, at);
    if (problem) return problem;
    if (isReservedKey(change['coll'] as string) || isReservedKey(change['id'] as string))
      return reservedKey(`changes[${i}]`);
    if (change['value'] !== null && !isObject(change['value']))
      return invalid(`${at}value`, 'expected an object or null');
  }
  return null;
}

function actionError(value: unknown): ActionError | null {
  if (!isObject(value)) return invalid('error', 'expected an object');
  return (
    str(value, 'code', undefined, 'error.') ??
    str(value, 'message', undefined, 'error.') ??
    optStr(value, 'path', 'error.')
  );
}

/** Checks `depth` levels of plain objects (state → collection → record), keys not reserved. */
function nested(value: unknown, path: string, depth: number, what: string): ActionError | null {
  if (!isObject(value)) return invalid(path, `expected ${what}`);
  if (depth > 1)
    for (const key of Object.keys(value)) {
      if (isReservedKey(key)) return reservedKey(`${path}.${key}`);
      const problem = nested(value[key], `${path}.${key}`, depth - 1, 'an object');
      if (problem) return problem;
    }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(f: Record<string, unknown>, key: string, max = Infinity, at = ''): ActionError | null {
  const value = f[key];
  if (typeof value !== 'string' || value === '') return invalid(at + key, 'expected a non-empty string');
  return value.length > max ? invalid(at + key, `expected at most ${max} characters`) : null;
}

function id(f: Record<string, unknown>, key: string): ActionError | null {
  const value = f[key];
  if (typeof value === 'string' && isReservedKey(value)) return reservedKey(key);
  return typeof value === 'string' && ID_PATTERN.test(value)
    ? null
    : invalid(key, `expected an id of 1–${LIMITS.id} letters, digits, '-' or '_'`);
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
