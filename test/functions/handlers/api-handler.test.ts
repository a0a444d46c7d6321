import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../functions/api/app.ts';
import { createCognitoVerifier } from '../../../functions/api/auth/token-verifier.ts';
import { ensureTable } from '../../../functions/local/bootstrap-table.ts';
import { createDocumentClient } from '../../../functions/store/dynamo-client.ts';
import { sharedTenantTables } from '../../../functions/store/tenant-tables.ts';
import { productVersion } from '../../../functions/version.ts';
import { apiGatewayEvent } from '../../support/api-gateway-event.ts';
import { useTestTable } from '../../support/test-table.ts';

const provinceSource = readFileSync(new URL('../api/fixtures/province.kp', import.meta.url), 'utf8');
const citySource = readFileSync(new URL('../api/fixtures/city.kp', import.meta.url), 'utf8');

/**
 * The Lambda handler (built from its environment, Cognito-style RS256 tokens checked against a JWKS
 * served over real HTTP) and the node app answer the same sequence of requests identically. Each side
 * has its own table, seeded by the very requests under test.
 */
interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly query?: string;
  readonly as?: 'platform' | 'admin' | 'viewer' | 'city' | 'forged';
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly status: number;
}

const cases: readonly Case[] = [
  { name: 'no token', method: 'GET', path: '/api/units', status: 401 },
  { name: 'forged token', method: 'GET', path: '/api/units', as: 'forged', status: 401 },
  {
    name: 'create province',
    method: 'POST',
    path: '/api/provinces',
    as: 'platform',
    body: { id: 'lam', name: '拉姆达省' },
    status: 201,
  },
  {
    name: 'create city',
    method: 'POST',
    path: '/api/cities',
    as: 'admin',
    body: { id: 'city-a', name: '甲市' },
    status: 201,
  },
  {
    name: 'create unit',
    method: 'POST',
    path: '/api/units',
    as: 'admin',
    body: { id: 'u1', name: '政务服务中心', category: '窗口服务类' },
    status: 201,
  },
  {
    name: 'duplicate unit',
    method: 'POST',
    path: '/api/units',
    as: 'admin',
    body: { id: 'u1', name: '政务服务中心', category: '窗口服务类' },
    status: 409,
  },
  {
    name: 'invalid unit',
    method: 'POST',
    path: '/api/units',
    as: 'admin',
    body: { id: 'u 2', extra: 1 },
    status: 400,
  },
  {
    name: 'viewer may not write',
    method: 'POST',
    path: '/api/units',
    as: 'viewer',
    body: { id: 'u3', name: 'x', category: '窗口服务类' },
    status: 403,
  },
  { name: 'list units', method: 'GET', path: '/api/units', as: 'viewer', status: 200 },
  { name: 'one unit', method: 'GET', path: '/api/units/u1', as: 'viewer', status: 200 },
  { name: 'missing unit', method: 'GET', path: '/api/units/none', as: 'viewer', status: 404 },
  { name: 'city reads province unit', method: 'GET', path: '/api/units/u1', as: 'city', status: 404 },
  {
    name: 'province reads its city',
    method: 'GET',
    path: '/api/units',
    query: 'city=city-a',
    as: 'admin',
    status: 200,
  },
  {
    name: 'bad cursor',
    method: 'GET',
    path: '/api/units',
    query: 'cursor=abc.def',
    as: 'admin',
    status: 400,
  },
  {
    name: 'catalog field',
    method: 'POST',
    path: '/api/catalog',
    as: 'admin',
    body: { name: '热线解决率', type: 'percent', source: '12345热线', level: 'unit', aggregation: 'avg' },
    status: 201,
  },
  { name: 'catalog list', method: 'GET', path: '/api/catalog', as: 'viewer', status: 200 },
  { name: 'audit page', method: 'GET', path: '/api/audit', as: 'admin', status: 200 },
  { name: 'audit verify', method: 'GET', path: '/api/audit/verify', as: 'admin', status: 200 },
  { name: 'me', method: 'GET', path: '/api/me', as: 'city', status: 200 },
  {
    name: 'create rule set',
    method: 'POST',
    path: '/api/rulesets',
    as: 'admin',
    body: { id: 'prov', source: provinceSource },
    status: 201,
  },
  {
    name: 'check rule set',
    method: 'POST',
    path: '/api/rulesets/prov/check',
    as: 'viewer',
    body: {},
    status: 200,
  },
  { name: 'test rule set', method: 'POST', path: '/api/rulesets/prov/test', as: 'viewer', status: 200 },
  {
    name: 'stale save',
    method: 'PUT',
    path: '/api/rulesets/prov',
    as: 'admin',
    body: { source: provinceSource },
    headers: { 'if-match': '"7"' },
    status: 412,
  },
  { name: 'publish', method: 'POST', path: '/api/rulesets/prov/publish', as: 'admin', status: 201 },
  { name: 'versions', method: 'GET', path: '/api/rulesets/prov/versions', as: 'viewer', status: 200 },
  {
    name: 'city extends',
    method: 'POST',
    path: '/api/rulesets',
    as: 'city',
    body: { id: 'c', source: citySource, parent: { ruleSet: 'prov', version: 1 } },
    status: 201,
  },
  { name: 'effective', method: 'GET', path: '/api/rulesets/c/effective', as: 'city', status: 200 },
  {
    name: 'diff',
    method: 'GET',
    path: '/api/rulesets/prov/diff',
    query: 'from=1&to=draft',
    as: 'viewer',
    status: 200,
  },
  {
    name: 'city cannot read province draft',
    method: 'GET',
    path: '/api/rulesets/prov',
    as: 'city',
    status: 404,
  },
  { name: 'unknown route', method: 'GET', path: '/api/nope', status: 404 },
];

