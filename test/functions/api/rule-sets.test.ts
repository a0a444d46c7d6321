import { readFileSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { provinceKey } from '../../../functions/domain/tenant-key.ts';
import { createDocumentClient } from '../../../functions/store/dynamo-client.ts';
import { versionSk } from '../../../functions/store/rule-set-repository.ts';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

const provinceSource = readFileSync(new URL('./fixtures/province.kp', import.meta.url), 'utf8');
const citySource = readFileSync(new URL('./fixtures/city.kp', import.meta.url), 'utf8');

interface DraftBody {
  revision: number;
  headVersion: number;
  source: string;
  parent: { ruleSet: string; version: number } | null;
}

describe('rule-set lifecycle', () => {
  const table = useTestTable();
  let api: TestApi;
  let admin: string;
  let viewer: string;
  let city: string;
  let sibling: string;

  beforeAll(async () => {
    api = await createTestApi(table, { limits: { bodyBytes: 1024 * 1024, ruleSourceBytes: 16 * 1024 } });
    const platform = await api.token('root', '_platform', 'platform_admin');
    admin = await api.token('prov-admin', 'rs', 'province_admin');
    viewer = await api.token('prov-viewer', 'rs', 'viewer');
    city = await api.token('city-admin', 'rs#dong', 'city_admin');
    sibling = await api.token('sibling-admin', 'rs#xi', 'city_admin');
    await api.call('POST', '/api/provinces', platform, { id: 'rs', name: '规则省' });
    await api.call('POST', '/api/cities', admin, { id: 'dong', name: '东市' });
    await api.call('POST', '/api/cities', admin, { id: 'xi', name: '西市' });
  });

  async function createDraft(
    token: string,
    id: string,
    source: string,
    parent?: { ruleSet: string; version: number },
  ) {
    const response = await api.call('POST', '/api/rulesets', token, {
      id,
      source,
      ...(parent === undefined ? {} : { parent }),
    });
    return { response, etag: response.headers.get('etag') };
  }

  it('saves a draft with If-Match and answers a stale write with 412 and the current revision', async () => {
    const { response, etag } = await createDraft(admin, 'etag-rs', provinceSource);
    const first = await api.call(
      'PUT',
      '/api/rulesets/etag-rs',
      admin,
      { source: `${provinceSource}\n// 1` },
      { 'if-match': etag ?? '' },
    );
    const stale = await api.call(
      'PUT',
      '/api/rulesets/etag-rs',
      admin,
      { source: `${provinceSource}\n// 2` },
      { 'if-match': etag ?? '' },
    );
    const missing = await api.call('PUT', '/api/rulesets/etag-rs', admin, { source: provinceSource });

    expect(response.status).toBe(201);
    expect(etag).toBe('"1"');
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ error: { code: 'stale_revision', currentRevision: 2 } });
    expect(missing.status).toBe(428);
  });

  it('checks a source and reports diagnostics with line and column', async () => {
    await createDraft(admin, 'check-rs', provinceSource);
    const response = await api.call('POST', '/api/rulesets/check-rs/check', viewer, {
      source: provinceSource.replace('source 热线解决率', 'source 热线解决律'),
    });
    const body = (await response.json()) as {
      ok: boolean;
      diagnostics: { code: string; range: { start: { line: number } } }[];
    };

    expect(response.status).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.diagnostics.find((d) => d.code === 'KP301')?.range.start.line).toBeGreaterThan(1);
  });

  it('runs the rule file’s tests', async () => {
    await createDraft(admin, 'test-rs', provinceSource);
    const response = await api.call('POST', '/api/rulesets/test-rs/test', viewer);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ passed: 3, failed: 0 });
  });

  it('refuses to publish rules with errors or failing tests (422), and a viewer (403)', async () => {
    await createDraft(admin, 'broken-rs', provinceSource.replace('weight 15%', 'weight 10%'));
    await createDraft(
      admin,
      'failing-rs',
      provinceSource.replace('expect total == 62', 'expect total == 61'),
    );

    const broken = await api.call('POST', '/api/rulesets/broken-rs/publish', admin);
    const failing = await api.call('POST', '/api/rulesets/failing-rs/publish', admin);
    const byViewer = await api.call('POST', '/api/rulesets/failing-rs/publish', viewer);

    expect(broken.status).toBe(422);
    expect(await broken.json()).toMatchObject({ error: { code: 'rules_invalid' } });
    expect(failing.status).toBe(422);
    expect(await failing.json()).toMatchObject({ error: { code: 'tests_failed', tests: { failed: 1 } } });
    expect(byViewer.status).toBe(403);
  });

  it('lets exactly one of two simultaneous publishes win (201 + 409), every time', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = `race-${round}`;
      await createDraft(admin, id, provinceSource);
      // Two separate apps over the same table: two servers (Lambda containers) racing, not one queue.
      const second = await createTestApi({
        client: createDocumentClient(table.raw),
        tableName: table.tableName,
      });
      const secondToken = await second.token('prov-admin-2', 'rs', 'province_admin');

      const answers = await Promise.all([
        api.call('POST', `/api/rulesets/${id}/publish`, admin),
        second.call('POST', `/api/rulesets/${id}/publish`, secondToken),
      ]);
      const versions = (await (await api.call('GET', `/api/rulesets/${id}/versions`, viewer)).json()) as {
        items: { version: number }[];
      };

      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      expect(versions.items.map((v) => v.version)).toEqual([1]);
    }
  });

  it('publishes numbered versions with hash and author, and never overwrites one', async () => {
    const { etag } = await createDraft(admin, 'prov', provinceSource);
    const v1 = await api.call('POST', '/api/rulesets/prov/publish', admin, undefined, {
      'if-match': etag ?? '',
    });
    const saved = await api.call(
      'PUT',
      '/api/rulesets/prov',
      admin,
      { source: provinceSource.replace('cap 3 each', 'cap 4 each') },
      { 'if-match': etag ?? '' },
    );
    const v2 = await api.call('POST', '/api/rulesets/prov/publish', admin);
    const one = (await (await api.call('GET', '/api/rulesets/prov/versions/1', viewer)).json()) as {
      source: string;
      hash: string;
      publishedBy: string;
    };

    expect(v1.status).toBe(201);
    expect(await v1.json()).toMatchObject({ version: 1, publishedBy: 'prov-admin', name: '示范省测试规则' });
    expect(saved.status).toBe(200);
    expect(v2.status).toBe(201);
    expect(await v2.json()).toMatchObject({ version: 2 });
    expect(one.source).toBe(provinceSource);
    expect(one.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(one.publishedBy).toBe('prov-admin');

    // The store refuses to put over an existing version, whatever the caller.
    await expect(
      table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { PK: provinceKey('rs'), SK: versionSk('prov', 1), source: 'evil' },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    ).rejects.toThrow();
    const publishedAgain = await api.call('POST', '/api/rulesets/prov/publish', admin, undefined, {
      'if-match': '"1"',
    });
    expect(publishedAgain.status).toBe(412);
    const unchanged = await api.call('POST', '/api/rulesets/prov/publish', admin);
    expect(unchanged.status).toBe(409);
    expect(await unchanged.json()).toMatchObject({ error: { code: 'already_published', version: 2 } });
  });

  it('gives a city the province’s published version to extend, never a draft', async () => {
    const parents = (await (await api.call('GET', '/api/parent-rulesets', city)).json()) as {
      items: { ruleSet: string }[];
    };
    const provinceDraft = await api.call('GET', '/api/rulesets/prov', city);

    expect(parents.items.map((item) => item.ruleSet)).toContain('prov');
    expect(JSON.stringify(parents)).not.toContain('source');
    expect(provinceDraft.status).toBe(404);
  });

  it('compiles a city over its pinned parent, shows a newer parent, and re-pins after a dry-run', async () => {
    const created = await createDraft(city, 'dong-rs', citySource, { ruleSet: 'prov', version: 1 });
    const effective = await api.call('GET', '/api/rulesets/dong-rs/effective', city);
    const effectiveBody = (await effective.json()) as {
      newerParentAvailable: boolean;
      latestParentVersion: number;
      effective: { parent: { version: number }; rules: { id: string }[] };
    };
    const published = await api.call('POST', '/api/rulesets/dong-rs/publish', city);
    const dryRun = await api.call('POST', '/api/rulesets/dong-rs/repin', city, { version: 2, dryRun: true });
    const unchanged = (await (await api.call('GET', '/api/rulesets/dong-rs', city)).json()) as DraftBody;
    const repinned = await api.call('POST', '/api/rulesets/dong-rs/repin', city, { version: 2 });
    const after = (await (await api.call('GET', '/api/rulesets/dong-rs', city)).json()) as DraftBody;
    const afterEffective = (await (
      await api.call('GET', '/api/rulesets/dong-rs/effective', city)
    ).json()) as { newerParentAvailable: boolean };
    const audit = (await (await api.call('GET', '/api/audit?limit=200', city)).json()) as {
      entries: { action: string; details: Record<string, unknown> }[];
    };

    expect(created.response.status).toBe(201);
    expect(effective.status).toBe(200);
    expect(effectiveBody.newerParentAvailable).toBe(true);
    expect(effectiveBody).toMatchObject({ pinMismatch: false });
    expect(effectiveBody.latestParentVersion).toBe(2);
    expect(effectiveBody.effective.parent.version).toBe(1);
    expect(effectiveBody.effective.rules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining(['城市创新', '创新', '严重违纪']),
    );
    expect(published.status).toBe(201);
    expect(await published.json()).toMatchObject({ version: 1, parent: { ruleSet: 'prov', version: 1 } });
    expect(dryRun.status).toBe(200);
    expect(await dryRun.json()).toMatchObject({ dryRun: true, ok: true, from: 1, to: 2 });
    expect(unchanged.parent).toEqual({ ruleSet: 'prov', version: 1 });
    expect(repinned.status).toBe(200);
    expect(after.parent).toEqual({ ruleSet: 'prov', version: 2 });
    expect(after.source).toContain('@2');
    expect(afterEffective.newerParentAvailable).toBe(false);
    // The version published before the re-pin still resolves against the parent it was published with.
    const publishedEffective = await api.call('GET', '/api/rulesets/dong-rs/effective?version=1', city);
    expect(await publishedEffective.json()).toMatchObject({
      version: 1,
      parent: { ruleSet: 'prov', version: 1 },
      newerParentAvailable: true,
      effective: { parent: { version: 1 } },
    });
    expect(audit.entries.find((entry) => entry.action === 'ruleset.repin')?.details).toMatchObject({
      from: 1,
      to: 2,
    });
  });

  it('hides a city’s rule sets from its sibling and shows them to the province with ?city=', async () => {
    const fromSibling = await api.call('GET', '/api/rulesets/dong-rs', sibling);
    const siblingWithCity = await api.call('GET', '/api/rulesets/dong-rs?city=dong', sibling);
    const fromProvince = await api.call('GET', '/api/rulesets/dong-rs?city=dong', admin);
    const siblingPublish = await api.call('POST', '/api/rulesets/dong-rs/publish', sibling);

    expect(fromSibling.status).toBe(404);
    expect(siblingWithCity.status).toBe(404);
    expect(fromProvince.status).toBe(200);
    expect(siblingPublish.status).toBe(404);
  });

  it('refuses to publish a city whose source extends another version than the one it is pinned to', async () => {
    await createDraft(city, 'mismatch', citySource, { ruleSet: 'prov', version: 2 });

    const response = await api.call('POST', '/api/rulesets/mismatch/publish', city);

    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'parent_pin_mismatch' } });
    const effective = await api.call('GET', '/api/rulesets/mismatch/effective', city);
    expect(await effective.json()).toMatchObject({ pinMismatch: true });
  });

  it('refuses a parent pin from a province, and an unpublished parent version', async () => {
    const fromProvince = await createDraft(admin, 'p-ext', citySource, { ruleSet: 'prov', version: 1 });
    const unpublished = await createDraft(city, 'c-ext', citySource, { ruleSet: 'prov', version: 9 });

    expect(fromProvince.response.status).toBe(400);
    expect(unpublished.response.status).toBe(404);
  });

  it('keeps the catalog source with optimistic concurrency and compiles rule sets with it', async () => {
    const catalog = 'catalog {\n  field 新增字段 count from "督查督办" level unit agg sum\n}\n';
    const created = await api.call('PUT', '/api/catalog-source', admin, { source: catalog });
    const withoutIfMatch = await api.call('PUT', '/api/catalog-source', admin, { source: catalog });
    const saved = await api.call(
      'PUT',
      '/api/catalog-source',
      admin,
      { source: `${catalog}// 2\n` },
      { 'if-match': '"1"' },
    );
    const stale = await api.call(
      'PUT',
      '/api/catalog-source',
      admin,
      { source: catalog },
      { 'if-match': '"1"' },
    );
    const read = await api.call('GET', '/api/catalog-source', viewer);
    const byViewer = await api.call(
      'PUT',
      '/api/catalog-source',
      viewer,
      { source: catalog },
      { 'if-match': '"2"' },
    );

    expect(created.status).toBe(200);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(withoutIfMatch.status).toBe(428);
    expect(saved.status).toBe(200);
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ error: { currentRevision: 2 } });
    expect(read.headers.get('etag')).toBe('"2"');
    expect(byViewer.status).toBe(403);

    // A rule set that asks for the tenant's catalog reads its fields; one without the flag does not.
    const reader = [
      'ruleset 目录读取 assesses unit period annual',
      'scale base 60 bonus 20 deduction 20',
      'categories 窗口服务类',
      'dimension 政治建设 weight 30% floor 30%',
      'dimension 履职效能 weight 30%',
      'dimension 群众评价 weight 25% floor 25%',
      'dimension 廉洁自律 weight 15%',
      'indicator 督办 in 履职效能 { source 新增字段 score bands <= 0 => 100, else => 0 }',
      'grades 优秀 >= 54, 良好 >= 48, 一般 >= 36, 较差',
    ].join('\n');
    await api.call('POST', '/api/rulesets', admin, { id: 'with-catalog', source: reader, useCatalog: true });
    await api.call('POST', '/api/rulesets', admin, { id: 'without-catalog', source: reader });
    const withCatalog = await api.call('POST', '/api/rulesets/with-catalog/check', admin, {});
    const withoutCatalog = await api.call('POST', '/api/rulesets/without-catalog/check', admin, {});
    const codesOf = async (response: Response) =>
      ((await response.json()) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    expect(await codesOf(withCatalog)).not.toContain('KP301');
    expect(await codesOf(withoutCatalog)).toContain('KP301');
  });

  it('limits the size of a rule source (413)', async () => {
    const response = await api.call('POST', '/api/rulesets', admin, {
      id: 'huge',
      source: `// ${'规'.repeat(6000)}\n${provinceSource}`,
    });

    expect(response.status).toBe(413);
  });

  it('diffs two versions structurally', async () => {
    const response = await api.call('GET', '/api/rulesets/prov/diff?from=1&to=2', viewer);
    const body = (await response.json()) as { diff: { changed: { id: string }[] } };

    expect(response.status).toBe(200);
    expect(body.diff.changed.map((change) => change.id)).toContain('创新');
  });
});
