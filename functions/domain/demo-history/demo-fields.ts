import type { DemoField, FieldModel } from './field-model.ts';

// Realistic monthly data for the demo province's catalog (examples/demo-province/catalog.kp and the cadre
// rule set's inline catalog). Ranges follow GLOSSARY.md's indicator library: rates cluster near their
// ceilings, incidents are rare, annual surveys arrive in December.

const up = (low: number, high: number, typical: number, concentration = 6, decimals = 1): FieldModel => ({
  kind: 'measure',
  low,
  high,
  typical,
  better: 'higher',
  concentration,
  decimals,
});
const down = (low: number, high: number, typical: number, concentration = 5, decimals = 1): FieldModel => ({
  kind: 'measure',
  low,
  high,
  typical,
  better: 'lower',
  concentration,
  decimals,
});
const unit = (field: string, model: FieldModel, extra: Partial<DemoField> = {}): DemoField => ({
  field,
  level: 'unit',
  model,
  ...extra,
});
const cadre = (field: string, model: FieldModel, extra: Partial<DemoField> = {}): DemoField => ({
  field,
  level: 'cadre',
  model,
  ...extra,
});

const window = ['窗口服务类'];
const enforcement = ['执法监管类'];
const coordination = ['综合管理类'];
const quarterEnds = [3, 6, 9, 12];
const december = [12];

export const demoUnitFields: readonly DemoField[] = [
  // 政治建设
  unit('理论学习完成率', up(80, 100, 0.85)),
  unit('重大决策部署按期落实率', up(70, 100, 0.8)),
  unit('巡察反馈问题整改完成率', up(60, 100, 0.85), { months: quarterEnds }),
  unit('政治素质民主测评优秀称职率', up(67, 100, 0.8), { months: december }),
  // 履职效能
  unit('政策落实平均办结天数', down(5, 30, 0.25, 5, 1)),
  unit('形式主义问题整改率', up(60, 100, 0.85), { months: quarterEnds }),
  unit('发文会议精简率', up(0, 40, 0.55, 4), { months: december }),
  unit('全程网办率', up(60, 98, 0.7)),
  unit('掌上可办率', up(40, 95, 0.65)),
  unit('窗口平均等待时长', down(5, 45, 0.2, 4), { categories: window }),
  unit('一次性办结率', up(70, 98, 0.82), { categories: window }),
  unit('超期办件率', down(0, 5, 0.1, 4, 2), { categories: window }),
  unit('执法记录仪使用率', up(80, 100, 0.8), { categories: enforcement }),
  unit('行政复议纠错率', down(1, 15, 0.2, 4), { categories: enforcement, months: quarterEnds }),
  unit('跨部门协作事项按期完成率', up(70, 100, 0.8), { categories: coordination }),
  unit('重大任务完成质量', up(60, 95, 0.7, 5, 0), { categories: coordination, months: december }),
  // 群众评价
  unit('12345按时办结率', up(85, 100, 0.85)),
  unit('有效回访', { kind: 'volume', monthlyMean: 40 }),
  unit('已解决回访', { kind: 'share', of: '有效回访', typical: 0.85, concentration: 8 }),
  unit('12345满意率', up(80, 100, 0.92, 6)),
  unit('好差评差评率', down(0.5, 20, 0.15, 3, 2), { categories: window }),
  unit('第三方满意度调查得分', up(60, 95, 0.8, 6, 1), { months: quarterEnds }),
  unit('重复投诉率', down(2, 20, 0.2, 4)),
  unit('测评票数', { kind: 'volume', monthlyMean: 50 }, { months: december, hidden: true }),
  unit('满意票', { kind: 'share', of: '测评票数', typical: 0.8, concentration: 8 }, { months: december }),
  unit('基本满意票', { kind: 'volume', monthlyMean: 7 }, { months: december }),
  unit('不满意票', { kind: 'count', monthlyMean: 2 }, { months: december }),
  unit(
    '暗访评价等级',
    { kind: 'verdict', grades: ['好', '较好', '一般', '差'] },
    { categories: [...window, ...enforcement], months: quarterEnds },
  ),
  // 廉洁自律
  unit('违反八项规定问题数', { kind: 'count', monthlyMean: 0.02 }),
  unit('廉政风险点防控措施落实率', up(80, 100, 0.85), { months: quarterEnds }),
  unit('吃拿卡要投诉查实件数', { kind: 'count', monthlyMean: 0.03 }),
  // Bonuses, deductions, vetoes, tolerance
  unit('创新案例数', { kind: 'volume', monthlyMean: 0.08 }, { months: december }),
  unit('国家级表彰数', { kind: 'volume', monthlyMean: 0.01 }, { months: december }),
  unit('省级表彰数', { kind: 'volume', monthlyMean: 0.1 }, { months: december }),
  unit('未及时回应投诉数', { kind: 'count', monthlyMean: 0.12 }),
  unit('暗访发现问题数', { kind: 'count', monthlyMean: 0.15 }, { months: quarterEnds }),
  unit('通报批评次数', { kind: 'count', monthlyMean: 0.03 }),
  unit('差评超期未整改数', { kind: 'count', monthlyMean: 0.05 }, { categories: window }),
  unit('重大作风问题', { kind: 'incident', monthlyProbability: 0.001 }),
  unit('数据造假查实', { kind: 'incident', monthlyProbability: 0.0005 }),
  unit('班子成员受诫勉数', { kind: 'count', monthlyMean: 0.0012 }),
  unit('上游系统故障', { kind: 'force-majeure' }),
  unit('改革容错认定', { kind: 'incident', monthlyProbability: 0.001 }),
];

export const demoCadreFields: readonly DemoField[] = [
  cadre('个人理论学习完成率', up(75, 100, 0.85)),
  cadre('政治素质测评得分', up(60, 100, 0.85, 6, 0), { months: december }),
  cadre('承办事项按期办结率', up(70, 100, 0.85)),
  cadre('担当作为评价', { kind: 'verdict', grades: ['好', '较好', '一般', '差'] }, { months: december }),
  cadre('服务对象满意率', up(80, 100, 0.92)),
  cadre('个人投诉查实件数', { kind: 'count', monthlyMean: 0.01 }),
  cadre('廉洁测评得分', up(60, 100, 0.9, 6, 0), { months: december }),
  cadre('个人未及时回应投诉数', { kind: 'count', monthlyMean: 0.03 }),
  cadre('暗访个人问题数', { kind: 'count', monthlyMean: 0.02 }, { months: quarterEnds }),
  cadre('受诫勉', { kind: 'incident', monthlyProbability: 0.0008 }),
  cadre('受记过处分', { kind: 'incident', monthlyProbability: 0.0002 }),
  cadre('立案审查中', { kind: 'incident', monthlyProbability: 0.0001 }),
];

/** The demo's force-majeure events: a summer flood and an upstream 12345 system outage. */
export const demoForceMajeure = [
  { start: '2023-07', months: 2, share: 0.12 },
  { start: '2024-11', months: 1, share: 0.3 },
  { start: '2025-06', months: 1, share: 0.08 },
] as const;
