import type { Model } from './model.ts';
import type { SubjectInput, SubjectResult } from './types.ts';

/** Deterministic order inside a group: total descending, then dimensions in declared order, then subject id. */
export function rankOrder(model: Model): (a: SubjectResult, b: SubjectResult) => number {
  return (a, b) => {
    if (a.total !== b.total) return b.total - a.total;
    for (const d of model.dimensions) {
      const x = a.dimensions[d.name] ?? 0;
      const y = b.dimensions[d.name] ?? 0;
      if (x !== y) return y - x;
    }
    return a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0;
  };
}

/**
 * The population phase: ranks each quota group and applies quotas grade by grade, best first. A subject over
 * a grade's quota moves down one grade (and may then meet the next grade's quota). The allowed count is
 * floor(share × group size), computed exactly in hundredths of a percent.
 */
export function applyQuotas(
  model: Model,
  subjects: readonly SubjectInput[],
  results: SubjectResult[],
): SubjectResult[] {
  const groups = new Map<string, number[]>();
  subjects.forEach((s, i) => {
    const key = s.group ?? '';
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  const order = rankOrder(model);
  const out = [...results];
  for (const [, members] of groups) {
    const sorted = [...members].sort((i, j) => order(out[i] as SubjectResult, out[j] as SubjectResult));
    sorted.forEach((idx, rank) => {
      out[idx] = { ...(out[idx] as SubjectResult), rank: rank + 1 };
    });
    const groupGrade = subjects[members[0] ?? 0]?.groupGrade;
    // best grade first, so a subject moved down can still meet the next grade's quota
    const ordered = [...model.quotas].sort(
      (a, b) =>
        model.grades.findIndex((g) => g.name === a.grade) - model.grades.findIndex((g) => g.name === b.grade),
    );
    for (const quota of ordered) {
      const row =
        quota.byGroup.find((r) => r.grade === groupGrade) ?? quota.byGroup.find((r) => r.grade === undefined);
      const share = quota.byGroup.length > 0 ? row?.share : quota.share;
      if (share === undefined) continue;
      const gradeIndex = model.grades.findIndex((g) => g.name === quota.grade);
      const next = model.grades[gradeIndex + 1];
      // floor(n × share / 100) with share an exact rational
      const allowed = Number((BigInt(members.length) * share.n) / (share.d * 100n));
      let kept = 0;
      for (const idx of sorted) {
        const r = out[idx] as SubjectResult;
        if (r.grade !== quota.grade) continue;
        if (kept < allowed || next === undefined) {
          kept++;
          continue;
        }
        const pct = Number(share.n) / Number(share.d);
        out[idx] = {
          ...r,
          grade: next.name,
          quotaAdjusted: {
            from: quota.grade,
            to: next.name,
            reason: `${quota.grade}名额为${pct}%(本组${members.length}人,限${allowed}名),按排名顺延为${next.name}`,
          },
        };
      }
    }
  }
  return out;
}
