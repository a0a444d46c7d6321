import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import {
  compile,
  interpretSubject,
  interpretTotal,
  type SubjectInput,
  scoreSubject,
  scoreTotal,
} from '../../dsl/index.ts';
import { checkSource } from '../../dsl/pipeline.ts';
import { generateSubjects } from '../dsl/support/generate.ts';
import { handwritten2025 } from './dsl-handwritten.ts';
import { type Figure, median } from './figure.ts';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
/** CPU time of this process (user + system), in ms: steadier than wall time on a shared machine. */
function cpuIt(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** A generated rule set of about 1,000 lines: 4 dimensions, 240 indicators, tests. */
export function generatedRuleSet(lines = 1000): string {
  const out = [
    'ruleset 生成 assesses unit period annual',
    'scale base 60 bonus 20 deduction 20',
    'categories 甲类, 乙类',
    'catalog {',
  ];
  const n = Math.floor((lines - 40) / 5);
  for (let i = 0; i < n; i++) out.push(`  field 字段${i} percent from "系统" agg avg`);
  out.push(
    '}',
    'dimension 政治建设 weight 30% floor 30%',
    'dimension 履职效能 weight 30%',
    'dimension 群众评价 weight 25%',
    'dimension 廉洁自律 weight 15%',
  );
  const dims = ['政治建设', '履职效能', '群众评价', '廉洁自律'];
  for (let i = 0; i < n; i++) {
    out.push(
      `indicator 指标${i} in ${dims[i % 4]} {`,
      `  source 字段${i}`,
      `  score linear ${60 + (i % 20)}% => 0, 100% => 100`,
      '}',
    );
  }
  out.push('grades 优秀 >= 48, 良好 >= 44, 一般 >= 36, 较差');
  while (out.length < lines) out.push('// 注释');
  return out.join('\n');
}

export async function bench(): Promise<readonly Figure[]> {
  const catalog = read('examples/demo-province/catalog.kp');
  const compiled = compile(read('examples/demo-province/units-2025.kp'), { catalog });
  if (!compiled.ok) throw new Error('units-2025.kp does not compile');
  const rs = compiled.ruleSet;
  const subjects: SubjectInput[] = generateSubjects(rs, 100_000, 2025);

  // same scores or the comparison means nothing
  let mismatches = 0;
  for (const s of subjects.slice(0, 20_000)) {
    const a = scoreTotal(rs, s);
    const b = handwritten2025(s);
    if (a.totalCents !== b.totalCents || a.grade !== b.grade) mismatches++;
  }
  let sink = 0;
  const runDsl = () => {
    for (const s of subjects) sink += scoreTotal(rs, s).totalCents;
  };
  const runHand = () => {
    for (const s of subjects) sink += handwritten2025(s).totalCents;
  };
  const runInterpTotal = () => {
    for (let i = 0; i < 20_000; i++) sink += interpretTotal(rs, subjects[i] as SubjectInput).totalCents;
  };
  const runDslTotal = () => {
    for (let i = 0; i < 20_000; i++) sink += scoreTotal(rs, subjects[i] as SubjectInput).totalCents;
  };
  const runFull = () => {
    for (let i = 0; i < 20_000; i++) sink += scoreSubject(rs, subjects[i] as SubjectInput).trace.length;
  };
  const runInterp = () => {
    for (let i = 0; i < 20_000; i++) sink += interpretSubject(rs, subjects[i] as SubjectInput).trace.length;
  };
  for (let i = 0; i < 2; i++) {
    runDsl();
    runHand();
  }
  const dsl: number[] = [];
  const hand: number[] = [];
  for (let i = 0; i < 5; i++) {
    dsl.push(timeIt(runDsl));
    hand.push(timeIt(runHand));
  }
  runInterpTotal();
  const interpTotal = median([timeIt(runInterpTotal), timeIt(runInterpTotal), timeIt(runInterpTotal)]);
  const dslTotal = median([timeIt(runDslTotal), timeIt(runDslTotal), timeIt(runDslTotal)]);
  runFull();
  runInterp();
  const full = median([timeIt(runFull), timeIt(runFull), timeIt(runFull)]);
  const interp = median([timeIt(runInterp), timeIt(runInterp), timeIt(runInterp)]);

  const big = generatedRuleSet(1000);
  for (let i = 0; i < 5; i++) checkSource(big, {});
  const checks: number[] = [];
  const checksCpu: number[] = [];
  for (let i = 0; i < 21; i++) {
    checks.push(timeIt(() => checkSource(big, {})));
    checksCpu.push(cpuIt(() => checkSource(big, {})));
  }

  // Cold compile as deployed: the Lambda and the console run an esbuild bundle, not type-stripped sources.
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-cold-'));
  const bundle = join(dir, 'dsl.mjs');
  buildSync({
    entryPoints: [fileURLToPath(new URL('dsl/index.ts', root))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: bundle,
    logLevel: 'error',
  });
  const coldJs = join(dir, 'cold.mjs');
  writeFileSync(
    coldJs,
    `const t0 = performance.now();
const { readFileSync } = await import('node:fs');
const { compile } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const r = compile(readFileSync(${JSON.stringify(fileURLToPath(new URL('examples/demo-province/units-2025.kp', root)))}, 'utf8'), { catalog: readFileSync(${JSON.stringify(fileURLToPath(new URL('examples/demo-province/catalog.kp', root)))}, 'utf8') });
if (!r.ok) process.exit(1);
const cpu = process.cpuUsage();
console.log((performance.now() - t0).toFixed(1) + ' ' + ((cpu.user + cpu.system) / 1000).toFixed(1));
`,
  );
  const coldRun = (file: string) =>
    execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim().split(' ').map(Number);
  const bundled: number[] = [];
  for (let i = 0; i < 5; i++) bundled.push(coldRun(coldJs)[0] ?? Number.NaN);
  rmSync(dir, { recursive: true, force: true });
  const script = fileURLToPath(new URL('test/bench/dsl-cold.ts', root));
  const colds: number[] = [];
  const coldsCpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [wall, cpu] = coldRun(script);
    colds.push(wall ?? Number.NaN);
    coldsCpu.push(cpu ?? Number.NaN);
  }
  if (sink === -1) console.log(sink);

  return [
    { name: 'dsl_eval_vs_handwritten', value: median(hand) / median(dsl), unit: '×', target: '>= 0.5' },
    { name: 'dsl_eval_mismatches_vs_handwritten', value: mismatches, unit: 'of 20000' },
    { name: 'dsl_eval_with_trace_subjects_per_s', value: Math.round(20_000 / (full / 1000)), unit: '/s' },
    { name: 'dsl_compiled_vs_interpreter', value: interpTotal / dslTotal, unit: '× (scores)' },
    { name: 'dsl_compiled_vs_interpreter_with_trace', value: interp / full, unit: '×' },
    { name: 'dsl_check_ms_1000_lines', value: median(checks), unit: 'ms', target: '<= 20' },
    { name: 'dsl_check_cpu_ms_1000_lines', value: median(checksCpu), unit: 'ms CPU' },
    {
      name: 'dsl_cold_compile_ms',
      value: median(bundled),
      unit: 'ms (esbuild bundle, as deployed)',
      target: '<= 150',
    },
    { name: 'dsl_cold_compile_ts_sources_ms', value: median(colds), unit: 'ms (type-stripped .ts sources)' },
    { name: 'dsl_cold_compile_ts_sources_cpu_ms', value: median(coldsCpu), unit: 'ms CPU (whole process)' },
  ];
}
