import type { SubjectInput } from '../../dsl/index.ts';

// A hand-written TypeScript scorer for examples/demo-province/units-2025.kp, the baseline of
// `dsl_eval_vs_handwritten`: what an engineer would write without the rules language (doubles, Math.round).
type V = Readonly<Record<string, unknown>>;
const W = 1; // 窗口服务类
const E = 2; // 执法监管类
const C = 4; // 综合管理类
const ALL = W | E | C;
const CATEGORY: Readonly<Record<string, number>> = { 窗口服务类: W, 执法监管类: E, 综合管理类: C };
const DIM_WEIGHT = [30, 30, 25, 15];
interface Lin {
  f: string;
  d: number;
  w: number;
  cats: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  zero?: boolean;
}
const LINEAR: Lin[] = [
  { f: '理论学习完成率', d: 0, w: 1, cats: ALL, x0: 80, y0: 0, x1: 100, y1: 100, zero: true },
  { f: '重大决策部署按期落实率', d: 0, w: 2, cats: ALL, x0: 70, y0: 0, x1: 100, y1: 100, zero: true },
  { f: '巡察反馈问题整改完成率', d: 0, w: 1, cats: ALL, x0: 60, y0: 0, x1: 100, y1: 100 },
  { f: '政治素质民主测评优秀称职率', d: 0, w: 1, cats: ALL, x0: 67, y0: 0, x1: 100, y1: 100 },
  { f: '政策落实平均办结天数', d: 1, w: 1, cats: ALL, x0: 5, y0: 100, x1: 30, y1: 0 },
  { f: '形式主义问题整改率', d: 1, w: 1, cats: ALL, x0: 60, y0: 0, x1: 100, y1: 100 },
  { f: '发文会议精简率', d: 1, w: 2, cats: ALL, x0: 0, y0: 0, x1: 40, y1: 100 },
  { f: '全程网办率', d: 1, w: 1, cats: ALL, x0: 60, y0: 0, x1: 95, y1: 100 },
  { f: '掌上可办率', d: 1, w: 1, cats: W, x0: 50, y0: 0, x1: 90, y1: 100 },
  { f: '窗口平均等待时长', d: 1, w: 1, cats: W, x0: 10, y0: 100, x1: 45, y1: 0 },
  { f: '一次性办结率', d: 1, w: 1, cats: W, x0: 70, y0: 0, x1: 98, y1: 100 },
  { f: '执法记录仪使用率', d: 1, w: 1, cats: E, x0: 80, y0: 0, x1: 100, y1: 100 },
  { f: '行政复议纠错率', d: 1, w: 1, cats: E, x0: 2, y0: 100, x1: 15, y1: 0 },
  { f: '跨部门协作事项按期完成率', d: 1, w: 1, cats: C, x0: 70, y0: 0, x1: 100, y1: 100 },
  { f: '重大任务完成质量', d: 1, w: 1, cats: C, x0: 60, y0: 0, x1: 95, y1: 100 },
  { f: '12345按时办结率', d: 2, w: 1, cats: ALL, x0: 85, y0: 0, x1: 100, y1: 100 },
  { f: '12345实际解决率', d: 2, w: 1, cats: ALL, x0: 60, y0: 0, x1: 95, y1: 100 },
  { f: '12345满意率', d: 2, w: 1, cats: ALL, x0: 80, y0: 0, x1: 100, y1: 100 },
  { f: '好差评差评率', d: 2, w: 1, cats: W, x0: 0, y0: 100, x1: 20, y1: 0 },
  { f: '第三方满意度调查得分', d: 2, w: 2, cats: ALL, x0: 60, y0: 0, x1: 95, y1: 100 },
  { f: '重复投诉率', d: 2, w: 1, cats: ALL, x0: 2, y0: 100, x1: 20, y1: 0 },
  { f: '廉政风险点防控措施落实率', d: 3, w: 1, cats: ALL, x0: 80, y0: 0, x1: 100, y1: 100 },
  { f: '吃拿卡要投诉查实件数', d: 3, w: 1, cats: ALL, x0: 0, y0: 100, x1: 3, y1: 0, zero: true },
];
const num = (v: V, f: string): number => {
  const x = v[f];
  return typeof x === 'number' && Number.isFinite(x) ? x : Number.NaN;
};
const bool = (v: V, f: string): boolean | null => {
  const x = v[f];
  return typeof x === 'boolean' ? x : null;
};
const GRADES = ['优秀', '良好', '一般', '较差'];

