import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AssumeRoleCommand,
  type AssumeRoleCommandOutput,
  type STSClient,
  type Tag,
} from '@aws-sdk/client-sts';
import type { TenantKey } from '../domain/tenant-key.ts';
import { createDocumentClient, type TableRef } from './dynamo-client.ts';
import type { TenantTables } from './tenant-tables.ts';

/**
 * Tenant-scoped DynamoDB access in AWS. Each tenant's requests run under a session of the tenant-access
 * role (infra/constructs/tenant-access-role.ts) whose session tags name the tenant; the role's policy only
 * admits partition keys beginning with that tenant's key, so even a bug in a repository cannot read
 * another tenant's items. Locally there is no IAM and the plain client is used instead.
 *
 * Session tags cannot contain `#`, so `T#<province>#<city>` travels as `province` + `city` and the policy
 * rebuilds the key; `tenant` (`<province>` or `<province>/<city>`) is there for CloudTrail readers.
 */
export const tenantSessionTagKeys = ['province', 'city', 'tenant'] as const;

export class TenantCredentialsError extends Error {
  override readonly name = 'TenantCredentialsError';
}

const id = '[a-z][a-z0-9-]{1,31}';
// `_platform` is the platform's own reserved tenant (the list of provinces); `_` is never in an id.
const tenantKeyPattern = new RegExp(`^T#(${id}|_platform)(?:#(${id}))?$`);

export interface TenantSession {
  readonly tags: readonly Tag[];
  /** Shown in CloudTrail as the assumed-role session name. */
  readonly sessionName: string;
}

/** The STS session for a tenant key (`T#demo`, `T#demo#city1`); throws on anything else. */
export function tenantSession(tenantKey: string): TenantSession {
  const match = tenantKeyPattern.exec(tenantKey);
  const province = match?.[1];
  if (match === null || province === undefined) {
    throw new TenantCredentialsError(
      `不是有效的租户键 / not a tenant key: ${JSON.stringify(tenantKey)} (expected T#<province> or T#<province>#<city>)`,
    );
  }
  const city = match[2];
  if (city !== undefined && province === '_platform') {
    throw new TenantCredentialsError(`the platform tenant has no cities: ${JSON.stringify(tenantKey)}`);
  }
  const tags: Tag[] = [{ Key: 'province', Value: province }];
  if (city !== undefined) tags.push({ Key: 'city', Value: city });
  tags.push({ Key: 'tenant', Value: city === undefined ? province : `${province}/${city}` });
  const sessionName = city === undefined ? `kaoping.${province}` : `kaoping.${province}.${city}`;
  return { tags, sessionName };
}

export interface TenantCredentialsOptions {
  readonly sts: STSClient;
  /** ARN of the tenant-access role (the Lambda environment's TENANT_ROLE_ARN). */
  readonly roleArn: string;
  /** Session lifetime asked of STS; the role allows at most an hour. */
  readonly durationSeconds?: number;
  /** Credentials are replaced this long before they expire, so no request signs with dying keys. */
  readonly refreshBeforeMs?: number;
  readonly now?: () => number;
}

/** Temporary credentials of one tenant session (the SDK's AwsCredentialIdentity, with a required expiry). */
export interface TenantCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/**
 * Assumes the tenant-access role once per tenant and reuses the credentials until shortly before they
 * expire. Concurrent requests for the same tenant share one STS call. Failures are not cached.
 *
 * @example
 * const provider = new TenantCredentialsProvider({ sts: new STSClient({}), roleArn });
 * const credentials = await provider.credentialsFor('T#demo#city1');
 */
export class TenantCredentialsProvider {
  readonly #options: TenantCredentialsOptions;
  readonly #cache = new Map<string, TenantCredentials>();
  readonly #pending = new Map<string, Promise<TenantCredentials>>();

  constructor(options: TenantCredentialsOptions) {
    this.#options = options;
  }

  credentialsFor(tenantKey: string): Promise<TenantCredentials> {
    const now = (this.#options.now ?? Date.now)();
    const cached = this.#cache.get(tenantKey);
    const refreshBefore = this.#options.refreshBeforeMs ?? 5 * 60_000;
    if (cached !== undefined && cached.expiration.getTime() - refreshBefore > now) {
      return Promise.resolve(cached);
    }
    let pending = this.#pending.get(tenantKey);
    if (pending === undefined) {
      pending = this.#assume(tenantKey)
        .then((fresh) => {
          this.#cache.set(tenantKey, fresh);
          return fresh;
        })
        .finally(() => this.#pending.delete(tenantKey));
      this.#pending.set(tenantKey, pending);
    }
    return pending;
  }

  async #assume(tenantKey: string): Promise<TenantCredentials> {
    const session = tenantSession(tenantKey);
    let answer: AssumeRoleCommandOutput;
    try {
      answer = await this.#options.sts.send(
        new AssumeRoleCommand({
          RoleArn: this.#options.roleArn,
          RoleSessionName: session.sessionName,
          Tags: [...session.tags],
          DurationSeconds: this.#options.durationSeconds ?? 3600,
        }),
      );
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new TenantCredentialsError(`cannot assume the tenant role for ${tenantKey}: ${reason}`, {
        cause: error,
      });
    }
    const issued = answer.Credentials;
    if (
      issued?.AccessKeyId === undefined ||
      issued.SecretAccessKey === undefined ||
      issued.SessionToken === undefined ||
      issued.Expiration === undefined
    ) {
      throw new TenantCredentialsError(`STS returned no complete credentials for ${tenantKey}`);
    }
    return {
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      sessionToken: issued.SessionToken,
      expiration: issued.Expiration,
    };
  }
}

export interface AwsTenantTablesOptions {
  readonly credentials: TenantCredentialsProvider;
  readonly tableName: string;
  readonly region: string;
  /** Only for tests against DynamoDB Local; absent in AWS. */
  readonly endpoint?: string;
  /** Clients kept per container; the least recently used one is closed beyond this. */
  readonly maxTenants?: number;
}

/**
 * `TenantTables` for AWS: one document client per tenant, signing with that tenant's role session.
 * The SDK asks the provider for credentials before each request; the provider's cache keeps that cheap.
 */
export class AwsTenantTables implements TenantTables {
  readonly #options: AwsTenantTablesOptions;
  readonly #tables = new Map<string, TableRef>();

  constructor(options: AwsTenantTablesOptions) {
    this.#options = options;
  }

  forTenant(tenant: TenantKey): TableRef {
    const existing = this.#tables.get(tenant);
    if (existing !== undefined) {
      // Map order is insertion order: re-inserting marks the tenant as most recently used.
      this.#tables.delete(tenant);
      this.#tables.set(tenant, existing);
      return existing;
    }
    tenantSession(tenant); // fail here, at the caller, for a malformed key — not later inside the SDK
    const { credentials, region, endpoint, tableName } = this.#options;
    const client = new DynamoDBClient({
      region,
      maxAttempts: 6,
      credentials: () => credentials.credentialsFor(tenant),
      ...(endpoint === undefined ? {} : { endpoint }),
    });
    const table: TableRef = { client: createDocumentClient(client), tableName };
    this.#tables.set(tenant, table);
    const [oldest] = this.#tables;
    if (this.#tables.size > (this.#options.maxTenants ?? 200) && oldest !== undefined) {
      this.#tables.delete(oldest[0]);
      oldest[1].client.destroy();
    }
    return table;
  }
}
