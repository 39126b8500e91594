/**
 * What nodes put in a room's inbox for its owner, and how they read it back. Entries are written
 * by this server only, but an inbox is a Redis key anyone with access could write: a malformed
 * entry is skipped (and its position still counts as read), never trusted.
 */
import type { ViewerRef } from '@onair/core/feature.js';

export type Request =
  | {
      kind: 'action';
      node: string;
      req: string;
      viewer: ViewerRef;
      key: string;
      name: string;
      payload: unknown;
      /** The viewer's connection's round trip, measured by the node it is on. */
      latencyMs: number;
    }
  | { kind: 'command' | 'query'; node: string; req: string; name: string; input: unknown };

/** The fields of an inbox entry, flat as XADD takes them. */
export function requestFields(request: Request): string[] {
  const head = ['n', request.node, 'r', request.req, 'm', request.name];
  if (request.kind === 'action')
    return [
      ...head,
      't',
      'a',
      'i',
      request.viewer.id,
      'v',
      request.viewer.key,
      'k',
      request.key,
      'l',
      String(request.latencyMs),
      'p',
      JSON.stringify(request.payload),
    ];
  return [...head, 't', request.kind === 'command' ? 'c' : 'q', 'p', JSON.stringify(request.input)];
}

/** An inbox entry back as a request, or null when it is not one this server wrote. */
export function parseRequest(flat: string[]): Request | null {
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i]!, flat[i + 1]!);
  const node = fields.get('n');
  const req = fields.get('r');
  const name = fields.get('m');
  const type = fields.get('t');
  const text = fields.get('p');
  if (!node || !req || name === undefined || text === undefined) return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (type === 'c' || type === 'q')
    return { kind: type === 'c' ? 'command' : 'query', node, req, name, input: body };
  const id = fields.get('i');
  const viewer = fields.get('v');
  const key = fields.get('k');
  // A missing or malformed allowance is none: the engine caps it anyway.
  const latencyMs = Number(fields.get('l') ?? 0);
  if (type !== 'a' || !id || !viewer || !key) return null;
  return {
    kind: 'action',
    node,
    req,
    viewer: { id, key: viewer },
    key,
    name,
    payload: body,
    latencyMs: Number.isFinite(latencyMs) ? latencyMs : 0,
  };
}

/** The message answering a request on its node's channel: the request id, a newline, the answer. */
export const replyMessage = (req: string, answer: string): string => `${req}\n${answer}`;

export function parseReply(message: string): { req: string; answer: string } | null {
  const at = message.indexOf('\n');
  return at < 1 ? null : { req: message.slice(0, at), answer: message.slice(at + 1) };
}
