import { readFileSync } from 'node:fs';
import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../functions/domain/roles.ts';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

/**
 * The isolation matrix: alpha (cities north, south) and beta (city east). North owns items marked
 * MARK-NORTH; every other caller must get the exact status and never see that marker.
 */
const marker = 'MARK-NORTH';
const draftMarker = 'MARK-PROVINCE-DRAFT';
const provinceSource = readFileSync(new URL('./fixtures/province.kp', import.meta.url), 'utf8');
const citySource = `// ${marker}\n${readFileSync(new URL('./fixtures/city.kp', import.meta.url), 'utf8')}`;

interface Caller {
  readonly label: string;
  readonly tenant: string;
  readonly role: Role;
}

const owner: Caller = { label: 'owner (north city_admin)', tenant: 'alpha#north', role: 'city_admin' };
const callers: Readonly<Record<string, Caller>> = {
  owner,
  ownerViewer: { label: 'owner viewer', tenant: 'alpha#north', role: 'viewer' },
  ownerAssessor: { label: 'owner assessor', tenant: 'alpha#north', role: 'assessor' },
  ownerAuditor: { label: 'owner auditor', tenant: 'alpha#north', role: 'auditor' },
  sibling: { label: 'sibling city (south)', tenant: 'alpha#south', role: 'city_admin' },
  parent: { label: 'parent province (alpha)', tenant: 'alpha', role: 'province_admin' },
  parentViewer: { label: 'parent province viewer', tenant: 'alpha', role: 'viewer' },
  otherProvince: { label: 'other province (beta)', tenant: 'beta', role: 'province_admin' },
  otherCity: { label: 'other province’s city (beta/east)', tenant: 'beta#east', role: 'city_admin' },
  platform: { label: 'platform admin', tenant: '_platform', role: 'platform_admin' },
};

type Expectation = Partial<Record<keyof typeof callers, number>>;

