import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { sliceMonths, sliceMonthValues, sliceSource, sliceSubjects } from '../../support/slice-history.ts';
import { useTestTable } from '../../support/test-table.ts';

const units = sliceSubjects.slice(0, 40);
const fields = [
  ['理论学习完成率', 'percent', '在线学习平台', 'avg'],
  ['办结天数', 'days', '督办系统', 'avg'],
  ['热线解决率', 'percent', '12345热线', 'avg'],
  ['未回应投诉', 'count', '12345热线', 'sum'],
  ['违纪问题数', 'count', '纪检监察', 'sum'],
  ['创新案例数', 'count', '专家评审', 'sum'],
] as const;

function historyCsv(): string {
  const header = `对象编码,期间,${fields.map(([name]) => name).join(',')}`;
  const rows = units.flatMap((unit, index) =>
    sliceMonths.map((period, month) => {
      const values = sliceMonthValues(index, month);
      return `${unit.id},${period},${fields.map(([name]) => values[name]).join(',')}`;
    }),
  );
  return [header, ...rows].join('\n');
}

interface RunBody {
  runId: string;
  status: string;
  total: number;
  done: number;
}

describe('assessment API: observations, runs, results, dry-runs', () => {
  const table = useTestTable();
  let api: TestApi;
  let admin: string;
  let viewer: string;
  let sibling: string;
  let province: string;
  let runId: string;

  const upload = (token: string, csv: string, query: string) =>
    api.app.request(`/api/observations/upload?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });

  async function waitForRun(id: string): Promise<RunBody> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const run = (await (await api.call('GET', `/api/runs/${id}`, admin)).json()) as RunBody;
      if (run.status === 'finished' || run.status === 'failed') return run;
      await new Promise((wake) => setTimeout(wake, 100));
    }
    throw new Error(`run ${id} did not finish`);
  }

  beforeAll(async () => {
    api = await createTestApi(table, { limits: { bodyBytes: 4 * 1024 * 1024, ruleSourceBytes: 64 * 1024 } });
    const platform = await api.token('root', '_platform', 'platform_admin');
    province = await api.token('prov-admin', 'as', 'province_admin');
    admin = await api.token('east-admin', 'as#east', 'city_admin');
    viewer = await api.token('east-viewer', 'as#east', 'viewer');
    sibling = await api.token('west-admin', 'as#west', 'city_admin');
    await api.call('POST', '/api/provinces', platform, { id: 'as', name: '评估省' });
    await api.call('POST', '/api/cities', province, { id: 'east', name: '东市' });
    await api.call('POST', '/api/cities', province, { id: 'west', name: '西市' });
    const imported = await api.call('POST', '/api/units/import', admin, {
      rows: units.map((unit) => ({ id: unit.id, name: `单位${unit.id}`, category: unit.category })),
    });
    expect(imported.status).toBe(200);
    for (const [name, type, source, aggregation] of fields) {
      const stored = await api.call('POST', '/api/catalog', admin, {
        name,
        type,
        source,
        level: 'unit',
        aggregation,
      });
      expect(stored.status).toBe(201);
    }
    expect(
      (await api.call('POST', '/api/rulesets', admin, { id: 'slice', source: sliceSource })).status,
    ).toBe(201);
    expect(
      (await api.call('POST', '/api/rulesets/slice/publish', admin, undefined, { 'if-match': '"1"' })).status,
    ).toBe(201);
  });

  it('rejects an upload with a bad cell whole, naming its row and column', async () => {
    const response = await upload(
      admin,
      '对象编码,期间,热线解决率\nu000,2024-01,91\nu001,2024-01,九十\n',
      'batchKey=bad&source=12345',
    );

    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      status: string;
      issues: { row: number; columnLetter: string; column: string }[];
    };
    expect(body.status).toBe('rejected');
    expect(body.issues).toEqual([
      expect.objectContaining({ row: 3, columnLetter: 'C', column: '热线解决率' }),
    ]);
    const stored = (await (await api.call('GET', '/api/observations?period=2024-01', admin)).json()) as {
      items: unknown[];
    };
    expect(stored.items).toEqual([]);
  });

  it('takes a JSON batch by the same rules, naming each bad value by its field path', async () => {
    const bad = await api.call('POST', '/api/observations', admin, {
      batchKey: 'json-bad',
      source: '12345热线',
      rows: [
        { subject: 'u000', period: '2023-12', values: { 热线解决率: 91, 未回应投诉: 1 } },
        { subject: 'u001', period: '2023-12', values: { 热线解决率: 120 } },
        { subject: 'u002', period: '2023-12', values: { 热线解决度: 90 } },
      ],
    });
    const good = await api.call('POST', '/api/observations', admin, {
      batchKey: 'json-good',
      source: '12345热线',
      rows: [{ subject: 'u000', period: '2023-12', values: { 热线解决率: 91, 未回应投诉: 1 } }],
    });

    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { issues: { path: string; code: string }[] };
    expect(body.issues).toEqual([
      expect.objectContaining({ path: 'rows[2].values.热线解决度', code: 'unknown_column' }),
      expect.objectContaining({ path: 'rows[1].values.热线解决率', code: 'out_of_range' }),
    ]);
    expect(good.status).toBe(201);
  });

  it('imports a year of history idempotently and shows it with its provenance', async () => {
    const first = await upload(admin, historyCsv(), 'batchKey=history-2024&source=demo');
    const again = await upload(admin, historyCsv(), 'batchKey=history-2024&source=demo');

    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ status: 'committed', rows: 480, records: 480 });
    expect(again.status).toBe(200);
    const month = (await (
      await api.call('GET', '/api/observations?period=2024-03&subject=u005', viewer)
    ).json()) as {
      items: { values: Record<string, number>; records: { batchKey: string; actor: string }[] }[];
    };
    expect(month.items).toHaveLength(1);
    expect(month.items[0]?.records).toEqual([
      expect.objectContaining({ batchKey: 'history-2024', actor: 'east-admin' }),
    ]);
  });

  it('runs an assessment to the end and lists, filters and sorts its results', async () => {
    const started = await api.call('POST', '/api/runs', admin, {
      ruleSet: 'slice',
      version: 1,
      period: '2024',
    });
    expect(started.status).toBe(202);
    runId = ((await started.json()) as RunBody).runId;

    const run = await waitForRun(runId);

    expect(run).toMatchObject({ status: 'finished', total: 40, done: 40 });
    const page = (await (
      await api.call('GET', `/api/runs/${runId}/results?sort=total&order=desc&limit=10`, viewer)
    ).json()) as { total: number; items: { subjectId: string; total: number; name: string }[] };
    expect(page.total).toBe(40);
    expect(page.items).toHaveLength(10);
    const totals = page.items.map((item) => item.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(page.items[0]?.name).toMatch(/^单位u/);
    const windows = (await (
      await api.call(
        'GET',
        `/api/runs/${runId}/results?category=${encodeURIComponent('窗口服务类')}&limit=100`,
        viewer,
      )
    ).json()) as { total: number; items: { category: string }[] };
    expect(windows.total).toBe(20);
    expect(windows.items.every((item) => item.category === '窗口服务类')).toBe(true);
  });

  it('explains one subject point by point, with a sentence for every entry', async () => {
    const response = await api.call('GET', `/api/runs/${runId}/results/u017`, viewer);
    const result = (await response.json()) as {
      total: number;
      grade: string;
      trace: { points: number; sentence: { zh: string } }[];
    };

    expect(response.status).toBe(200);
    expect(result.grade).toBe('较差');
    expect(result.trace.every((entry) => entry.sentence.zh.length > 0)).toBe(true);
    expect(result.trace.reduce((sum, entry) => sum + Math.round(entry.points * 100), 0)).toBe(
      Math.round(result.total * 100),
    );
  });

  it('exports the run as a workbook with a summary, per-indicator detail and explanations', async () => {
    const response = await api.call('GET', `/api/runs/${runId}/export.xlsx`, viewer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());

    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '指标明细', '得分说明']);
    expect(workbook.getWorksheet('汇总')?.getRow(1).getCell(4).value).toBe('总分');
    expect(workbook.getWorksheet('得分说明')?.rowCount).toBeGreaterThan(40);
  });

  it('gives a subject’s dimension scores over time for its profile', async () => {
    const response = await api.call('GET', '/api/subjects/u003/profile', viewer);
    const body = (await response.json()) as {
      periods: { period: string; dimensions: Record<string, number> }[];
    };

    expect(body.periods.length).toBeGreaterThan(0);
    expect(body.periods[0]?.period).toBe('2024');
    expect(Object.keys(body.periods[0]?.dimensions ?? {})).toEqual([
      '政治建设',
      '履职效能',
      '群众评价',
      '廉洁自律',
    ]);
  });

  it('gives each unit’s score month by month for the heat map', async () => {
    const response = await api.call('GET', '/api/heatmap?ruleSet=slice&version=1&year=2024', viewer);
    const body = (await response.json()) as {
      months: string[];
      rows: { subjectId: string; name: string; cells: { month: string; total: number | null }[] }[];
    };

    expect(response.status).toBe(200);
    expect(body.months).toHaveLength(12);
    expect(body.rows).toHaveLength(40);
    expect(body.rows[0]?.cells.map((cell) => cell.month)).toEqual(body.months);
    expect(body.rows.every((row) => row.cells.every((cell) => typeof cell.total === 'number'))).toBe(true);
    const totals = new Set(body.rows.flatMap((row) => row.cells.map((cell) => cell.total)));
    expect(totals.size).toBeGreaterThan(20);
  });

  it('keeps runs inside their city: a sibling gets 404, the province reads it with ?city=', async () => {
    expect((await api.call('GET', `/api/runs/${runId}`, sibling)).status).toBe(404);
    expect((await api.call('GET', `/api/runs/${runId}/results/u017`, sibling)).status).toBe(404);
    expect((await api.call('GET', `/api/runs/${runId}?city=east`, province)).status).toBe(200);
    expect(
      (await api.call('POST', '/api/runs', viewer, { ruleSet: 'slice', version: 1, period: '2024' })).status,
    ).toBe(403);
  });

  it('dry-runs a draft against the published version and reports what would change', async () => {
    const draft = sliceSource.replace('per 3 take 5', 'per 3 take 8');
    const current = await api.call('GET', '/api/rulesets/slice', admin);
    const saved = await api.call(
      'PUT',
      '/api/rulesets/slice',
      admin,
      { source: draft },
      { 'if-match': current.headers.get('etag') ?? '' },
    );
    expect(saved.status).toBe(200);

    const response = await api.call('POST', '/api/rulesets/slice/dry-run', admin, {
      baseline: 1,
      periods: ['2024'],
    });
    const report = (await response.json()) as {
      summary: { subjects: number; meanDelta: number; gradeChanges: number };
      subjects: { delta: number; causes: { ruleId: string }[] }[];
    };

    expect(response.status).toBe(200);
    expect(report.summary.subjects).toBe(40);
    expect(report.summary.meanDelta).toBeLessThan(0);
    const moved = report.subjects.filter((subject) => subject.delta !== 0);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((subject) => subject.causes.some((cause) => cause.ruleId === '投诉未回应'))).toBe(
      true,
    );
  });
});
