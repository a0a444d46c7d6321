import type { CryptoKey } from 'jose';
import { createApp } from '../../functions/api/app.ts';
import type { AppDeps, AppLimits } from '../../functions/api/app-deps.ts';
import { devAudience, devIssuer, generateDevKey, signDevToken } from '../../functions/api/auth/dev-tokens.ts';
import { createTokenVerifier } from '../../functions/api/auth/token-verifier.ts';
import type { Role } from '../../functions/domain/roles.ts';
import { parseTenantKey } from '../../functions/domain/tenant-key.ts';
import type { TableRef } from '../../functions/store/dynamo-client.ts';
import { sharedTenantTables } from '../../functions/store/tenant-tables.ts';
import { productVersion } from '../../functions/version.ts';

export interface TestApi {
  readonly app: ReturnType<typeof createApp>;
  readonly deps: AppDeps;
  readonly signingKey: CryptoKey;
  /** A bearer token for `userId` of `tenant` (`demo`, `demo#east`, `_platform`) with `role`. */
  token(
    userId: string,
    tenant: string,
    role: Role,
    options?: { expiresIn?: string | number },
  ): Promise<string>;
  /** `app.request` with a JSON body and the given token. */
  call(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/** The real app over the test file's DynamoDB Local table, with a key generated for this test file. */
export async function createTestApi(
  table: TableRef,
  options: { mode?: 'local' | 'aws'; limits?: AppLimits; cursorSecret?: string } = {},
): Promise<TestApi> {
  const key = await generateDevKey();
  const deps: AppDeps = {
    table,
    tables: sharedTenantTables(table),
    verifier: createTokenVerifier({
      key: key.publicKey,
      issuer: devIssuer,
      audience: devAudience,
      algorithms: ['ES256'],
    }),
    version: productVersion,
    mode: options.mode ?? 'local',
    cursorSecret: options.cursorSecret ?? 'test-cursor-secret',
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    dev: { signingKey: key.privateKey, users: [] },
  };
  const app = createApp(deps);
  return {
    app,
    deps,
    signingKey: key.privateKey,
    token(userId, tenant, role, tokenOptions = {}) {
      const tenantKey = parseTenantKey(tenant);
      if (tenantKey === null) throw new Error(`bad tenant ${tenant}`);
      return signDevToken(key.privateKey, { userId, tenant: tenantKey, role }, tokenOptions);
    },
    call(method, path, token, body, headers = {}) {
      return Promise.resolve(
        app.request(path, {
          method,
          headers: {
            ...(token === null ? {} : { authorization: `Bearer ${token}` }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      );
    },
  };
}
