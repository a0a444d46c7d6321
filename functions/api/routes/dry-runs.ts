import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { CompiledRuleSet } from '../../../dsl/index.ts';
import { dryRun } from '../../domain/dry-run/dry-run.ts';
import { NotFoundError, UnprocessableError } from '../../domain/errors.ts';
import { adminRoles } from '../../domain/roles.ts';
import { compileRuleSet, type ParentSource } from '../../domain/rule-set-lifecycle.ts';
import { provinceOf, type TenantKey } from '../../domain/tenant-key.ts';
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
  })
  .openapi('DryRun');

/** Dry-run: what a draft (or a version) would have done to past periods, against a published baseline. */
export function dryRunRoutes(s: Services, a: AssessmentServices): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();

  async function draftRuleSet(tenant: TenantKey, id: string): Promise<CompiledRuleSet> {
    const draft = await s.ruleSets.getDraft(tenant, id);
    if (draft === null) throw new NotFoundError({ zh: `规则集 ${id}`, en: `Rule set ${id}` });
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
