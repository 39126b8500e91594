/**
 * One POST of a batch, CORS-simple: a `text/plain` body, no custom headers, no credentials, so
 * the browser never sends a preflight that could be lost on unload. Compression rides on a
 * `?enc=gzip` query marker rather than a `Content-Encoding` request header, which is not
 * CORS-safelisted.
 *
 * Keepalive requests share the browser's in-flight budget (about 64 KiB per document in
 * Chromium; we keep to 60 KiB and 9 requests). The sender tracks its own keepalive bytes and
 * count, uses keepalive whenever a body fits, and tells the unload path how much room is left.
 */

/** `status` 0 means the request never got an HTTP answer (and so no `Retry-After`). */
export interface SendResult {
  status: number;
  retryAfter?: string | null;
}

export const KEEPALIVE_BYTES = 60 * 1024;
export const KEEPALIVE_REQUESTS = 9;

export interface Sender {
  /**
   * Send `json`. With `unload` set, the fetch starts synchronously and uncompressed, because
   * nothing after an `await` is guaranteed to run once the page is going away; and it returns
   * undefined, sending nothing, when the body does not fit the keepalive budget.
   */
  send(json: string, unload?: boolean): Promise<SendResult> | undefined;
}

/** Bodies under this many characters are not worth a CompressionStream round. */
const COMPRESS_FROM = 1024;

export function createSender(url: string, compress: boolean): Sender {
  let bytes = 0;
  let count = 0;
  const fits = (n: number) => count < KEEPALIVE_REQUESTS && bytes + n <= KEEPALIVE_BYTES;
  const post = (target: string, payload: BodyInit, size: number): Promise<SendResult> => {
    const keepalive = fits(size);
    if (keepalive) {
      bytes += size;
      count++;
    }
    let request: Promise<Response>;
    try {
      // The timeout frees the queue from a request that never answers; it then counts as a network error.
      request = fetch(target, {
        method: 'POST',
        body: payload,
        keepalive,
        credentials: 'omit',
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      // Some browsers throw synchronously (e.g. a keepalive body over their limit): same as a network error.
      request = Promise.reject();
    }
    return request
      .then(
        (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after') }),
        () => ({ status: 0 }),
      )
      .finally(() => {
        if (keepalive) {
          bytes -= size;
          count--;
        }
      });
  };
  const gzip = async (raw: Uint8Array<ArrayBuffer>) => {
    const gz = new Uint8Array(
      await new Response(new Blob([raw]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
    );
    return post(
      `${url}${url.includes('?') ? '&' : '?'}enc=gzip`,
      new Blob([gz], { type: 'text/plain' }),
      gz.length,
    );
  };
  return {
    send: (json, unload) => {
      const raw = new TextEncoder().encode(json);
      if (unload) return fits(raw.length) ? post(url, json, raw.length) : undefined;
      return compress && raw.length >= COMPRESS_FROM && typeof CompressionStream === 'function'
        ? gzip(raw)
        : post(url, json, raw.length);
    },
  };
}