/** Every read of north's data, with the status each caller must get. */
const reads: readonly { path: string; expect: Expectation }[] = [
  {
    path: '/api/units/only-north',
    expect: {
      owner: 200,
      ownerViewer: 200,
      ownerAssessor: 200,
      ownerAuditor: 200,
      sibling: 404,
      parent: 404,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/units/only-north?city=north',
    expect: {
      owner: 404,
      sibling: 404,
      parent: 200,
      parentViewer: 200,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/units?city=north',
    expect: { owner: 404, sibling: 404, parent: 200, otherProvince: 404, otherCity: 404, platform: 403 },
  },
  {
    path: '/api/units',
    expect: { owner: 200, sibling: 200, parent: 200, otherProvince: 200, otherCity: 200, platform: 403 },
  },
  {
    path: '/api/cadres/only-north-c',
    expect: {
      owner: 200,
      ownerViewer: 200,
      sibling: 404,
      parent: 404,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/cadres?unitId=only-north',
    expect: { owner: 200, sibling: 200, parent: 200, otherProvince: 200, platform: 403 },
  },
  {
    path: '/api/catalog/北方字段',
    expect: {
      owner: 200,
      ownerViewer: 200,
      sibling: 404,
      parent: 404,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/catalog?city=north',
    expect: { owner: 404, sibling: 404, parent: 200, otherProvince: 404, otherCity: 404, platform: 403 },
  },
  {
    path: '/api/audit',
    expect: {
      owner: 200,
      ownerAuditor: 200,
      ownerViewer: 403,
      ownerAssessor: 403,
      sibling: 200,
      parent: 200,
      parentViewer: 403,
      otherProvince: 200,
      platform: 200,
    },
  },
  {
    path: '/api/audit?city=north',
    expect: {
      owner: 404,
      ownerAuditor: 404,
      sibling: 404,
      parent: 200,
      parentViewer: 403,
      otherProvince: 404,
      otherCity: 404,
      platform: 404,
    },
  },
  {
    path: '/api/audit/verify?city=north',
    expect: { owner: 404, sibling: 404, parent: 200, otherProvince: 404, platform: 404 },
  },
  {
    path: '/api/users',
    expect: {
      owner: 200,
      ownerViewer: 403,
      ownerAuditor: 403,
      sibling: 200,
      parent: 200,
      otherProvince: 200,
      platform: 200,
    },
  },
  {
    path: '/api/rulesets/north-rs',
    expect: {
      owner: 200,
      ownerViewer: 200,
      ownerAuditor: 200,
      sibling: 404,
      parent: 404,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/rulesets/north-rs?city=north',
    expect: {
      owner: 404,
      sibling: 404,
      parent: 200,
      parentViewer: 200,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/rulesets/north-rs/versions/1',
    expect: {
      owner: 200,
      ownerAssessor: 200,
      sibling: 404,
      parent: 404,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/rulesets/north-rs/effective',
    expect: {
      owner: 200,
      ownerViewer: 200,
      sibling: 404,
      parent: 404,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/rulesets/north-rs/versions',
    expect: { owner: 200, sibling: 404, parent: 404, otherProvince: 404, platform: 403 },
  },
  {
    path: '/api/rulesets?city=north',
    expect: { owner: 404, sibling: 404, parent: 200, otherProvince: 404, otherCity: 404, platform: 403 },
  },
  {
    path: '/api/rulesets/prov',
    expect: {
      owner: 404,
      ownerViewer: 404,
      sibling: 404,
      parent: 200,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    path: '/api/parent-rulesets',
    expect: { owner: 200, sibling: 200, otherCity: 200, parent: 200, platform: 403 },
  },
  {
    path: '/api/cities',
    expect: { owner: 200, parent: 200, otherProvince: 200, platform: 403 },
  },
];

/** Reads whose answer carries north's marker when north's data is (rightly) returned. */
const showsMarker: readonly RegExp[] = [
  /^\/api\/units(\/only-north)?(\?|$)/,
  /^\/api\/cadres\/only-north-c/,
  /^\/api\/cadres\?unitId=only-north/,
  /^\/api\/catalog/,
  /^\/api\/rulesets\/north-rs(\?|$)/,
  /^\/api\/rulesets\/north-rs\/versions\/1/,
];

/** Writes into the caller's own tenant: who may, who gets 403. */
const writes: readonly { method: string; path: string; body: () => unknown; expect: Expectation }[] = [
  {
    method: 'POST',
    path: '/api/units',
    body: () => ({
      id: `w-${Math.random().toString(36).slice(2, 8)}`,
      name: '新单位',
      category: '综合管理类',
    }),
    expect: {
      owner: 201,
      ownerViewer: 403,
      ownerAssessor: 403,
      ownerAuditor: 403,
      parent: 201,
      parentViewer: 403,
      platform: 403,
    },
  },
  {
    method: 'POST',
    path: '/api/catalog',
    body: () => ({ name: '新字段', type: 'percent', source: '12345热线', level: 'unit', aggregation: 'avg' }),
    expect: { owner: 201, ownerViewer: 403, ownerAuditor: 403, parent: 201, platform: 403 },
  },
  {
    method: 'PUT',
    path: '/api/rulesets/north-rs',
    body: () => ({ source: citySource }),
    expect: {
      ownerViewer: 403,
      ownerAssessor: 403,
      sibling: 404,
      parent: 404,
      otherProvince: 404,
      otherCity: 404,
      platform: 403,
    },
  },
  {
    method: 'POST',
    path: '/api/rulesets/north-rs/publish',
    body: () => undefined,
    expect: { ownerViewer: 403, ownerAuditor: 403, sibling: 404, parent: 404, otherCity: 404, platform: 403 },
  },
  {
    method: 'POST',
    path: '/api/rulesets/north-rs/repin',
    body: () => ({ version: 1 }),
    expect: { ownerViewer: 403, sibling: 404, parent: 404, otherProvince: 404, platform: 403 },
  },
  {
    method: 'POST',
    path: '/api/rulesets/north-rs/check',
    body: () => ({}),
    expect: { owner: 200, ownerViewer: 200, sibling: 404, parent: 404, otherCity: 404, platform: 403 },
  },
  {
    method: 'POST',
    path: '/api/cities',
    body: () => ({ id: `c${Math.random().toString(36).slice(2, 8)}`, name: '新城市' }),
    expect: { owner: 403, parentViewer: 403, parent: 201, otherProvince: 201, platform: 403 },
  },
  {
    method: 'POST',
    path: '/api/provinces',
    body: () => ({ id: `p${Math.random().toString(36).slice(2, 8)}`, name: '新省' }),
    expect: { owner: 403, parent: 403, platform: 201 },
  },
];

describe('tenant isolation matrix', () => {
  const table = useTestTable();
  let api: TestApi;
  const tokens = new Map<string, string>();
  const token = (name: keyof typeof callers): string => {
    const value = tokens.get(name);
    if (value === undefined) throw new Error(`no token ${name}`);
    return value;
  };

  beforeAll(async () => {
    api = await createTestApi(table);
    for (const [name, caller] of Object.entries(callers)) {
      tokens.set(name, await api.token(`${name}-user`, caller.tenant, caller.role));
    }
    const platform = token('platform');
    for (const id of ['alpha', 'beta']) {
      expect((await api.call('POST', '/api/provinces', platform, { id, name: id })).status).toBe(201);
    }
    for (const [province, city] of [
      ['parent', 'north'],
      ['parent', 'south'],
      ['otherProvince', 'east'],
    ] as const) {
      expect((await api.call('POST', '/api/cities', token(province), { id: city, name: city })).status).toBe(
        201,
      );
    }
    // The same ids in every tenant; only north's carry the marker.
    for (const name of ['owner', 'sibling', 'parent', 'otherProvince', 'otherCity'] as const) {
      const mark = name === 'owner' ? marker : `mark-${name}`;
      const t = token(name);
      expect(
        (
          await api.call('POST', '/api/units', t, {
            id: 'shared',
            name: `${mark} 单位`,
            category: '窗口服务类',
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await api.call('POST', '/api/catalog', t, {
            name: '共用字段',
            type: 'count',
            source: mark,
            level: 'unit',
            aggregation: 'sum',
          })
        ).status,
      ).toBe(201);
    }
    const north = token('owner');
    expect(
      (
        await api.call('POST', '/api/units', north, {
          id: 'only-north',
          name: `${marker} 政务服务中心`,
          category: '窗口服务类',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.call('POST', '/api/cadres', north, {
          id: 'only-north-c',
          name: `${marker} 张三`,
          unitId: 'only-north',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.call('POST', '/api/catalog', north, {
          name: '北方字段',
          type: 'percent',
          source: marker,
          level: 'unit',
          aggregation: 'avg',
        })
      ).status,
    ).toBe(201);
    // The province publishes version 1, then keeps working on a draft no city may ever see.
    const prov = token('parent');
    const expectStatus = async (pending: Promise<Response>, status: number): Promise<void> => {
      expect((await pending).status).toBe(status);
    };
    await expectStatus(api.call('POST', '/api/rulesets', prov, { id: 'prov', source: provinceSource }), 201);
    await expectStatus(api.call('POST', '/api/rulesets/prov/publish', prov), 201);
    await expectStatus(
      api.call(
        'PUT',
        '/api/rulesets/prov',
        prov,
        { source: `// ${draftMarker}\n${provinceSource}` },
        { 'if-match': '"1"' },
      ),
      200,
    );
    await expectStatus(
      api.call('POST', '/api/rulesets', north, {
        id: 'north-rs',
        source: citySource,
        parent: { ruleSet: 'prov', version: 1 },
      }),
      201,
    );
    await expectStatus(api.call('POST', '/api/rulesets/north-rs/publish', north), 201);
  });

  const readCases = reads.flatMap((read) =>
    Object.entries(read.expect).map(([caller, status]) => ({
      path: read.path,
      caller: caller as keyof typeof callers,
      status,
    })),
  );
  it.each(readCases)('GET $path as $caller → $status', async ({ path, caller, status }) => {
    const response = await api.call('GET', path, token(caller));
    const body = await response.text();

    expect(response.status).toBe(status);
    if (!caller.startsWith('parent')) expect(body).not.toContain(draftMarker);
    const mayHoldNorth =
      (caller.startsWith('owner') && !path.includes('city=')) ||
      (caller.startsWith('parent') && path.includes('city=north'));
    if (!mayHoldNorth) expect(body).not.toContain(marker);
    // Sanity: where north's own text belongs in the answer, it is there (so the negative checks mean something).
    if (mayHoldNorth && status === 200 && showsMarker.some((pattern) => pattern.test(path))) {
      expect(body).toContain(marker);
    }
  });

  const writeCases = writes.flatMap((write) =>
    Object.entries(write.expect).map(([caller, status]) => ({
      ...write,
      caller: caller as keyof typeof callers,
      status,
    })),
  );
  it.each(writeCases)(
    '$method $path as $caller → $status',
    async ({ method, path, body, caller, status }) => {
      const headers: Record<string, string> = method === 'PUT' ? { 'if-match': '"2"' } : {};
      const response = await api.call(method, path, token(caller), body(), headers);
      const text = await response.text();

      expect(response.status).toBe(status);
      if (!caller.startsWith('owner')) expect(text).not.toContain(marker);
      expect(text).not.toContain(draftMarker);
    },
  );

  it('a unit created by the parent province lands in the province, not in the city', async () => {
    const created = await api.call('POST', '/api/units', token('parent'), {
      id: 'province-made',
      name: '省直单位',
      category: '综合管理类',
    });
    const inCity = await api.call('GET', '/api/units/province-made?city=north', token('parent'));
    const inProvince = await api.call('GET', '/api/units/province-made', token('parent'));

    expect(created.status).toBe(201);
    expect(inCity.status).toBe(404);
    expect(inProvince.status).toBe(200);
  });

  describe('tokens that must be refused with 401', () => {
    const cases: readonly [string, () => Promise<string>][] = [
      ['no token', async () => ''],
      [
        'an expired token',
        () =>
          api.token('late', 'alpha#north', 'city_admin', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      ],
      [
        'a token signed by another key',
        async () => {
          const other = await createTestApi(table);
          return other.token('forger', 'alpha#north', 'city_admin');
        },
      ],
      [
        'alg none',
        async () =>
          new UnsecuredJWT({ tenant: 'T#alpha#north', role: 'city_admin' })
            .setSubject('x')
            .setIssuer('kaoping-local')
            .setAudience('kaoping-api')
            .setExpirationTime('1h')
            .encode(),
      ],
      [
        'HS256 (algorithm confusion)',
        async () =>
          new SignJWT({ tenant: 'T#alpha#north', role: 'city_admin' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('x')
            .setIssuer('kaoping-local')
            .setAudience('kaoping-api')
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode('guessable-secret-guessable-secret')),
      ],
      ['the wrong audience', () => signWith({ audience: 'someone-else' })],
      ['the wrong issuer', () => signWith({ issuer: 'evil' })],
      ['a role that does not fit the tenant', () => api.token('x', 'alpha', 'city_admin')],
      ['a malformed tenant', () => signClaims({ tenant: 'T#ALPHA', role: 'viewer' })],
    ];
    async function signWith(options: { audience?: string; issuer?: string }): Promise<string> {
      const { signDevToken } = await import('../../../functions/api/auth/dev-tokens.ts');
      const { parseTenantKey } = await import('../../../functions/domain/tenant-key.ts');
      const tenant = parseTenantKey('alpha#north');
      if (tenant === null) throw new Error('bad tenant');
      return signDevToken(api.signingKey, { userId: 'x', tenant, role: 'city_admin' }, options);
    }
    async function signClaims(claims: Record<string, string>): Promise<string> {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('x')
        .setIssuer('kaoping-local')
        .setAudience('kaoping-api')
        .setExpirationTime('1h')
        .sign(api.signingKey);
    }

    it.each(cases)('%s', async (_label, make) => {
      const bad = await make();
      for (const path of ['/api/units/only-north', '/api/units?city=north', '/api/audit', '/api/catalog']) {
        const response = await api.call('GET', path, bad === '' ? null : bad);
        const body = await response.text();
        expect(response.status, path).toBe(401);
        expect(body).not.toContain(marker);
        expect(JSON.parse(body)).toMatchObject({ error: { code: 'unauthorized' } });
      }
    });
  });

  it('every documented route that declares a token refuses none, an expired one, a forged one and alg none', async () => {
    const document = (await (await api.call('GET', '/api/openapi.json', null)).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const guarded = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.security !== undefined)
        .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') })),
    );
    const expired = await api.token('late', 'alpha#north', 'city_admin', {
      expiresIn: Math.floor(Date.now() / 1000) - 60,
    });
    const forged = await (await createTestApi(table)).token('forger', 'alpha', 'province_admin');
    const unsigned = new UnsecuredJWT({ tenant: 'T#alpha', role: 'province_admin' })
      .setSubject('x')
      .setIssuer('kaoping-local')
      .setAudience('kaoping-api')
      .setExpirationTime('1h')
      .encode();

    expect(guarded.length).toBeGreaterThan(30);
    for (const route of guarded) {
      for (const bad of [null, expired, forged, unsigned]) {
        const response = await api.call(
          route.method,
          route.path,
          bad,
          route.method === 'GET' ? undefined : {},
        );
        expect(response.status, `${route.method} ${route.path}`).toBe(401);
      }
    }
  });
});
