import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { sliceMonths, sliceMonthValues, sliceSubjects } from '../../support/slice-history.ts';
import { useTestTable } from '../../support/test-table.ts';

const provinceSource = readFileSync(new URL('./fixtures/province.kp', import.meta.url), 'utf8');
const citySource = readFileSync(new URL('./fixtures/city.kp', import.meta.url), 'utf8');
const units = sliceSubjects.slice(0, 12);
const fieldSpecs = [
  ['理论学习完成率', 'percent', 'avg'],
  ['办结天数', 'days', 'avg'],
  ['热线解决率', 'percent', 'avg'],
  ['未回应投诉', 'count', 'sum'],
  ['违纪问题数', 'count', 'sum'],
  ['创新案例数', 'count', 'sum'],
] as const;

interface TenantReport {
  name: string;
  status: 'done' | 'skipped';
  reason?: { zh: string };
  summary?: { subjects: number; meanDelta: number };
  subjects?: { causes: { ruleId: string }[] }[];
}

describe('a province dry-run over its cities', () => {
  const table = useTestTable();
  let api: TestApi;
  let province: string;
  let east: string;

  beforeAll(async () => {
    api = await createTestApi(table, { limits: { bodyBytes: 4 * 1024 * 1024, ruleSourceBytes: 64 * 1024 } });
    const platform = await api.token('root', '_platform', 'platform_admin');
    province = await api.token('pd-admin', 'pd', 'province_admin');
    east = await api.token('east-admin', 'pd#east', 'city_admin');
    await api.call('POST', '/api/provinces', platform, { id: 'pd', name: '试算省' });
    await api.call('POST', '/api/cities', province, { id: 'east', name: '东市' });
    await api.call('POST', '/api/cities', province, { id: 'west', name: '西市' });
    for (const [name, type, aggregation] of fieldSpecs) {
      await api.call('POST', '/api/catalog', province, {
        name,
        type,
        source: '测试',
        level: 'unit',
        aggregation,
      });
    }
    expect(
      (await api.call('POST', '/api/rulesets', province, { id: 'prov', source: provinceSource })).status,
    ).toBe(201);
    expect(
      (await api.call('POST', '/api/rulesets/prov/publish', province, undefined, { 'if-match': '"1"' }))
        .status,
    ).toBe(201);
    const created = await api.call('POST', '/api/rulesets', east, {
      id: 'east-rules',
      source: citySource,
      parent: { ruleSet: 'prov', version: 1 },
    });
    expect(created.status).toBe(201);
    expect(
      (await api.call('POST', '/api/rulesets/east-rules/publish', east, undefined, { 'if-match': '"1"' }))
        .status,
    ).toBe(201);
    await api.call('POST', '/api/units/import', east, {
      rows: units.map((unit) => ({ id: unit.id, name: `东市单位${unit.id}`, category: unit.category })),
    });
    const rows = units.flatMap((unit, index) =>
      sliceMonths.map((period, month) => ({
        subject: unit.id,
        period,
        values: sliceMonthValues(index, month),
      })),
    );
    const imported = await api.call('POST', '/api/observations', east, {
      batchKey: 'east-2024',
      source: '测试',
      rows,
    });
    expect(imported.status).toBe(201);
  });

  it('replays the draft over the province and each city that inherits it, skipping a city with nothing to replay', async () => {
    const current = await api.call('GET', '/api/rulesets/prov', province);
    const harsher = provinceSource.replace('per 3 take 5', 'per 3 take 9');
    const saved = await api.call(
      'PUT',
      '/api/rulesets/prov',
      province,
      { source: harsher },
      {
        'if-match': current.headers.get('etag') ?? '',
      },
    );
    expect(saved.status).toBe(200);

    const response = await api.call('POST', '/api/rulesets/prov/dry-run', province, {
      baseline: 1,
      periods: ['2024'],
      cities: true,
    });
    const body = (await response.json()) as { tenants: TenantReport[] };

    expect(response.status).toBe(200);
    expect(body.tenants.map((tenant) => [tenant.name, tenant.status])).toEqual([
      ['本级', 'done'],
      ['东市 · east-rules', 'done'],
      ['西市', 'skipped'],
    ]);
    const eastReport = body.tenants[1];
    expect(eastReport?.summary?.subjects).toBe(12);
    expect(eastReport?.summary?.meanDelta).toBeLessThan(0);
    expect(
      eastReport?.subjects
        ?.filter((subject) => subject.causes.length > 0)
        .every((subject) => subject.causes.some((cause) => cause.ruleId === '投诉未回应')),
    ).toBe(true);
    expect(body.tenants[2]?.reason?.zh).toContain('没有继承');
  });

  it('refuses a city asking to replay over cities', async () => {
    const response = await api.call('POST', '/api/rulesets/east-rules/dry-run', east, {
      baseline: 1,
      periods: ['2024'],
      cities: true,
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'cities_need_province' } });
  });
});