/** total in cents and grade index (−1: no grade), as units-2025.kp defines them */
export function handwritten2025(s: SubjectInput): { totalCents: number; grade: number } {
  const v = s.values;
  const cat = CATEGORY[s.category] ?? 0;
  const outage = bool(v, '上游系统故障') === true;
  const reform = bool(v, '改革容错认定') === true;
  const scores: number[] = [];
  const dims: number[] = [];
  const weights: number[] = [];
  const dimW = [0, 0, 0, 0];
  const push = (d: number, w: number, s0: number) => {
    scores.push(s0);
    dims.push(d);
    weights.push(w);
    dimW[d] = (dimW[d] ?? 0) + w;
  };
  for (const l of LINEAR) {
    if ((l.cats & cat) === 0) continue;
    if (outage && (l.f === '12345按时办结率' || l.f === '12345实际解决率')) continue;
    const x = num(v, l.f);
    if (Number.isNaN(x)) {
      if (l.zero) push(l.d, l.w, 0);
      continue;
    }
    const y =
      x <= Math.min(l.x0, l.x1)
        ? l.x0 < l.x1
          ? l.y0
          : l.y1
        : x >= Math.max(l.x0, l.x1)
          ? l.x0 < l.x1
            ? l.y1
            : l.y0
          : l.y0 + ((x - l.x0) * (l.y1 - l.y0)) / (l.x1 - l.x0);
    push(l.d, l.w, y);
  }
  if (cat & W) {
    const x = num(v, '超期办件率');
    if (!Number.isNaN(x)) push(1, 1, x <= 0.5 ? 100 : x <= 1 ? 90 : x <= 2 ? 75 : x <= 5 ? 50 : 0);
  }
  const a = num(v, '满意票');
  const b = num(v, '基本满意票');
  const c = num(v, '不满意票');
  if (!Number.isNaN(a + b + c) && a + b + c !== 0)
    push(2, 1, Math.max(0, Math.min(100, (a * 100 + b * 70 + c * 30) / (a + b + c))));
  if (cat & (W | E)) {
    const g = v.暗访评价等级;
    if (typeof g === 'string') push(2, 1, g === '好' ? 100 : g === '较好' ? 85 : g === '一般' ? 60 : 30);
  }
  const eight = num(v, '违反八项规定问题数');
  push(3, 1, Number.isNaN(eight) ? 0 : eight <= 0 ? 100 : eight <= 1 ? 40 : 0);
  let active = 0;
  for (let d = 0; d < 4; d++) if ((dimW[d] ?? 0) > 0) active += DIM_WEIGHT[d] ?? 0;
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const d = dims[i] as number;
    total +=
      (60 *
        ((DIM_WEIGHT[d] as number) / active) *
        ((weights[i] as number) / (dimW[d] as number)) *
        (scores[i] as number)) /
      100;
  }
  const each = (f: string, per: number, amount: number, cap: number) => {
    const x = num(v, f);
    return Number.isNaN(x) ? 0 : Math.min(cap, Math.floor(x / per) * amount);
  };
  let bonus = each('创新案例数', 1, 1, 3) + each('国家级表彰数', 1, 3, 6) + each('省级表彰数', 1, 2, 4);
  if (s.previous?.grade === '一般' && num(v, '12345满意率') >= 95) bonus += 2;
  let deduction = each('未及时回应投诉数', 3, 5, 10) + each('差评超期未整改数', 1, 0.5, 3);
  if (!reform) deduction += each('暗访发现问题数', 1, 1, 5) + each('通报批评次数', 1, 2, 6);
  total += Math.min(bonus, 20) - Math.min(deduction, 20);
  const totalCents = Math.round(total * 100);
  let grade = totalCents >= 4800 ? 0 : totalCents >= 4400 ? 1 : totalCents >= 3600 ? 2 : 3;
  if (bool(v, '数据造假查实') === true) return { totalCents, grade: -1 };
  if (bool(v, '重大作风问题') === true) grade = 3;
  if (num(v, '班子成员受诫勉数') >= 1) grade = Math.max(grade, 1);
  return { totalCents, grade };
}
export const HANDWRITTEN_GRADES = GRADES;
