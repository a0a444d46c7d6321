import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('errors, validation and limits', () => {
  const table = useTestTable();
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await createTestApi(table, { limits: { bodyBytes: 64 * 1024, ruleSourceBytes: 2048 } });
    admin = await api.token('admin', 'errs', 'province_admin');
  });

  it('names the field path of every invalid or unknown field, in one 400', async () => {
    const response = await api.call('POST', '/api/units', admin, {
      id: '',
      name: 'x',
      category: 7,
      colour: 'red',
    });
    const body = (await response.json()) as {
      error: { code: string; message: { zh: string; en: string }; issues: { path: string }[] };
    };

    expect(response.status).toBe(400);
    expect(body.error.code).toBe('validation');
    expect(body.error.message.zh).toBeTruthy();
    expect(body.error.issues.map((issue) => issue.path).sort()).toEqual(['category', 'colour', 'id']);
  });

  it('names nested paths with indexes, e.g. ratioOf.numerator', async () => {
    const response = await api.call('POST', '/api/catalog', admin, {
      name: '比率',
      type: 'percent',
      source: '12345热线',
      level: 'unit',
      aggregation: 'ratio',
      ratioOf: { numerator: '' },
    });
    const body = (await response.json()) as { error: { issues: { path: string }[] } };

    expect(response.status).toBe(400);
    expect(body.error.issues.map((issue) => issue.path).sort()).toEqual([
      'ratioOf.denominator',
      'ratioOf.numerator',
    ]);
  });

  it('reports bulk-import problems per row and field, and writes nothing', async () => {
    const response = await api.call('POST', '/api/units/import', admin, {
      rows: [
        { id: 'ok-1', name: '市场监督管理局', category: '执法监管类' },
        { id: 'bad 2', name: '财政局', category: '综合管理类' },
        { id: 'ok-3', name: '教育局', category: '不存在的类别' },
        { id: 'ok-1', name: '重复', category: '综合管理类' },
      ],
    });
    const body = (await response.json()) as { error: { issues: { path: string }[] } };
    const after = (await (await api.call('GET', '/api/units', admin)).json()) as { items: unknown[] };

    expect(response.status).toBe(400);
    expect(body.error.issues.map((issue) => issue.path)).toEqual([
      'rows[1].id',
      'rows[2].category',
      'rows[3].id',
    ]);
    expect(after.items).toEqual([]);
  });

  it('imports valid rows idempotently and audits the import', async () => {
    const rows = [
      { id: 'imp-1', name: '政务服务中心', category: '窗口服务类' },
      { id: 'imp-2', name: '生态环境局', category: '执法监管类' },
    ];
    const first = await api.call('POST', '/api/units/import', admin, { rows, batchKey: 'b-1' });
    const again = await api.call('POST', '/api/units/import', admin, { rows, batchKey: 'b-1' });
    const reused = await api.call('POST', '/api/units/import', admin, {
      rows: rows.slice(0, 1),
      batchKey: 'b-1',
    });
    const unkeyed = await api.call('POST', '/api/units/import', admin, { rows });
    const cadres = await api.call('POST', '/api/cadres/import', admin, {
      rows: [
        { id: 'cad-1', name: '李明', unitId: 'imp-1', title: '主任' },
        { id: 'cad-2', name: '王芳', unitId: 'nope' },
      ],
    });
    const units = (await (await api.call('GET', '/api/units?category=窗口服务类', admin)).json()) as {
      items: { id: string }[];
    };
    const audit = (await (await api.call('GET', '/api/audit', admin)).json()) as {
      entries: { action: string }[];
    };

    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ units: 2, cadres: 0, replayed: false });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ units: 2, cadres: 0, replayed: true });
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ error: { code: 'batch_key_reused' } });
    expect(unkeyed.status).toBe(200);
    expect(cadres.status).toBe(400);
    expect(((await cadres.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe(
      'rows[1].unitId',
    );
    expect(units.items.map((unit) => unit.id)).toEqual(['imp-1']);
    // The first import and the unkeyed one; the replay wrote nothing and logged nothing.
    expect(audit.entries.filter((entry) => entry.action === 'import')).toHaveLength(2);
  });

  it('answers malformed JSON with 400 and no parser message', async () => {
    const response = await api.call('POST', '/api/units', admin, '{"id": ');
    const text = await response.text();

    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'malformed_body' } });
    expect(text).not.toMatch(/SyntaxError|at .*\.ts/);
  });

  it('asks for JSON when the body comes with another content type (415)', async () => {
    const response = await api.call('POST', '/api/units', admin, undefined, { 'content-type': 'text/plain' });

    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await api.call('POST', '/api/units', admin, {
      id: 'big',
      name: 'x'.repeat(70 * 1024),
      category: '窗口服务类',
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'too_large', limitBytes: 64 * 1024 } });
  });

  it('refuses a tampered or foreign pagination cursor with 400', async () => {
    for (let i = 0; i < 3; i += 1) {
      await api.call('POST', '/api/units', admin, {
        id: `page-${i}`,
        name: `单位${i}`,
        category: '综合管理类',
      });
    }
    const other = await api.token('o', 'other', 'province_admin');
    await api.call('POST', '/api/units', other, { id: 'o-1', name: '他省单位', category: '综合管理类' });
    await api.call('POST', '/api/units', other, { id: 'o-2', name: '他省单位2', category: '综合管理类' });
    const first = (await (await api.call('GET', '/api/units?limit=1', admin)).json()) as {
      nextCursor: string;
    };
    const foreign = (await (await api.call('GET', '/api/units?limit=1', other)).json()) as {
      nextCursor: string;
    };
    const [text = '', signature = ''] = first.nextCursor.split('.');
    const payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { k: { SK: string } };
    payload.k.SK = 'UNIT#zzz';
    const tampered = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;

    const next = await api.call(
      'GET',
      `/api/units?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
      admin,
    );
    const withForeign = await api.call(
      'GET',
      `/api/units?limit=1&cursor=${encodeURIComponent(foreign.nextCursor)}`,
      admin,
    );
    const withTampered = await api.call(
      'GET',
      `/api/units?limit=1&cursor=${encodeURIComponent(tampered)}`,
      admin,
    );
    const onOtherQuery = await api.call(
      'GET',
      `/api/cadres?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
      admin,
    );

    expect(next.status).toBe(200);
    expect(withForeign.status).toBe(400);
    expect(withTampered.status).toBe(400);
    expect(onOtherQuery.status).toBe(400);
    expect(await withForeign.json()).toMatchObject({ error: { code: 'bad_cursor' } });
  });

  it('hides internal failures behind a bare 500', async () => {
    const broken = await createTestApi({ client: table.client, tableName: 'missing-table' });
    const token = await broken.token('admin', 'errs', 'province_admin');

    const response = await broken.call('GET', '/api/units', token);
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal', message: { zh: '服务器内部错误', en: 'Internal server error' } },
    });
  });

  it('treats a malformed stored item as an internal fault (500), not as the caller’s validation error', async () => {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { PK: 'T#errs', SK: 'UNIT#broken', id: 'broken', kind: 'unit' },
      }),
    );

    const response = await api.call('GET', '/api/units/broken', admin);
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(text).not.toMatch(/name|invalid_type|expected/i);
  });

  it('serves an OpenAPI 3.1 document and a self-contained reference page', async () => {
    const doc = (await (await api.call('GET', '/api/openapi.json', null)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    const page = await api.call('GET', '/api/docs', null);
    const html = await page.text();

    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/units', '/api/audit/verify', '/api/catalog/{name}']),
    );
    expect(page.status).toBe(200);
    expect(html).toContain('/api/units/import');
    expect(html).not.toMatch(/<script[^>]+src=|https?:\/\/cdn/);
  });
});
