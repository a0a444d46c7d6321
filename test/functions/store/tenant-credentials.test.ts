import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenantKey } from '../../../functions/domain/tenant-key.ts';
import {
  AwsTenantTables,
  TenantCredentialsError,
  TenantCredentialsProvider,
  tenantSession,
} from '../../../functions/store/tenant-credentials.ts';
import { useTestTable } from '../../support/test-table.ts';

// Keys as the domain's parser would produce them; the provider re-checks them anyway.
const key = (raw: string): TenantKey => raw as TenantKey;

const roleArn = 'arn:aws:iam::123456789012:role/kaoping-tenant-access';
const sts = mockClient(STSClient);
let issued = 0;

/** STS answers with fresh, numbered credentials valid for `lifetimeMs` from the test clock. */
function stsIssues(clock: { now: number }, lifetimeMs = 60 * 60_000): void {
  sts.on(AssumeRoleCommand).callsFake(() => {
    issued += 1;
    return {
      Credentials: {
        AccessKeyId: `AKIA${issued}`,
        SecretAccessKey: `secret-${issued}`,
        SessionToken: `token-${issued}`,
        Expiration: new Date(clock.now + lifetimeMs),
      },
    };
  });
}

function provider(clock: { now: number }): TenantCredentialsProvider {
  return new TenantCredentialsProvider({
    sts: new STSClient({ region: 'local' }),
    roleArn,
    now: () => clock.now,
  });
}

describe('tenantSession', () => {
  it.each([
    [
      'T#demo',
      [
        ['province', 'demo'],
        ['tenant', 'demo'],
      ],
      'kaoping.demo',
    ],
    [
      'T#demo#city-1',
      [
        ['province', 'demo'],
        ['city', 'city-1'],
        ['tenant', 'demo/city-1'],
      ],
      'kaoping.demo.city-1',
    ],
    [
      'T#_platform',
      [
        ['province', '_platform'],
        ['tenant', '_platform'],
      ],
      'kaoping._platform',
    ],
  ])('tags %s without any #, which session tags cannot carry', (key, tags, sessionName) => {
    const session = tenantSession(key);

    expect(session.tags.map((tag) => [tag.Key, tag.Value])).toEqual(tags);
    expect(session.sessionName).toBe(sessionName);
  });

  it.each(['', 'demo', 'T#', 'T#Demo', 'T#demo#', 'T#demo#city#x', 'T#de*', 'T#_platform#city', 'T#d'])(
    'rejects %j with the key in the message',
    (key) => {
      expect(() => tenantSession(key)).toThrow(TenantCredentialsError);
      expect(() => tenantSession(key)).toThrow(JSON.stringify(key));
    },
  );
});

