import { readFileSync, writeFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { runDryRun } from './cli-dry-run.ts';
import {
  type CompiledRuleSet,
  check,
  compile,
  type Diagnostic,
  format,
  runTests,
  type SubjectInput,
  scorePopulation,
} from './index.ts';

/** `kaoping check | fmt [--check] [--write] | test | score --data … | dry-run --against …`, each with `--json`. Exit 0 ok, 1 problems, 2 usage. */
const USAGE = `用法 / usage:
  kaoping check <rules.kp> [--catalog <catalog.kp>] [--parent <parent.kp>] [--json]
  kaoping fmt <rules.kp> [--check] [--write] [--json]
  kaoping test <rules.kp> [--catalog …] [--parent …] [--json]
  kaoping score <rules.kp> --data <subjects.jsonl|subjects.csv> [--catalog …] [--parent …] [--json]
  kaoping dry-run --baseline <old.kp> --candidate <new.kp> --data <history.jsonl|subjects.jsonl|subjects.csv> [--catalog …] [--parent …] [--json]
  kaoping dry-run <new.kp> --against <old.kp> --data …   (the same)`;

interface Args {
  command: string;
  file: string;
  flags: Map<string, string | true>;
}
function parseArgs(argv: readonly string[]): Args | undefined {
  const [command, ...rest] = argv;
  const flags = new Map<string, string | true>();
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (['catalog', 'parent', 'data', 'against', 'baseline', 'candidate'].includes(name)) {
        const v = rest[i + 1];
        if (v === undefined) return undefined;
        flags.set(name, v);
        i++;
      } else flags.set(name, true);
    } else files.push(a);
  }
  // A dry-run may name its candidate with --candidate instead of a positional file.
  const candidate = flags.get('candidate');
  const file = files[0] ?? (command === 'dry-run' && typeof candidate === 'string' ? candidate : undefined);
  if (
    command === undefined ||
    file === undefined ||
    files.length > 1 ||
    !['check', 'fmt', 'test', 'score', 'dry-run'].includes(command)
  )
    return undefined;
  return { command, file, flags };
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  read: (path: string) => string;
  write: (path: string, text: string) => void;
}
const nodeIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  read: (p) => readFileSync(p, 'utf8'),
  write: (p, t) => writeFileSync(p, t),
};

const show = (file: string, d: Diagnostic): string =>
  `${d.range.file ?? file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message.zh} / ${d.message.en}${d.hint ? `\n    提示 hint: ${d.hint.zh} / ${d.hint.en}` : ''}`;

