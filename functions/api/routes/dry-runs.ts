import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { CompiledRuleSet } from '../../../dsl/index.ts';
import { dryRun } from '../../domain/dry-run/dry-run.ts';
import { provinceDryRun, type TenantPlan } from '../../domain/dry-run/province-dry-run.ts';
import { BadRequestError, NotFoundError, UnprocessableError } from '../../domain/errors.ts';
import { adminRoles } from '../../domain/roles.ts';
import { compileRuleSet, type ParentSource } from '../../domain/rule-set-lifecycle.ts';
import { cityKey, describeTenant, provinceOf, type TenantKey } from '../../domain/tenant-key.ts';
import type { AssessmentServices } from '../assessment-services.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, guard, idSchema, jsonBody, responses } from '../route-kit.ts';
import type { Services } from '../services.ts';

const periodSchema = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '2024, 2024-Q2 or 2024-03');
const dryRunBody = z
  .strictObject({
    candidate: z.union([z.literal('draft'), z.number().int().positive()]).default('draft'),
    baseline: z.number().int().positive(),
    periods: z.array(periodSchema).min(1).max(12),
    scope: z
      .strictObject({
        categories: z.array(z.string().trim().min(1).max(32)).min(1).max(20).optional(),
        unitIds: z.array(idSchema).min(1).max(5000).optional(),
      })
      .default({}),
    /** How many subject comparisons to return (grade changes first, then the largest deltas). */
    limit: z.number().int().min(1).max(10_000).default(500),
    /** A province: also replay every city that inherits this rule set, under its own rules re-based. */
    cities: z.boolean().default(false),
  })
  .openapi('DryRun');

/** Dry-run: what a draft (or a version) would have done to past periods, against a published baseline. */
export function dryRunRoutes(s: Services, a: AssessmentServices): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();

  async function draftOf(tenant: TenantKey, id: string) {
    const draft = await s.ruleSets.getDraft(tenant, id);
    if (draft === null) throw new NotFoundError({ zh: `规则集 ${id}`, en: `Rule set ${id}` });
    return draft;
  }

  async function versionSource(tenant: TenantKey, id: string, version: number): Promise<ParentSource> {
    const record = await s.ruleSets.getVersion(tenant, id, version);
    if (record === null)
      throw new NotFoundError({
        zh: `规则集 ${id} 第 ${version} 版`,
        en: `Rule set ${id} version ${version}`,
      });
    return { source: record.source, catalog: record.catalog };
  }

  /**
   * Each city's plan: its published rule set that extends `ruleSetId`, as it is (baseline) and re-based on
   * the candidate parent. A city without one, or whose rules do not compile on the candidate, is skipped
   * with the reason — a finding in itself.
   */
  async function cityPlans(
    province: string,
    ruleSetId: string,
    candidateParent: ParentSource,
  ): Promise<TenantPlan[]> {
    const plans: TenantPlan[] = [];
    for (const city of await s.directory.listCities(province)) {
      const tenant = cityKey(province, city.id);
      const drafts = (await s.ruleSets.listDrafts(tenant)).filter(
        (draft) => draft.parent?.ruleSet === ruleSetId && draft.headVersion > 0,
      );
      if (drafts.length === 0) {
        plans.push({
          kind: 'skipped',
          tenant,
          name: city.name,
          reason: {
            zh: '该市没有继承此规则集的已发布版本',
            en: 'No published rule set of this city extends it',
          },
        });
        continue;
      }
      for (const draft of drafts) {
        const head = await s.ruleSets.getVersion(tenant, draft.id, draft.headVersion);
        if (head === null) continue;
        const baseline = await a.publishedRuleSet(tenant, draft.id, draft.headVersion);
        const rebased = compileRuleSet({
          source: head.source,
          catalog: head.catalog,
          parent: candidateParent,
        });
        plans.push(
          rebased.ok
            ? {
                kind: 'ready',
                tenant,
                name: `${city.name} · ${draft.id}`,
                baseline,
                candidate: rebased.ruleSet,
              }
            : {
                kind: 'skipped',
                tenant,
                name: `${city.name} · ${draft.id}`,
                reason: {
                  zh: `该市规则在新版本上无法编译：${rebased.diagnostics[0]?.message.zh ?? ''}`,
                  en: `The city's rules do not compile on the new version: ${rebased.diagnostics[0]?.message.en ?? ''}`,
                },
              },
        );
      }
    }
    return plans;
  }

  async function draftRuleSet(tenant: TenantKey, id: string): Promise<CompiledRuleSet> {
    const draft = await draftOf(tenant, id);
    let parent: ParentSource | null = null;
    if (draft.parent !== null) {
      const province = provinceOf(tenant);
      const record =
        province === null
          ? null
          : await s.ruleSets.getVersion(province, draft.parent.ruleSet, draft.parent.version);
      if (record === null) {
        throw new NotFoundError({
          zh: `上级规则集 ${draft.parent.ruleSet}`,
          en: `Parent rule set ${draft.parent.ruleSet}`,
        });
      }
      parent = { source: record.source, catalog: record.catalog };
    }
    const compiled = compileRuleSet({
      source: draft.source,
      catalog: (await s.catalog.getSource(tenant))?.source ?? null,
      parent,
    });
    if (!compiled.ok) {
      throw new UnprocessableError(
        'draft_invalid',
        {
          zh: '草稿有错误，无法试算；请先修正诊断中的错误',
          en: 'The draft has errors; fix them before a dry-run',
        },
        { diagnostics: compiled.diagnostics },
      );
    }
    return compiled.ruleSet;
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/rulesets/{id}/dry-run',
      tags: ['rule sets'],
      summary: 'Dry-run a draft or version against a published baseline over past periods',
      security: bearer,
      middleware: guard(s.deps, ...adminRoles),
      request: { params: z.object({ id: idSchema }), body: jsonBody(dryRunBody) },
      responses: responses({ 200: 'Per-subject comparison and aggregates' }, [400, 401, 403, 404, 422]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { id } = c.req.valid('param');
      const tenant = c.var.principal.tenant;
      const candidate =
        body.candidate === 'draft'
          ? await draftRuleSet(tenant, id)
          : await a.publishedRuleSet(tenant, id, body.candidate);
      const baseline = await a.publishedRuleSet(tenant, id, body.baseline);
      if (body.cities) {
        const ref = describeTenant(tenant);
        if (ref.level !== 'province') {
          throw new BadRequestError('cities_need_province', {
            zh: '只有省级规则集可以对下属城市试算',
            en: 'Only a province rule set can be replayed over its cities',
          });
        }
        const candidateParent: ParentSource =
          body.candidate === 'draft'
            ? {
                source: (await draftOf(tenant, id)).source,
                catalog: (await s.catalog.getSource(tenant))?.source ?? null,
              }
            : await versionSource(tenant, id, body.candidate);
        const plans: TenantPlan[] = [
          { kind: 'ready', tenant, name: '本级', baseline, candidate },
          ...(await cityPlans(ref.province, id, candidateParent)),
        ];
        return c.json(await provinceDryRun(a.ports, plans, body), 200);
      }
      const report = await dryRun(a.ports, tenant, {
        baseline,
        candidate,
        periods: body.periods,
        scope: body.scope,
      });
      return c.json(
        { ...report, subjectCount: report.subjects.length, subjects: report.subjects.slice(0, body.limit) },
        200,
      );
    },
  );
  return app;
}
