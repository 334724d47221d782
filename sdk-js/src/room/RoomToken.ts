/**
 * What the SDK reads of a room token without verifying it (room-service and the worker verify):
 * its expiry, to ask the app for a fresh token before a rejoin would be refused.
 */

/** The token's `exp` in milliseconds since the epoch, or undefined when it has none or is not a JWT. */
export function tokenExpiresAt(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || payload === '') return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)));
    const exp = typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `token` expires within `marginMs` of `nowMs` (false when its expiry is unknown). */
export function expiresWithin(token: string, marginMs: number, nowMs: number): boolean {
  const expiresAt = tokenExpiresAt(token);
  return expiresAt !== undefined && expiresAt - nowMs <= marginMs;
}