export function run(argv: readonly string[], io: Io = nodeIo): number {
  const args = parseArgs(argv);
  if (args === undefined) {
    io.err(USAGE);
    return 2;
  }
  const json = args.flags.has('json');
  let source: string;
  try {
    source = io.read(args.file);
  } catch {
    io.err(`无法读取文件 / cannot read ${args.file}`);
    return 2;
  }
  if (args.command === 'fmt') {
    const r = format(source);
    if (!r.ok) {
      if (json) io.out(JSON.stringify({ ok: false, diagnostics: r.diagnostics }));
      else for (const d of r.diagnostics) io.err(show(args.file, d));
      return 1;
    }
    const changed = r.text !== source;
    if (args.flags.has('check')) {
      if (json) io.out(JSON.stringify({ ok: !changed, formatted: !changed }));
      else if (changed) io.err(`${args.file}: 格式需要调整 / not formatted`);
      return changed ? 1 : 0;
    }
    if (args.flags.has('write')) {
      if (changed) io.write(args.file, r.text);
      if (json) io.out(JSON.stringify({ ok: true, changed }));
      return 0;
    }
    io.out(json ? JSON.stringify({ ok: true, text: r.text }) : r.text.trimEnd());
    return 0;
  }
  const options: { catalog?: string; parent?: CompiledRuleSet; fileName: string } = { fileName: args.file };
  try {
    const catalogFile = args.flags.get('catalog');
    if (typeof catalogFile === 'string') options.catalog = io.read(catalogFile);
    const parentFile = args.flags.get('parent');
    if (typeof parentFile === 'string') {
      const p = compile(io.read(parentFile), {
        ...(options.catalog !== undefined ? { catalog: options.catalog } : {}),
        fileName: parentFile,
      });
      if (!p.ok) {
        for (const d of p.diagnostics) io.err(show(parentFile, d));
        return 1;
      }
      options.parent = p.ruleSet;
    }
  } catch {
    io.err('无法读取 --catalog/--parent 文件 / cannot read --catalog/--parent');
    return 2;
  }
  if (args.command === 'check') {
    const ds = check(source, options);
    const errors = ds.filter((d) => d.severity === 'error').length;
    if (json) io.out(JSON.stringify({ ok: errors === 0, diagnostics: ds }));
    else {
      for (const d of ds) io.out(show(args.file, d));
      io.out(
        errors === 0
          ? `✓ ${args.file}: 检查通过 / ok (${ds.length} 条提示 notes)`
          : `✗ ${args.file}: ${errors} 个错误 / error(s)`,
      );
    }
    return errors === 0 ? 0 : 1;
  }
  const compiled = compile(source, options);
  if (!compiled.ok) {
    if (json) io.out(JSON.stringify({ ok: false, diagnostics: compiled.diagnostics }));
    else for (const d of compiled.diagnostics) io.err(show(args.file, d));
    return 1;
  }
  if (args.command === 'test') {
    const report = runTests(compiled.ruleSet);
    if (json) io.out(JSON.stringify(report));
    else {
      for (const r of report.results) {
        io.out(`${r.ok ? '✓' : '✗'} ${r.name}`);
        for (const f of r.failures) io.out(`    ${f}`);
        if (!r.ok)
          for (const e of r.trace ?? [])
            io.out(`      ${e.points >= 0 ? '+' : ''}${e.points.toFixed(2)}  ${e.computation}`);
      }
      io.out(`${report.passed} 通过 passed, ${report.failed} 失败 failed`);
      if (report.uncoveredRules.length > 0)
        io.out(`未被测试覆盖的规则 / rules no test covers: ${report.uncoveredRules.join(', ')}`);
    }
    return report.failed === 0 ? 0 : 1;
  }
  // score and dry-run
  const dataFile = args.flags.get('data');
  if (typeof dataFile !== 'string') {
    io.err(USAGE);
    return 2;
  }
  let dataText: string;
  try {
    dataText = io.read(dataFile);
  } catch {
    io.err(`无法读取文件 / cannot read ${dataFile}`);
    return 2;
  }
  if (args.command === 'dry-run') {
    const baselineFile = args.flags.get('baseline') ?? args.flags.get('against');
    if (typeof baselineFile !== 'string') {
      io.err(USAGE);
      return 2;
    }
    return runDryRun(
      io,
      { baselineFile, candidate: compiled.ruleSet, options, dataFile, dataText, json },
      readSubjects,
    );
  }
  let subjects: SubjectInput[];
  try {
    subjects = readSubjects(dataText, dataFile, compiled.ruleSet);
  } catch (error) {
    io.err(`${dataFile}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const results = scorePopulation(compiled.ruleSet, subjects);
  for (const r of results) {
    if (json) io.out(JSON.stringify(r));
    else
      io.out(
        `${r.subjectId}\t${r.total.toFixed(2)}\t${r.grade ?? '-'}\t${r.status}${r.quotaAdjusted ? `\t${r.quotaAdjusted.reason}` : ''}`,
      );
  }
  return 0;
}

export function readSubjects(text: string, file: string, ruleSet: CompiledRuleSet): SubjectInput[] {
  if (file.endsWith('.csv')) {
    const rows = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<
      string,
      string
    >[];
    return rows.map((row, i) => {
      const id = row.id;
      if (!id) throw new Error(`第${i + 2}行缺少 id 列 / row ${i + 2}: missing id`);
      const values: Record<string, number | boolean | string | null> = {};
      for (const f of ruleSet.catalog) {
        const raw = row[f.name];
        if (raw === undefined || raw === '') continue;
        if (f.type === 'bool') values[f.name] = raw === 'true' || raw === '1' || raw === '是';
        else if (f.type === 'category') values[f.name] = raw;
        else {
          const n = Number(raw);
          if (!Number.isFinite(n))
            throw new Error(
              `第${i + 2}行“${f.name}”列不是数值 / row ${i + 2}, column ${f.name}: not a number`,
            );
          values[f.name] = n;
        }
      }
      return {
        id,
        kind: ruleSet.subjectKind,
        category: row.category ?? row.类别 ?? '',
        ...(row.group ? { group: row.group } : {}),
        ...(row.groupGrade ? { groupGrade: row.groupGrade } : {}),
        values,
      };
    });
  }
  return text
    .split('\n')
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l !== '')
    .map(([l, line]) => {
      try {
        const s = JSON.parse(l) as SubjectInput;
        if (typeof s.id !== 'string' || typeof s.values !== 'object') throw new Error('needs id and values');
        return { ...s, kind: s.kind ?? ruleSet.subjectKind, category: s.category ?? '' };
      } catch (error) {
        throw new Error(
          `第${line}行 / line ${line}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
}
