import type { RunRecord, StoredResult } from '../../domain/scoring/run-model.ts';

/**
 * A run's results as a workbook people open in Excel or WPS: 汇总 (one row a subject), 指标明细 (each
 * indicator's score) and 得分说明 (every point given or taken, with its sentence).
 */
export async function resultsWorkbook(
  run: RunRecord,
  results: readonly StoredResult[],
  names: ReadonlyMap<string, string>,
): Promise<Buffer> {
  // Loaded on first use: the XLSX library is a third of the API bundle and most requests never need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kaoping 考评';
  const dimensions = [...new Set(results.flatMap((result) => Object.keys(result.dimensions)))];
  const indicators = [...new Set(results.flatMap((result) => Object.keys(result.indicatorScores ?? {})))];
  const ordered = [...results].sort((a, b) => b.total - a.total || (a.subjectId < b.subjectId ? -1 : 1));

  const summary = workbook.addWorksheet('汇总');
  summary.columns = [
    { header: '编码', key: 'id', width: 14 },
    { header: '名称', key: 'name', width: 24 },
    { header: '类别', key: 'category', width: 12 },
    { header: '总分', key: 'total', width: 9 },
    { header: '等次', key: 'grade', width: 9 },
    { header: '排名', key: 'rank', width: 7 },
    { header: '状态', key: 'status', width: 12 },
    ...dimensions.map((name) => ({ header: name, key: `d:${name}`, width: 10 })),
    { header: '一票否决', key: 'vetoes', width: 24 },
    { header: '容错', key: 'tolerances', width: 24 },
  ];
  for (const result of ordered) {
    summary.addRow({
      id: result.subjectId,
      name: names.get(result.subjectId) ?? result.subjectId,
      category: result.category,
      total: result.total,
      grade: result.grade ?? '不定等次',
      rank: result.rank ?? null,
      status: { scored: '已评分', needs_review: '待复核', no_grade: '不定等次' }[result.status],
      ...Object.fromEntries(dimensions.map((name) => [`d:${name}`, result.dimensions[name] ?? null])),
      vetoes: result.vetoes.map((veto) => veto.reason).join('；'),
      tolerances: result.tolerances.map((tolerance) => tolerance.reason).join('；'),
    });
  }

  const detail = workbook.addWorksheet('指标明细');
  detail.columns = [
    { header: '编码', key: 'id', width: 14 },
    { header: '名称', key: 'name', width: 24 },
    ...indicators.map((name) => ({ header: name, key: `i:${name}`, width: 12 })),
  ];
  for (const result of ordered) {
    detail.addRow({
      id: result.subjectId,
      name: names.get(result.subjectId) ?? result.subjectId,
      ...Object.fromEntries(indicators.map((name) => [`i:${name}`, result.indicatorScores?.[name] ?? null])),
    });
  }

  const explanations = workbook.addWorksheet('得分说明');
  explanations.columns = [
    { header: '编码', key: 'id', width: 14 },
    { header: '名称', key: 'name', width: 24 },
    { header: '规则', key: 'rule', width: 18 },
    { header: '维度', key: 'dimension', width: 10 },
    { header: '分值', key: 'points', width: 9 },
    { header: '说明', key: 'sentence', width: 60 },
    { header: '计算过程', key: 'computation', width: 60 },
  ];
  for (const result of ordered) {
    for (const entry of result.trace) {
      explanations.addRow({
        id: result.subjectId,
        name: names.get(result.subjectId) ?? result.subjectId,
        rule: entry.ruleId,
        dimension: entry.dimension ?? '',
        points: entry.points,
        sentence: entry.sentence.zh,
        computation: entry.computation,
      });
    }
  }
  for (const sheet of [summary, detail, explanations]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  summary.addRow([]);
  summary.addRow([
    `规则集 ${run.request.ruleSetId} 第 ${run.request.version} 版；期间 ${run.request.period}；结果摘要 ${run.resultDigest ?? ''}`,
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
