import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { NotFoundError } from '../../domain/errors.ts';
import { adminRoles, tenantRoles } from '../../domain/roles.ts';
import { monthlyScores } from '../../domain/scoring/monthly-scores.ts';
import { createRun } from '../../domain/scoring/scoring-run.ts';
import type { TenantKey } from '../../domain/tenant-key.ts';
import type { AssessmentServices } from '../assessment-services.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, cityQuerySchema, guard, idSchema, jsonBody, responses } from '../route-kit.ts';
import type { Services } from '../services.ts';
import { resultsWorkbook } from './results-workbook.ts';

const scopeSchema = z
  .strictObject({
    categories: z.array(z.string().trim().min(1).max(32)).min(1).max(20).optional(),
    unitIds: z.array(idSchema).min(1).max(5000).optional(),
  })
  .default({});
const runBody = z
  .strictObject({
    ruleSet: idSchema,
    version: z.number().int().positive(),
    period: z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '2024, 2024-Q2 or 2024-03'),
    scope: scopeSchema,
  })
  .openapi('StartRun');
const runParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });
const resultParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/), subject: idSchema });
const cityQuery = z.strictObject({ city: cityQuerySchema });
const listQuery = z.strictObject({
  city: cityQuerySchema,
  unit: idSchema.optional().openapi({ description: 'a unit, or the unit of cadres' }),
  category: z.string().max(32).optional(),
  grade: z.string().max(16).optional(),
  q: z.string().max(64).optional().openapi({ description: 'part of the subject’s id or name' }),
  sort: z.string().max(32).default('total').openapi({ description: '`total`, `rank` or a dimension name' }),
  order: z.enum(['asc', 'desc']).default('desc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const runNotFound = (id: string): NotFoundError =>
  new NotFoundError({ zh: `考核批次 ${id}`, en: `Run ${id}` });

/** Scoring runs: start, progress, results with filters and sort, one result's trace, XLSX export, profiles. */
export function runRoutes(s: Services, a: AssessmentServices): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const readers = guard(s.deps, ...tenantRoles);
  const starters = guard(s.deps, ...adminRoles);
  const target = (c: Context<AuthEnv>, city: string | undefined): Promise<TenantKey> =>
    s.readTarget(c.var.principal, city);

  async function finishedRun(tenant: TenantKey, id: string) {
    const run = await a.runs.getRun(tenant, id);
    if (run === null) throw runNotFound(id);
    return run;
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/runs',
      tags: ['runs'],
      summary: 'Start a scoring run of a published rule-set version for a period and scope',
      security: bearer,
      middleware: starters,
      request: { body: jsonBody(runBody) },
      responses: responses({ 202: 'Accepted: the run is being prepared' }, [400, 401, 403, 404, 422]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      const run = await createRun(a.ports, tenant, c.var.principal.userId, {
        ruleSetId: body.ruleSet,
        version: body.version,
        period: body.period,
        scope: body.scope,
      });
      await a.dispatcher.dispatch(tenant, run.runId);
      return c.json(run, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/runs',
      tags: ['runs'],
      summary: 'The tenant’s runs, newest first',
      security: bearer,
      middleware: readers,
      request: { query: cityQuery },
      responses: responses({ 200: 'Runs' }),
    }),
    async (c) => c.json({ items: await a.runs.listRuns(await target(c, c.req.valid('query').city)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/runs/{id}',
      tags: ['runs'],
      summary: 'A run’s status and progress (done / total)',
      security: bearer,
      middleware: readers,
      request: { params: runParam, query: cityQuery },
      responses: responses({ 200: 'The run' }),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      return c.json(await finishedRun(tenant, c.req.valid('param').id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/runs/{id}/results',
      tags: ['runs'],
      summary: 'A run’s results, filtered by unit, category, grade or name, sorted by total or a dimension',
      security: bearer,
      middleware: readers,
      request: { params: runParam, query: listQuery },
      responses: responses({ 200: 'A page of results (without traces)' }),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const tenant = await target(c, query.city);
      await finishedRun(tenant, c.req.valid('param').id);
      const names = await a.subjectNames(tenant);
      const all = (await a.runs.loadResults(tenant, c.req.valid('param').id)).map(
        ({ trace: _trace, ...rest }) => ({
          ...rest,
          name: names.get(rest.subjectId) ?? rest.subjectId,
        }),
      );
      const needle = query.q?.toLowerCase();
      const filtered = all.filter(
        (r) =>
          (query.unit === undefined || r.subjectId === query.unit || r.unitId === query.unit) &&
          (query.category === undefined || r.category === query.category) &&
          (query.grade === undefined || (r.grade ?? '不定等次') === query.grade) &&
          (needle === undefined ||
            r.subjectId.toLowerCase().includes(needle) ||
            r.name.toLowerCase().includes(needle)),
      );
      const key = (r: (typeof filtered)[number]): number =>
        query.sort === 'total'
          ? r.total
          : query.sort === 'rank'
            ? -(r.rank ?? Number.MAX_SAFE_INTEGER)
            : (r.dimensions[query.sort] ?? Number.NEGATIVE_INFINITY);
      const direction = query.order === 'desc' ? -1 : 1;
      filtered.sort((x, y) => direction * (key(x) - key(y)) || (x.subjectId < y.subjectId ? -1 : 1));
      return c.json(
        {
          total: filtered.length,
          offset: query.offset,
          items: filtered.slice(query.offset, query.offset + query.limit),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/runs/{id}/results/{subject}',
      tags: ['runs'],
      summary: 'One subject’s result with its full explanation trace',
      security: bearer,
      middleware: readers,
      request: { params: resultParam, query: cityQuery },
      responses: responses({ 200: 'The result and its trace' }),
    }),
    async (c) => {
      const { id, subject } = c.req.valid('param');
      const tenant = await target(c, c.req.valid('query').city);
      const result = await a.runs.getResult(tenant, id, subject);
      if (result === null)
        throw new NotFoundError({ zh: `考核结果 ${subject}`, en: `Result for ${subject}` });
      const names = await a.subjectNames(tenant);
      return c.json({ ...result, name: names.get(subject) ?? subject }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/runs/{id}/export.xlsx',
      tags: ['runs'],
      summary: 'A run’s results as a workbook: summary, per-indicator detail, explanations',
      security: bearer,
      middleware: readers,
      request: { params: runParam, query: cityQuery },
      responses: responses({ 200: 'XLSX workbook' }),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      const run = await finishedRun(tenant, c.req.valid('param').id);
      const results = await a.runs.loadResultsWithTraces(tenant, run.runId);
      const buffer = await resultsWorkbook(run, results, await a.subjectNames(tenant));
      return c.body(new Uint8Array(buffer), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="kaoping-${run.request.period}-${run.runId}.xlsx"`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/subjects/{subject}/profile',
      tags: ['runs'],
      summary: 'A subject’s four dimension scores over time, from finished runs (作风画像)',
      security: bearer,
      middleware: readers,
      request: { params: z.object({ subject: idSchema }), query: cityQuery },
      responses: responses({ 200: 'Periods in order, each with total, grade and dimension scores' }),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      const subject = c.req.valid('param').subject;
      return c.json({ subjectId: subject, periods: await a.runs.profile(tenant, subject) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/heatmap',
      tags: ['runs'],
      summary: 'Each unit’s total and dimension scores month by month under a published version (heat map)',
      security: bearer,
      middleware: readers,
      request: {
        query: z.strictObject({
          city: cityQuerySchema,
          ruleSet: idSchema,
          version: z.coerce.number().int().positive(),
          year: z.coerce.number().int().min(2000).max(2100),
          category: z.string().max(32).optional(),
        }),
      },
      responses: responses({ 200: 'Months and one row per subject' }),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const tenant = await target(c, query.city);
      const ruleSet = await a.publishedRuleSet(tenant, query.ruleSet, query.version);
      const scope = query.category === undefined ? {} : { categories: [query.category] };
      const matrix = await monthlyScores(a.ports, tenant, ruleSet, query.year, scope);
      const names = await a.subjectNames(tenant);
      return c.json(
        {
          months: matrix.months,
          dimensions: ruleSet.dimensions.map((dimension) => dimension.name),
          rows: matrix.rows.map((row) => ({ ...row, name: names.get(row.subjectId) ?? row.subjectId })),
        },
        200,
      );
    },
  );

  return app;
}
