import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { BadRequestError } from '../../domain/errors.ts';
import type { ImportField } from '../../domain/observations/import-columns.ts';
import { importObservations } from '../../domain/observations/import-observations.ts';
import { jsonPathOf, tableFromJsonRows } from '../../domain/observations/json-rows.ts';
import { adminRoles, tenantRoles } from '../../domain/roles.ts';
import { provinceOf, type TenantKey } from '../../domain/tenant-key.ts';
import type { AssessmentServices } from '../assessment-services.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, cityQuerySchema, guard, idSchema, jsonBody, responses } from '../route-kit.ts';
import type { Services } from '../services.ts';

const uploadQuery = z.strictObject({
  batchKey: z.string().regex(/^[\w.:-]{1,128}$/, 'letters, digits and . _ : - (max 128)'),
  source: z.string().trim().min(1).max(64).openapi({ description: 'the source system, e.g. 12345热线' }),
  format: z.enum(['csv', 'xlsx']).optional().openapi({ description: 'defaults from Content-Type' }),
  partial: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: 'store the valid rows even when others have errors' }),
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
const readQuery = z.strictObject({
  city: cityQuerySchema,
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  subject: idSchema.optional(),
});
const cityQuery = z.strictObject({ city: cityQuerySchema });
const batchBody = z
  .strictObject({
    batchKey: z.string().regex(/^[\w.:-]{1,128}$/, 'letters, digits and . _ : - (max 128)'),
    source: z.string().trim().min(1).max(64),
    partial: z.boolean().default(false),
    rows: z
      .array(
        z.strictObject({
          subject: idSchema,
          period: z.string().max(16),
          values: z.record(
            z.string().min(1).max(64),
            z.union([z.number(), z.boolean(), z.string().max(256), z.null()]),
          ),
        }),
      )
      .min(1)
      .max(5000),
  })
  .openapi('ObservationBatch');
type NodeWebStream = import('node:stream/web').ReadableStream<Uint8Array>;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Observations: streaming CSV/XLSX upload with row-level errors, import batches, a month's values. */
export function observationRoutes(s: Services, a: AssessmentServices): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const readers = guard(s.deps, ...tenantRoles);
  const importers = guard(s.deps, ...adminRoles);
  const target = (c: Context<AuthEnv>, city: string | undefined): Promise<TenantKey> =>
    s.readTarget(c.var.principal, city);

  /** The fields an upload may carry: the tenant's catalog and, for a city, its province's. */
  async function importFields(tenant: TenantKey): Promise<ImportField[]> {
    const province = provinceOf(tenant);
    const records = [
      ...(province === null ? [] : await s.catalog.list(province)),
      ...(await s.catalog.list(tenant)),
    ];
    const byName = new Map<string, ImportField>();
    for (const { field } of records) {
      byName.set(field.name, {
        name: field.name,
        type: field.type,
        ...(field.min === undefined ? {} : { min: field.min }),
        ...(field.max === undefined ? {} : { max: field.max }),
      });
    }
    return [...byName.values()];
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/observations/upload',
      tags: ['observations'],
      summary:
        'Upload observations as CSV or XLSX (streamed); bad rows reject the file whole unless partial=true',
      description:
        'Header row: 对象编码 (or subject), 期间 (or period, YYYY-MM), then one column per catalog field. Re-sending a batchKey that was committed changes nothing.',
      security: bearer,
      middleware: importers,
      request: { query: uploadQuery },
      responses: responses(
        { 200: 'Already imported under this batch key', 201: 'Committed', 422: 'Rejected: every row error' },
        [400, 401, 403, 409],
      ),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const tenant = c.var.principal.tenant;
      const contentType = c.req.header('content-type') ?? '';
      const format = query.format ?? (contentType.startsWith(xlsxType) ? 'xlsx' : 'csv');
      const body = c.req.raw.body;
      if (body === null) {
        throw new BadRequestError('empty_upload', { zh: '上传内容为空', en: 'The upload is empty' });
      }
      const fields = await importFields(tenant);
      const outcome = await importObservations(
        a.observations,
        { kind: format, input: Readable.fromWeb(body as NodeWebStream) },
        {
          tenant,
          batchKey: query.batchKey,
          source: query.source,
          actor: c.var.principal.userId,
          fields,
          partial: query.partial === 'true',
          ...(query.from !== undefined && query.to !== undefined
            ? { periodRange: { from: query.from, to: query.to } }
            : {}),
          knownSubject: await knownSubjects(tenant),
        },
      );
      const status = outcome.status === 'committed' ? 201 : outcome.status === 'rejected' ? 422 : 200;
      return c.json(outcome, status);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/observations',
      tags: ['observations'],
      summary: 'Import a JSON batch of observations (same rules as an upload; errors name the field path)',
      security: bearer,
      middleware: importers,
      request: { body: jsonBody(batchBody) },
      responses: responses(
        { 200: 'Already imported under this batch key', 201: 'Committed', 422: 'Rejected: every row error' },
        [400, 401, 403, 409],
      ),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      const outcome = await importObservations(
        a.observations,
        { kind: 'rows', rows: tableFromJsonRows(body.rows) },
        {
          tenant,
          batchKey: body.batchKey,
          source: body.source,
          actor: c.var.principal.userId,
          fields: await importFields(tenant),
          partial: body.partial,
          knownSubject: await knownSubjects(tenant),
        },
      );
      if (outcome.status === 'already-imported') return c.json(outcome, 200);
      const issues = outcome.issues.map((issue) => ({
        path: jsonPathOf(issue, body.rows),
        code: issue.code,
        message: issue.message,
      }));
      return c.json({ ...outcome, issues }, outcome.status === 'committed' ? 201 : 422);
    },
  );

  async function knownSubjects(tenant: TenantKey): Promise<(id: string) => boolean> {
    const ids = new Set((await a.subjects(tenant, 'unit', {})).map((subject) => subject.id));
    for (const cadre of await a.subjects(tenant, 'cadre', {})) ids.add(cadre.id);
    return (id) => ids.has(id);
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/observations/batches',
      tags: ['observations'],
      summary: 'Import batches with their status, who, when and what they held',
      security: bearer,
      middleware: readers,
      request: { query: cityQuery },
      responses: responses({ 200: 'Batches' }),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      return c.json({ items: await a.observations.listBatches(tenant) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/observations',
      tags: ['observations'],
      summary:
        'A month’s effective values per subject, with every record (corrections included) and its provenance',
      security: bearer,
      middleware: readers,
      request: { query: readQuery },
      responses: responses({ 200: 'Observations' }),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const tenant = await target(c, query.city);
      const all = await a.observations.readPeriod(tenant, query.period);
      const items =
        query.subject === undefined ? all : all.filter((entry) => entry.subjectId === query.subject);
      return c.json({ period: query.period, items }, 200);
    },
  );

  return app;
}
