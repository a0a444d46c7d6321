import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { Principal } from '../../domain/roles.ts';

/** Issuer and audience of locally signed tokens (`npm start`, tests). */
export const devIssuer = 'kaoping-local';
export const devAudience = 'kaoping-api';

export interface DevKeyPair {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

export async function generateDevKey(): Promise<DevKeyPair> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}

export async function exportDevKey(pair: DevKeyPair): Promise<JWK> {
  return { ...(await exportJWK(pair.privateKey)), alg: 'ES256' };
}

/** Rebuilds the pair from a stored private JWK (the public half is the same JWK without `d`). */
export async function importDevKey(jwk: JWK): Promise<DevKeyPair> {
  const { d: _secret, ...publicJwk } = jwk;
  const privateKey = (await importJWK(jwk, 'ES256')) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, 'ES256')) as CryptoKey;
  return { privateKey, publicKey };
}

/** Signs an ES256 token with `tenant` and `role` claims, as the identity provider would issue it. */
export function signDevToken(
  key: CryptoKey,
  principal: Principal,
  options: { expiresIn?: string | number; issuer?: string; audience?: string } = {},
): Promise<string> {
  return new SignJWT({ tenant: principal.tenant, role: principal.role })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(options.issuer ?? devIssuer)
    .setAudience(options.audience ?? devAudience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key);
}
