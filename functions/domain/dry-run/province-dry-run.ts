import type { CompiledRuleSet, DryRunSummary, SubjectComparison } from '../../../dsl/index.ts';
import type { RunScope } from '../scoring/run-model.ts';
import type { TenantKey } from '../tenant-key.ts';
import { type DryRunPorts, dryRun } from './dry-run.ts';

/** One tenant to replay: the province itself, or a city under the rule set it inherits. */
export type TenantPlan =
  | {
      readonly kind: 'ready';
      readonly tenant: TenantKey;
      readonly name: string;
      readonly baseline: CompiledRuleSet;
      readonly candidate: CompiledRuleSet;
    }
  /** A city that cannot be replayed (no published rule set on this parent, or its rules no longer compile). */
  | {
      readonly kind: 'skipped';
      readonly tenant: TenantKey;
      readonly name: string;
      readonly reason: { zh: string; en: string };
    };

export interface TenantDryRun {
  readonly tenant: TenantKey;
  readonly name: string;
  readonly status: 'done' | 'skipped';
  readonly reason?: { zh: string; en: string };
  readonly summary?: DryRunSummary;
  readonly subjects?: readonly SubjectComparison[];
}

/**
 * A province's new rule-set version replayed over every tenant that would feel it: the province's own
 * units under the candidate, and each city under its own rules re-based on the candidate. Tenants are
 * replayed one after another so memory holds one tenant's data at a time.
 */
export async function provinceDryRun(
  ports: DryRunPorts,
  plans: readonly TenantPlan[],
  request: { readonly periods: readonly string[]; readonly scope: RunScope; readonly limit: number },
): Promise<{ readonly tenants: readonly TenantDryRun[] }> {
  const tenants: TenantDryRun[] = [];
  for (const plan of plans) {
    if (plan.kind === 'skipped') {
      tenants.push({ tenant: plan.tenant, name: plan.name, status: 'skipped', reason: plan.reason });
      continue;
    }
    const report = await dryRun(ports, plan.tenant, {
      baseline: plan.baseline,
      candidate: plan.candidate,
      periods: request.periods,
      scope: request.scope,
    });
    tenants.push({
      tenant: plan.tenant,
      name: plan.name,
      status: 'done',
      summary: report.summary,
      subjects: report.subjects.slice(0, request.limit),
    });
  }
  return { tenants };
}
