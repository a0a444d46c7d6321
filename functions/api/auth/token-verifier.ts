import { type CryptoKey, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify, type KeyObject } from 'jose';
import { z } from 'zod';
import { UnauthorizedError } from '../../domain/errors.ts';
import { isRole, type Principal, roleFitsTenant } from '../../domain/roles.ts';
import { parseTenantKey } from '../../domain/tenant-key.ts';

/** Turns a bearer token into the caller, or throws UnauthorizedError. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  /** A public key (local dev key, tests) or a key set resolver (Cognito JWKS). */
  readonly key: CryptoKey | KeyObject | Uint8Array | JWTVerifyGetKey;
  readonly issuer: string;
  readonly audience: string;
  /** Asymmetric algorithms only: `none` and HMAC are never accepted. */
  readonly algorithms: readonly ('ES256' | 'RS256')[];
}

// Cognito puts custom attributes under `custom:`; our dev tokens use the plain names. Both are accepted.
const claimsSchema = z.object({
  sub: z.string().min(1),
  tenant: z.string().optional(),
  role: z.string().optional(),
  'custom:tenant': z.string().optional(),
  'custom:role': z.string().optional(),
});

const invalid = (): UnauthorizedError => new UnauthorizedError();

export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...options.algorithms],
  };
  return {
    async verify(token) {
      let payload: unknown;
      try {
        const result =
          typeof options.key === 'function'
            ? await jwtVerify(token, options.key, verifyOptions)
            : await jwtVerify(token, options.key, verifyOptions);
        payload = result.payload;
      } catch {
        throw invalid();
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw invalid();
      const rawTenant = claims.data.tenant ?? claims.data['custom:tenant'];
      const rawRole = claims.data.role ?? claims.data['custom:role'];
      const tenant = rawTenant === undefined ? null : parseTenantKey(rawTenant);
      if (tenant === null || rawRole === undefined || !isRole(rawRole) || !roleFitsTenant(rawRole, tenant)) {
        throw invalid();
      }
      return { userId: claims.data.sub, tenant, role: rawRole };
    },
  };
}

/** The AWS verifier: Cognito's key set, fetched and cached by jose. */
export function createCognitoVerifier(config: {
  issuer: string;
  audience: string;
  jwksUrl?: string | undefined;
}): TokenVerifier {
  const jwksUrl = config.jwksUrl ?? `${config.issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
  return createTokenVerifier({
    key: createRemoteJWKSet(new URL(jwksUrl)),
    issuer: config.issuer,
    audience: config.audience,
    algorithms: ['RS256', 'ES256'],
  });
}
