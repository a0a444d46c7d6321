import { randomBytes } from 'node:crypto';
import type { CompiledRuleSet } from '../../dsl/index.ts';
import { NotFoundError, UnprocessableError } from '../domain/errors.ts';
import { compileRuleSet, type ParentSource } from '../domain/rule-set-lifecycle.ts';
import { dslScoring } from '../domain/scoring/dsl-scoring.ts';
import { historyLookups } from '../domain/scoring/history-lookups.ts';
import type { RunScope } from '../domain/scoring/run-model.ts';
import type { RunPorts } from '../domain/scoring/run-ports.ts';
import { executeRun } from '../domain/scoring/scoring-run.ts';
import type { RunSubject } from '../domain/scoring/subject-inputs.ts';
import { provinceOf, type TenantKey } from '../domain/tenant-key.ts';
import { observationRepository } from '../store/observation-repository.ts';
import type { RuleSetRepository } from '../store/rule-set-repository.ts';
import { runRepository } from '../store/run-repository.ts';
import type { TenantTables } from '../store/tenant-tables.ts';
import type { UnitRepository } from '../store/unit-repository.ts';
import type { Services } from './services.ts';

/** Starts the work of a run: in-process locally; through the scoring queue in AWS. */
export interface RunDispatcher {
  /** Resolves once the run is handed over (not when it finishes). */
  dispatch(tenant: TenantKey, runId: string): Promise<void>;
}

/** What the assessment services read besides their own repositories. */
export interface AssessmentDeps {
  readonly tables: TenantTables;
  readonly now: () => Date;
  readonly units: Pick<UnitRepository, 'allUnits' | 'allCadres'>;
  readonly ruleSets: Pick<RuleSetRepository, 'getVersion'>;
}

/** The assessment deps of the API's shared services. */
export function assessmentDepsOf(s: Services): AssessmentDeps {
  return { tables: s.deps.tables, now: s.now, units: s.units, ruleSets: s.ruleSets };
}

/**
 * What the assessment routes (observations, runs, results, dry-runs) share: the repositories and the
 * run ports wired to the tenant's units, cadres, observations and published rule-set versions.
 */
export function createAssessmentServices(d: AssessmentDeps, dispatcher?: RunDispatcher) {
  const tables = d.tables;
  const observations = observationRepository(tables, d.now);
  const runs = runRepository(tables, d.now);

  /** Display names of every unit and cadre of a tenant, for result lists and exports. */
  async function subjectNames(tenant: TenantKey): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const unit of await d.units.allUnits(tenant)) names.set(unit.id, unit.name);
    for (const cadre of await d.units.allCadres(tenant)) names.set(cadre.id, cadre.name);
    return names;
  }

  async function subjects(tenant: TenantKey, kind: 'unit' | 'cadre', scope: RunScope): Promise<RunSubject[]> {
    const units = (await d.units.allUnits(tenant)).filter(
      (unit) =>
        (scope.categories === undefined || scope.categories.includes(unit.category)) &&
        (scope.unitIds === undefined || scope.unitIds.includes(unit.id)),
    );
    if (kind === 'unit') return units.map((unit) => ({ id: unit.id, kind, category: unit.category }));
    const categoryOf = new Map(units.map((unit) => [unit.id, unit.category]));
    return (await d.units.allCadres(tenant)).flatMap((cadre) => {
      const category = categoryOf.get(cadre.unitId);
      return category === undefined ? [] : [{ id: cadre.id, kind, category, unitId: cadre.unitId }];
    });
  }

  /** A published version compiled with the catalog it was published with (and its pinned parent). */
  async function publishedRuleSet(
    tenant: TenantKey,
    ruleSetId: string,
    version: number,
  ): Promise<CompiledRuleSet> {
    const record = await d.ruleSets.getVersion(tenant, ruleSetId, version);
    if (record === null) {
      throw new NotFoundError({
        zh: `规则集 ${ruleSetId} 第 ${version} 版`,
        en: `Rule set ${ruleSetId} version ${version}`,
      });
    }
    let parent: ParentSource | null = null;
    if (record.parent !== null) {
      const province = provinceOf(tenant);
      const parentRecord =
        province === null
          ? null
          : await d.ruleSets.getVersion(province, record.parent.ruleSet, record.parent.version);
      if (parentRecord === null) {
        throw new NotFoundError({
          zh: `上级规则集 ${record.parent.ruleSet}`,
          en: `Parent rule set ${record.parent.ruleSet}`,
        });
      }
      parent = { source: parentRecord.source, catalog: parentRecord.catalog };
    }
    const compiled = compileRuleSet({ source: record.source, catalog: record.catalog, parent });
    if (!compiled.ok) {
      throw new UnprocessableError(
        'version_invalid',
        { zh: '该版本无法编译', en: 'This version does not compile' },
        { diagnostics: compiled.diagnostics },
      );
    }
    return compiled.ruleSet;
  }

  const ports: RunPorts = {
    ...dslScoring,
    store: runs,
    subjects,
    observations: async (tenant, month) =>
      (await observations.readPeriod(tenant, month)).map(({ subjectId, values }) => ({ subjectId, values })),
    ruleSet: publishedRuleSet,
    ...historyLookups(runs),
    now: d.now,
    newRunId: () =>
      `${d
        .now()
        .toISOString()
        .replace(/[-:.TZ]/g, '')
        .slice(0, 14)}-${randomBytes(3).toString('hex')}`,
  };

  const inProcess: RunDispatcher = {
    async dispatch(tenant, runId) {
      // The run records its own failure; nothing awaits its completion.
      executeRun(ports, tenant, runId).catch(() => undefined);
    },
  };

  return {
    observations,
    runs,
    ports,
    publishedRuleSet,
    subjects,
    subjectNames,
    dispatcher: dispatcher ?? inProcess,
  };
}

export type AssessmentServices = ReturnType<typeof createAssessmentServices>;
