import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../dsl/cli.ts';

const root = new URL('../../', import.meta.url);
function cli(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const code = run(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    read: (p) => files[p] ?? readFileSync(new URL(p, root), 'utf8'),
    write: (p, t) => {
      written[p] = t;
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}
const cat = ['--catalog', 'examples/demo-province/catalog.kp'];

describe('kaoping CLI', () => {
  it('check passes an example and exits 0', () => {
    const r = cli(['check', 'examples/demo-province/units-2025.kp', ...cat]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('检查通过');
  });

  it('check prints file:line:column diagnostics with hints and exits 1', () => {
    const r = cli(['check', 'bad.kp'], {
      'bad.kp': 'ruleset 坏 assesses unit period annual\ndimension 甲 weight 100%\n指标热线 in 甲 { }\n',
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\.kp:3:1 error KP201/);
    expect(r.out).toContain('指标 热线');
  });

  it('check --json returns the diagnostics as data', () => {
    const r = cli(['check', 'bad.kp', '--json'], { 'bad.kp': 'ruleset 坏 assesses unit period annual\n' });
    const body = JSON.parse(r.out) as { ok: boolean; diagnostics: { code: string }[] };
    expect(body.ok).toBe(false);
    expect(body.diagnostics.map((d) => d.code)).toContain('KP411');
  });

  it('test runs the in-file tests of a city over its parent', () => {
    const r = cli([
      'test',
      'examples/demo-province/city-qingshan-2024.kp',
      '--parent',
      'examples/demo-province/units-2024.kp',
      ...cat,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 通过 passed, 0 失败 failed');
  });

  it('test exits 1 and prints the trace when a test fails', () => {
    const src = readFileSync(new URL('test/dsl/fixtures/slice.kp', root), 'utf8').replace(
      'expect total == 62',
      'expect total == 61',
    );
    const r = cli(['test', 'x.kp'], { 'x.kp': src });
    expect(r.code).toBe(1);
    expect(r.out).toContain('total: 期望 61,实际 62');
    expect(r.out).toContain('理论学习');
  });

  it('fmt --check exits 1 for an unformatted file, fmt --write fixes it', () => {
    const messy = 'ruleset 甲 assesses unit period annual\ncategories   A ,B\n';
    expect(cli(['fmt', 'm.kp', '--check'], { 'm.kp': messy }).code).toBe(1);
    const w = cli(['fmt', 'm.kp', '--write'], { 'm.kp': messy });
    expect(w.written['m.kp']).toBe('ruleset 甲 assesses unit period annual\n\ncategories A, B\n');
    expect(cli(['fmt', 'm.kp', '--check'], { 'm.kp': w.written['m.kp'] ?? '' }).code).toBe(0);
  });

  it('score reads CSV and JSONL subjects and applies quotas', () => {
    const slice = 'test/dsl/fixtures/slice.kp';
    const csv =
      'id,category,理论学习完成率,办结天数,热线解决率,违纪问题数,创新案例数\nu1,窗口服务类,100,5,95,0,2\nu2,执法监管类,90,17.5,82.5,1,0\n';
    const r = cli(['score', slice, '--data', 'd.csv'], { 'd.csv': csv });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(
      'u1\t62.00\t良好\tscored\t优秀名额为20%(本组2人,限0名),按排名顺延为良好',
    );
    const jsonl = `${JSON.stringify({ id: 'j1', category: '窗口服务类', values: { 理论学习完成率: 100, 办结天数: 5, 热线解决率: 95, 违纪问题数: 0 } })}\n`;
    const j = cli(['score', slice, '--data', 'd.jsonl', '--json'], { 'd.jsonl': jsonl });
    expect(JSON.parse(j.out)).toMatchObject({
      subjectId: 'j1',
      total: 60,
      grade: '良好',
      quotaAdjusted: { from: '优秀', to: '良好' },
    });
  });

  it('score reports the row of a bad CSV value', () => {
    const r = cli(['score', 'test/dsl/fixtures/slice.kp', '--data', 'd.csv'], {
      'd.csv': 'id,category,办结天数\nu1,窗口服务类,abc\n',
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain('row 2, column 办结天数');
  });

  it('exits 2 on usage errors', () => {
    expect(cli([]).code).toBe(2);
    expect(cli(['frobnicate', 'x.kp']).code).toBe(2);
    expect(cli(['score', 'test/dsl/fixtures/slice.kp']).code).toBe(2);
  });
});

describe('kaoping dry-run', () => {
  it('shows the rule changes and the subjects whose result changes between 2024 and 2025', () => {
    const csv = [
      'id,category,理论学习完成率,重大决策部署按期落实率,政策落实平均办结天数,发文会议精简率,全程网办率,跨部门协作事项按期完成率,12345满意率,违反八项规定问题数,吃拿卡要投诉查实件数,重大作风问题,数据造假查实,班子成员受诫勉数',
      'u1,综合管理类,100,100,5,0,95,100,100,0,0,false,false,0',
      'u2,综合管理类,100,100,5,40,95,100,100,0,0,false,false,0',
    ].join('\n');
    const r = cli(
      [
        'dry-run',
        'examples/demo-province/units-2025.kp',
        '--against',
        'examples/demo-province/units-2024.kp',
        '--data',
        'd.csv',
        ...cat,
        '--json',
      ],
      { 'd.csv': csv },
    );
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as {
      changes: { subjectId: string; from: { total: number }; to: { total: number } }[];
      diff: { added: { id: string }[] };
    };
    expect(body.diff.added.map((a) => a.id)).toEqual(['全程网办率', '掌上可办率']);
    // u1 has 发文会议精简率 0: its weight doubles in 2025 (54 → 52.8); u2 is at full marks both years
    // (a group of two has no 优秀 place under the 20% quota, so both are 良好)
    expect(body.changes).toEqual([
      {
        subjectId: 'u1',
        from: { total: 54, grade: '良好', status: 'scored' },
        to: { total: 52.8, grade: '良好', status: 'scored' },
        causes: expect.arrayContaining([expect.objectContaining({ ruleId: '全程网办率' })]),
      },
    ]);
  });

  it('reads monthly history, groups it into the rule sets’ periods and explains each change by its rules', () => {
    const month = (subject: string, period: string, 未回应投诉: number) =>
      JSON.stringify({
        subject,
        period,
        category: '窗口服务类',
        values: {
          理论学习完成率: 95,
          办结天数: 10,
          热线解决率: 90,
          未回应投诉,
          违纪问题数: 0,
          创新案例数: 0,
        },
      });
    const history = [
      month('u1', '2024-01', 2),
      month('u1', '2024-02', 2),
      month('u2', '2024-01', 0),
      month('u2', '2024-02', 0),
      month('u1', '2025-01', 0),
      month('u2', '2025-01', 0),
    ].join('\n');
    const harsher = readFileSync('test/dsl/fixtures/slice.kp', 'utf8').replace(
      'per 3 take 5',
      'per 3 take 8',
    );

    const r = cli(
      [
        'dry-run',
        '--baseline',
        'test/dsl/fixtures/slice.kp',
        '--candidate',
        'harsher.kp',
        '--data',
        'history.jsonl',
        '--json',
      ],
      { 'history.jsonl': history, 'harsher.kp': harsher },
    );

    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as {
      periods: string[];
      subjects: number;
      changes: {
        period: string;
        subjectId: string;
        from: { total: number };
        to: { total: number };
        causes: { ruleId: string; delta: number }[];
      }[];
      summary: { subjects: number; meanDelta: number };
    };
    expect(body.periods).toEqual(['2024', '2025']);
    expect(body.subjects).toBe(4);
    // u1 had 4 unanswered complaints in 2024: one deduction of 5 becomes 8; nothing else changes.
    expect(body.changes).toEqual([
      expect.objectContaining({
        period: '2024',
        subjectId: 'u1',
        causes: [{ ruleId: '投诉未回应', delta: -3 }],
      }),
    ]);
    expect((body.changes[0]?.to.total ?? 0) - (body.changes[0]?.from.total ?? 0)).toBeCloseTo(-3, 10);
  });

  it('names the line of a history file it cannot read', () => {
    const r = cli(
      [
        'dry-run',
        '--baseline',
        'test/dsl/fixtures/slice.kp',
        '--candidate',
        'test/dsl/fixtures/slice.kp',
        '--data',
        'h.jsonl',
      ],
      {
        'h.jsonl':
          '{"subject":"u1","period":"2024-01","values":{}}\n{"subject":"u1","period":"2024-13","values":{}}',
      },
    );

    expect(r.code).toBe(1);
    expect(r.err).toContain('line 2');
    expect(r.err).toContain('YYYY-MM');
  });
});
