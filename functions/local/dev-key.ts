import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type DevKeyPair, exportDevKey, generateDevKey, importDevKey } from '../api/auth/dev-tokens.ts';

const storedSchema = z.object({
  jwk: z
    .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() })
    .loose(),
  cursorSecret: z.string().min(32),
});

export interface DevSecrets {
  readonly key: DevKeyPair;
  readonly cursorSecret: string;
}

/**
 * The local signing key and cursor secret, kept in a git-ignored file so tokens and cursors survive a
 * restart of `npm start`. Created on first use with owner-only permissions.
 */
export async function loadOrCreateDevSecrets(file: string): Promise<DevSecrets> {
  if (existsSync(file)) {
    const stored = storedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    return { key: await importDevKey(stored.jwk), cursorSecret: stored.cursorSecret };
  }
  const key = await generateDevKey();
  const cursorSecret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ jwk: await exportDevKey(key), cursorSecret }, null, 2), {
    mode: 0o600,
  });
  return { key, cursorSecret };
}
