/**
 * Who is asking, for limits per client address. Behind a reverse proxy every request arrives from
 * the proxy, so with `--trust-proxy` the address is the right-most `X-Forwarded-For` entry: the one
 * our own proxy appended. Entries to its left were written by the client and prove nothing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** An HTTP request or a WebSocket upgrade request. */
export interface AddressSource {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string | undefined };
}

export function clientAddress(req: AddressSource, trustProxy: boolean): string {
  const socketAddress = req.socket.remoteAddress ?? '';
  if (!trustProxy) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  // Several headers are joined in order, so the last entry of the last one is the nearest hop.
  const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').at(-1)?.trim() ?? '';
  return isIP(last) ? last : socketAddress;
}

/**
 * The key a limit counts by: IPv4 as is (also when written IPv4-mapped), IPv6 by its /64 network,
 * which one subscriber usually holds whole, so rotating through it buys nothing.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