// Timestamps and hashes over them differ between two runs; everything else must be identical.
function normalise(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
    .replace(/\b[0-9a-f]{64}\b/g, '<hash>');
}

describe('Lambda handler and node app answer identically', () => {
  const table = useTestTable();
  const issuer = 'https://cognito-idp.local.test/pool-1';
  const audience = 'console-client';
  let jwks: Server;
  let jwksUrl: string;
  let handler: (event: ReturnType<typeof apiGatewayEvent>) => Promise<APIGatewayProxyResult>;
  let nodeApp: ReturnType<typeof createApp>;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((ready) => jwks.listen(0, '127.0.0.1', ready));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;

    const sign = (claims: Record<string, string>, key = keys.privateKey) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject(`user-${claims.role ?? claims['custom:role']}`)
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('1h')
        .sign(key);
    tokens.set('platform', await sign({ 'custom:tenant': '_platform', 'custom:role': 'platform_admin' }));
    tokens.set('admin', await sign({ 'custom:tenant': 'T#lam', 'custom:role': 'province_admin' }));
    tokens.set('viewer', await sign({ tenant: 'T#lam', role: 'viewer' }));
    tokens.set('city', await sign({ 'custom:tenant': 'lam#city-a', 'custom:role': 'city_admin' }));
    tokens.set(
      'forged',
      await sign({ tenant: 'T#lam', role: 'province_admin' }, (await generateKeyPair('RS256')).privateKey),
    );

    const secret = 'parity-cursor-secret-0123456789abcdef';
    const handlerTable = `handler-${randomUUID()}`;
    await ensureTable(table.raw, handlerTable);
    vi.stubEnv('TABLE_NAME', handlerTable);
    vi.stubEnv('AWS_REGION', 'local');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
    vi.stubEnv('JWT_ISSUER', issuer);
    vi.stubEnv('JWT_AUDIENCE', audience);
    vi.stubEnv('JWKS_URL', jwksUrl);
    vi.stubEnv('CURSOR_SECRET', secret);
    const module = await import('../../../functions/handlers/api.ts');
    handler = module.handler as typeof handler;

    const nodeTable = { client: createDocumentClient(table.raw), tableName: table.tableName };
    nodeApp = createApp({
      table: nodeTable,
      tables: sharedTenantTables(nodeTable),
      verifier: createCognitoVerifier({ issuer, audience, jwksUrl }),
      cursorSecret: secret,
      version: productVersion,
      mode: 'aws',
    });
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    jwks.close();
  });

  it('answers health as an API Gateway v2 event', async () => {
    const result = await handler(apiGatewayEvent('GET', '/api/health'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      status: 'ok',
      version: productVersion,
      mode: 'aws',
      table: { reachable: true },
    });
  });

  it('has no development routes', async () => {
    const users = await handler(apiGatewayEvent('GET', '/api/dev/users'));
    const login = await handler(
      apiGatewayEvent('POST', '/api/dev/login', {
        body: '{"user":"demo-admin"}',
        headers: { 'content-type': 'application/json' },
      }),
    );

    expect(users.statusCode).toBe(404);
    expect(login.statusCode).toBe(404);
  });

  it('gives the same status, body and content type for every shared case, in order', async () => {
    for (const c of cases) {
      const token = c.as === undefined ? undefined : tokens.get(c.as);
      const headers: Record<string, string> = {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...c.headers,
      };
      const body = c.body === undefined ? undefined : JSON.stringify(c.body);
      const fromLambda = await handler(
        apiGatewayEvent(c.method, c.path, {
          headers,
          ...(body === undefined ? {} : { body }),
          ...(c.query === undefined ? {} : { query: c.query }),
        }),
      );
      const fromNode = await nodeApp.request(`${c.path}${c.query === undefined ? '' : `?${c.query}`}`, {
        method: c.method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const nodeBody = await fromNode.text();

      expect(fromNode.status, c.name).toBe(c.status);
      expect(fromLambda.statusCode, c.name).toBe(c.status);
      expect(normalise(fromLambda.body), c.name).toBe(normalise(nodeBody));
      expect(fromLambda.headers?.['content-type'], c.name).toBe(fromNode.headers.get('content-type'));
    }
  });
});
