/**
 * Client frame decoding with valibot: text in, a typed frame or a typed error out, never a throw.
 * Envelopes ignore unknown fields (a newer v1 client may add optional ones); action payloads are
 * strict and checked by each action's own schema.
 */
import type { ActionError, ClientFrame } from '@onair/core/channel.js';
import { formatIssue, id, int, parse, v } from '@onair/core/validation.js';
import { MAX_FRAME_BYTES, PROTOCOL_VERSION } from './protocol.js';

const str = (max: number) =>
  v.pipe(v.string(`text|1|${max}`), v.minLength(1, `text|1|${max}`), v.maxLength(max, `text|1|${max}`));

const schemas = {
  hello: v.object({
    t: v.literal('hello'),
    v: v.number('expected a number'),
    room: id(64),
    viewer: v.optional(id(64)),
    token: v.optional(str(512)),
  }),
  resync: v.object({ t: v.literal('resync'), have: v.optional(int(0, Number.MAX_SAFE_INTEGER)) }),
  action: v.object({
    t: v.literal('action'),
    key: str(128),
    name: str(64),
    payload: v.record(v.string(), v.unknown(), 'object'),
  }),
  ping: v.object({ t: v.literal('ping') }),
} as const;

export type DecodeResult =
  | { ok: true; frame: ClientFrame }
  /**
   * `type` is the frame type when it was known; `key` is an action's idempotency key when it could
   * be read, so the refusal can be acked.
   */
  | { ok: false; error: ActionError; type?: string; key?: string };

export function decodeClientFrame(data: Buffer | string, isBinary: boolean): DecodeResult {
  if (isBinary) return fail('invalid_frame', 'expected a text frame with JSON, got a binary frame');
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (bytes > MAX_FRAME_BYTES)
    return fail('frame_too_large', `frame is ${bytes} bytes, the limit is ${MAX_FRAME_BYTES}`);
  let value: unknown;
  try {
    value = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    return fail('bad_json', 'frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('invalid_frame', 'frame must be a JSON object');
  const record = value as Record<string, unknown>;
  const type = record['t'];
  if (typeof type !== 'string') return fail('invalid_frame', 't: expected a string frame type', 't');
  if (!Object.hasOwn(schemas, type))
    return fail(
      'unknown_type',
      `unknown frame type "${type.slice(0, 32)}"; expected hello, resync, action or ping`,
      't',
    );
  const parsed = parse(schemas[type as keyof typeof schemas], value);
  if (!parsed.ok) {
    const issue = parsed.issues[0]!;
    const key = type === 'action' && typeof record['key'] === 'string' ? record['key'] : undefined;
    const result = { ...fail('invalid_frame', formatIssue(issue), issue.path || undefined), type };
    return key !== undefined && key.length > 0 && key.length <= 128 ? { ...result, key } : result;
  }
  const frame = parsed.value as ClientFrame;
  if (frame.t === 'hello' && frame.v !== PROTOCOL_VERSION)
    return {
      ...fail(
        'unsupported_version',
        `v: protocol version ${frame.v} is not supported; expected ${PROTOCOL_VERSION}`,
        'v',
      ),
      type: 'hello',
    };
  return { ok: true, frame };
}

function fail(code: string, message: string, path?: string): { ok: false; error: ActionError } {
  return { ok: false, error: path ? { code, message, path } : { code, message } };
}
