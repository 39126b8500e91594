import { timingSafeEqual } from 'node:crypto';

/** A constant-time check of `Authorization: Bearer <token>`, shared by every ops-only route. */
export function bearerCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  return (authorization) => {
    const given = Buffer.from(authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}
