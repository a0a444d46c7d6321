import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { roles } from './roles.ts';

const sessionSchema = z.object({
  token: z.string().min(1),
  user: z.object({
    id: z.string(),
    name: z.string(),
    tenant: z.string(),
    tenantName: z.string().optional(),
    description: z.string().optional(),
    role: z.enum(roles),
  }),
  /** Seconds since the epoch, from the token's `exp`; absent when the token carries none. */
  expiresAt: z.number().optional(),
});
export type Session = z.infer<typeof sessionSchema>;
export type SessionUser = Session['user'];

const storageKey = 'kaoping.session';
const listeners = new Set<() => void>();
let cached: { readonly raw: string | null; readonly session: Session | null } = { raw: null, session: null };
let endedBecauseExpired = false;

function storage(): Storage | undefined {
  return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
}

/** Reads the `exp` claim of a JWT without verifying it (the server verifies; this only schedules sign-out). */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in person, or null; an expired or unreadable stored session counts as none. */
export function readSession(now: number = Date.now()): Session | null {
  let raw: string | null = null;
  try {
    raw = storage()?.getItem(storageKey) ?? null;
  } catch {
    raw = null;
  }
  if (raw !== cached.raw) {
    let session: Session | null = null;
    if (raw !== null) {
      try {
        const parsed = sessionSchema.safeParse(JSON.parse(raw));
        session = parsed.success ? parsed.data : null;
      } catch {
        session = null;
      }
    }
    cached = { raw, session };
  }
  const session = cached.session;
  if (session?.expiresAt !== undefined && session.expiresAt * 1000 <= now) return null;
  return session;
}

export function startSession(token: string, user: SessionUser): void {
  const expiresAt = tokenExpiry(token);
  const session: Session = expiresAt === undefined ? { token, user } : { token, user, expiresAt };
  storage()?.setItem(storageKey, JSON.stringify(session));
  endedBecauseExpired = false;
  notify();
}

/** Ends the session; `expired` makes the sign-in page say why the person is there. */
export function endSession(reason: 'signed-out' | 'expired' = 'signed-out'): void {
  storage()?.removeItem(storageKey);
  endedBecauseExpired = reason === 'expired';
  notify();
}

export function sessionEndedBecauseExpired(): boolean {
  return endedBecauseExpired;
}

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    subscribe,
    () => readSession(),
    () => null,
  );
}
