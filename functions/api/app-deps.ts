import type { CryptoKey } from 'jose';
import type { TableRef } from '../store/dynamo-client.ts';
import type { TenantTables } from '../store/tenant-tables.ts';
import type { RunDispatcher } from './assessment-services.ts';
import type { TokenVerifier } from './auth/token-verifier.ts';

export interface AppLimits {
  /** Largest accepted request body, in bytes. */
  readonly bodyBytes: number;
  /** Largest accepted rule-set source, in bytes (UTF-8). */
  readonly ruleSourceBytes: number;
}

export const defaultLimits: AppLimits = { bodyBytes: 1024 * 1024, ruleSourceBytes: 256 * 1024 };

/** A demo user offered by `GET /api/dev/users` (local mode only). */
export interface DevUser {
  readonly userId: string;
  readonly name: string;
  readonly tenant: string;
  readonly role: string;
  readonly description: string;
}

/** Everything the HTTP app needs from outside; built once by the node server or the Lambda handler. */
export interface AppDeps {
  /** The shared table, probed by `/api/health`. */
  readonly table: TableRef;
  /** Per-tenant access (tenant-scoped credentials in AWS). */
  readonly tables: TenantTables;
  readonly verifier: TokenVerifier;
  readonly version: string;
  /** `local` enables `/api/dev/*`; the Lambda handler always passes `aws`. */
  readonly mode: 'local' | 'aws';
  readonly cursorSecret: string;
  readonly now?: () => Date;
  readonly limits?: AppLimits;
  /** Where started runs go: the scoring queue in AWS; omitted, they run in this process. */
  readonly runDispatcher?: RunDispatcher;
  /** Local mode: signs tokens for the demo users. */
  readonly dev?: { readonly signingKey: CryptoKey; readonly users: readonly DevUser[] };
}