describe('TenantCredentialsProvider', () => {
  beforeEach(() => {
    sts.reset();
    issued = 0;
  });

  it('assumes the tenant role with the tenant’s session tags', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    stsIssues(clock);

    await provider(clock).credentialsFor('T#demo#city1');

    const [call] = sts.commandCalls(AssumeRoleCommand);
    expect(call?.args[0].input).toEqual({
      RoleArn: roleArn,
      RoleSessionName: 'kaoping.demo.city1',
      DurationSeconds: 3600,
      Tags: [
        { Key: 'province', Value: 'demo' },
        { Key: 'city', Value: 'city1' },
        { Key: 'tenant', Value: 'demo/city1' },
      ],
    });
  });

  it('reuses a tenant’s credentials while they are fresh, and keeps tenants apart', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    stsIssues(clock);
    const credentials = provider(clock);

    const first = await credentials.credentialsFor('T#demo');
    clock.now += 30 * 60_000;
    const again = await credentials.credentialsFor('T#demo');
    const other = await credentials.credentialsFor('T#demo#city1');

    expect(again).toBe(first);
    expect(other.accessKeyId).not.toBe(first.accessKeyId);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('shares one STS call among concurrent requests for the same tenant', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    stsIssues(clock);
    const credentials = provider(clock);

    const results = await Promise.all([1, 2, 3, 4].map(() => credentials.credentialsFor('T#demo')));

    expect(new Set(results.map((result) => result.accessKeyId)).size).toBe(1);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  it('refreshes five minutes before expiry, not after', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    stsIssues(clock);
    const credentials = provider(clock);

    const first = await credentials.credentialsFor('T#demo');
    clock.now = first.expiration.getTime() - 5 * 60_000 - 1;
    expect(await credentials.credentialsFor('T#demo')).toBe(first);
    clock.now += 1;
    const refreshed = await credentials.credentialsFor('T#demo');

    expect(refreshed.accessKeyId).not.toBe(first.accessKeyId);
    expect(refreshed.expiration.getTime()).toBeGreaterThan(first.expiration.getTime());
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('surfaces an STS refusal with the tenant named, and does not cache the failure', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    sts.on(AssumeRoleCommand).rejectsOnce(
      new STSServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: {},
        message: 'not authorized to perform sts:TagSession',
      }),
    );
    const credentials = provider(clock);

    const failure = credentials.credentialsFor('T#demo#city1');
    await expect(failure).rejects.toThrow(TenantCredentialsError);
    await expect(failure).rejects.toThrow(
      /T#demo#city1: AccessDenied: not authorized to perform sts:TagSession/,
    );

    stsIssues(clock);
    await expect(credentials.credentialsFor('T#demo#city1')).resolves.toMatchObject({ accessKeyId: 'AKIA1' });
  });

  it('refuses an STS answer without complete credentials', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    sts.on(AssumeRoleCommand).resolves({ Credentials: undefined });

    await expect(provider(clock).credentialsFor('T#demo')).rejects.toThrow(
      /no complete credentials for T#demo/,
    );
  });

  it('never calls STS for a malformed tenant key', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    stsIssues(clock);

    await expect(provider(clock).credentialsFor('T#demo#*')).rejects.toThrow(TenantCredentialsError);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });
});

describe('AwsTenantTables', () => {
  const table = useTestTable();
  afterEach(() => {
    sts.reset();
    issued = 0;
  });

  it('signs each tenant’s DynamoDB requests with that tenant’s session credentials', async () => {
    const clock = { now: Date.now() };
    stsIssues(clock);
    const tables = new AwsTenantTables({
      credentials: provider(clock),
      tableName: table.tableName,
      region: 'local',
      endpoint: table.endpoint,
    });

    const city = tables.forTenant(key('T#demo#city1'));
    await city.client.send(
      new PutCommand({ TableName: city.tableName, Item: { PK: 'T#demo#city1', SK: 'X' } }),
    );
    const read = await city.client.send(
      new GetCommand({ TableName: city.tableName, Key: { PK: 'T#demo#city1', SK: 'X' } }),
    );
    const signingKey = await city.client.config.credentials();

    expect(read.Item).toEqual({ PK: 'T#demo#city1', SK: 'X' });
    expect(signingKey.accessKeyId).toBe('AKIA1');
    expect(tables.forTenant(key('T#demo#city1'))).toBe(city);
    expect(tables.forTenant(key('T#demo'))).not.toBe(city);
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.RoleSessionName)).toEqual([
      'kaoping.demo.city1',
    ]);
  });

  it('keeps a bounded number of tenant clients, closing the least recently used', () => {
    const tables = new AwsTenantTables({
      credentials: provider({ now: 0 }),
      tableName: 'any',
      region: 'local',
      maxTenants: 2,
    });

    const a = tables.forTenant(key('T#demo#a1'));
    const b = tables.forTenant(key('T#demo#b1'));
    expect(tables.forTenant(key('T#demo#a1'))).toBe(a); // a is now the most recently used
    tables.forTenant(key('T#demo#c1')); // evicts b

    expect(tables.forTenant(key('T#demo#a1'))).toBe(a);
    expect(tables.forTenant(key('T#demo#b1'))).not.toBe(b);
  });

  it('rejects a malformed tenant key at the call, before any request', () => {
    const tables = new AwsTenantTables({
      credentials: provider({ now: 0 }),
      tableName: 'any',
      region: 'local',
    });

    expect(() => tables.forTenant(key('T#demo#'))).toThrow(TenantCredentialsError);
  });
});
