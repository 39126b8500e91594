/**
 * The ops API as the console calls it: same origin when served by onair-server, the dev server's
 * API under `pnpm dev` (`VITE_ONAIR_SERVER`). The token goes in the Authorization header only —
 * never in a URL, so it stays out of logs, history and Referer.
 */
const BASE = (import.meta.env['VITE_ONAIR_SERVER'] as string | undefined)?.replace(/\/$/, '') ?? '';
const KEY = 'onair-console-token';

export interface Who {
  name: string;
  scopes: string[];
  all: boolean;
}

export interface ApiError {
  status: number;
  code: string;
  message: string;
  scope?: string;
}

export const session = {
  /** The token lives in sessionStorage: this tab only, gone when it closes. */
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (token: string) => sessionStorage.setItem(KEY, token),
  clear: () => sessionStorage.removeItem(KEY),
};

export const holds = (who: Who, scope: string) => who.all || who.scopes.includes(scope);

export async function api<T>(
  path: string,
  token = session.get(),
): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
    });
  } catch {
    return { ok: false, error: { status: 0, code: 'unreachable', message: 'the server did not answer' } };
  }
  const body = (await res.json().catch(() => null)) as { error?: Omit<ApiError, 'status'> } | null;
  if (!res.ok)
    return {
      ok: false,
      error: {
        status: res.status,
        code: body?.error?.code ?? 'error',
        message: body?.error?.message ?? res.statusText,
        ...(body?.error?.scope ? { scope: body.error.scope } : {}),
      },
    };
  return { ok: true, value: body as T };
}

/** Fetches a CSV export with the token and hands it to the browser as a download. */
export async function downloadCsv(path: string, filename: string): Promise<boolean> {
  const token = session.get();
  const res = await fetch(BASE + path, { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(
    () => null,
  );
  if (!res?.ok) return false;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** A write (`POST`, `PUT`) with a JSON body; the answer's error keeps every field (paths, issues). */
export async function send<T>(
  method: 'POST' | 'PUT',
  path: string,
  body?: unknown,
  lang = 'en',
): Promise<
  { ok: true; value: T } | { ok: false; status: number; error: ApiError & Record<string, unknown> }
> {
  const token = session.get();
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'accept-language': lang,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
    });
  } catch {
    return {
      ok: false,
      status: 0,
      error: { status: 0, code: 'unreachable', message: 'the server did not answer' },
    };
  }
  const answer = (await res.json().catch(() => null)) as {
    error?: ApiError & Record<string, unknown>;
  } | null;
  if (!res.ok)
    return {
      ok: false,
      status: res.status,
      error: { ...(answer?.error ?? { code: 'error', message: res.statusText }), status: res.status },
    };
  return { ok: true, value: answer as T };
}
