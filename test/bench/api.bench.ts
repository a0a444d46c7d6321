import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../functions/api/app.ts';
import { devAudience, devIssuer, generateDevKey, signDevToken } from '../../functions/api/auth/dev-tokens.ts';
import { createTokenVerifier } from '../../functions/api/auth/token-verifier.ts';
import { createServices } from '../../functions/api/services.ts';
import { provinceKey } from '../../functions/domain/tenant-key.ts';
import { ensureTable } from '../../functions/local/bootstrap-table.ts';
import { demoOrganisation } from '../../functions/local/demo-data/demo-organisation.ts';
import { startDynamoLocal } from '../../functions/local/dynamo-local.ts';
import { batchWriteAll } from '../../functions/store/batch-write.ts';
import { createDocumentClient, createDynamoClient } from '../../functions/store/dynamo-client.ts';
import { draftItem } from '../../functions/store/rule-set-repository.ts';
import { sharedTenantTables } from '../../functions/store/tenant-tables.ts';
import type { Figure } from './figure.ts';

interface AutocannonResult {
  readonly latency: { readonly p99: number; readonly p50: number };
  readonly requests: { readonly total: number };
  readonly non2xx: number;
  readonly errors: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: { method: string; setupRequest?: (request: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult>;

// autocannon ships no types; this is the slice of its API the benchmark uses.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const provinceSource = readFileSync(
  new URL('../functions/api/fixtures/province.kp', import.meta.url),
  'utf8',
);

const connections = 20;
const seconds = 5;
const drafts = 2000;

/**
 * The API on a real loopback server over DynamoDB Local (in memory), 20 connections for 5 s each:
 * reads of a page of 50 units, and publishes of 2,000 distinct drafts. Publishes of one tenant share
 * its hash-chained audit log, so they commit in groups (one transaction per group) behind each other.
 */
export async function bench(): Promise<readonly Figure[]> {
  const dynamo = await startDynamoLocal();
  const raw = createDynamoClient({ endpoint: dynamo.endpoint, region: 'local' });
  const server = { close: async (): Promise<void> => undefined };
  try {
    await ensureTable(raw, 'bench');
    const table = { client: createDocumentClient(raw), tableName: 'bench' };
    const key = await generateDevKey();
    const deps = {
      table,
      tables: sharedTenantTables(table),
      verifier: createTokenVerifier({
        key: key.publicKey,
        issuer: devIssuer,
        audience: devAudience,
        algorithms: ['ES256'] as const,
      }),
      cursorSecret: 'bench-cursor-secret',
      version: 'bench',
      mode: 'aws' as const,
    };
    const services = createServices(deps);
    const tenant = provinceKey('bench');
    const org = demoOrganisation('示范省', 'b', 1, 7);
    await services.units.importRows('bench', tenant, { units: org.units }, undefined);
    // One fresh draft per publish request: a draft publishes once (a second publish of the same revision is 409).
    const at = new Date().toISOString();
    await batchWriteAll(
      table,
      Array.from({ length: drafts }, (_, i) => ({
        PutRequest: {
          Item: draftItem(tenant, {
            id: `rs-${i}`,
            source: provinceSource,
            revision: 1,
            headVersion: 0,
            headHash: null,
            headRevision: null,
            parent: null,
            useCatalog: false,
            createdAt: at,
            updatedAt: at,
            updatedBy: 'bench',
          }),
        },
      })),
    );
    const token = await signDevToken(key.privateKey, {
      userId: 'bench-admin',
      tenant,
      role: 'province_admin',
    });
    const listening = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
    server.close = async () => {
      // Let requests still in flight when autocannon stops finish before DynamoDB Local goes away.
      await new Promise((closed) => listening.close(closed));
      await new Promise((wake) => setTimeout(wake, 2000));
    };
    await new Promise((ready) => listening.once('listening', ready));
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${token}` };

    const read = await autocannon({
      url: `${url}/api/units?limit=50`,
      connections,
      duration: seconds,
      headers,
    });
    let next = 0;
    const publish = await autocannon({
      url,
      connections,
      duration: seconds,
      headers,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({
            ...request,
            method: 'POST',
            path: `/api/rulesets/rs-${next++ % drafts}/publish`,
          }),
        },
      ],
    });
    const failures = read.non2xx + read.errors + publish.non2xx + publish.errors;
    if (failures > 0) console.warn(`api bench: ${failures} non-2xx or failed requests`);
    return [
      { name: 'api_read_p99_ms', value: read.latency.p99, unit: 'ms' },
      { name: 'api_read_requests_per_s', value: Math.round(read.requests.total / seconds), unit: 'req/s' },
      { name: 'api_publish_p99_ms', value: publish.latency.p99, unit: 'ms' },
      {
        name: 'api_publish_requests_per_s',
        value: Math.round(publish.requests.total / seconds),
        unit: 'req/s',
      },
      { name: 'api_bench_failed_requests', value: failures },
    ];
  } finally {
    await server.close();
    raw.destroy();
    await dynamo.stop();
  }
}
