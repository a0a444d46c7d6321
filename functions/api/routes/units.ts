import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { BadRequestError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { tenantRoles } from '../../domain/roles.ts';
import type { CadreInput, UnitInput } from '../../store/unit-repository.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { formatPath, issuesOf } from '../error-mapper.ts';
import {
  bearer,
  cityQuerySchema,
  cursorSchema,
  guard,
  idSchema,
  jsonBody,
  limitSchema,
  nameSchema,
  responses,
} from '../route-kit.ts';
import type { Services } from '../services.ts';

const categorySchema = z.string().trim().min(1).max(32);
const unitBody = z.strictObject({ id: idSchema, name: nameSchema, category: categorySchema }).openapi('Unit');
const cadreBody = z
  .strictObject({
    id: idSchema,
    name: nameSchema,
    unitId: idSchema,
    title: z.string().trim().min(1).max(64).optional(),
  })
  .openapi('Cadre');
const unitUpdateBody = z.strictObject({ name: nameSchema, category: categorySchema }).openapi('UnitUpdate');
const cadreUpdateBody = z
  .strictObject({ name: nameSchema, unitId: idSchema, title: z.string().trim().min(1).max(64).optional() })
  .openapi('CadreUpdate');
const importBody = z
  .strictObject({
    batchKey: z.string().min(1).max(128).optional(),
    rows: z.array(z.unknown()).min(1).max(5000),
  })
  .openapi('Import');
const admins = ['province_admin', 'city_admin'] as const;

export interface RowError {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

/** Validates every row; returns the parsed rows or every problem with its row index and field. */
function validateRows<T>(
  rows: readonly unknown[],
  schema: z.ZodType<T>,
  check: (row: T) => RowError['field'] | null,
  checkMessage: string,
): { rows: T[]; errors: RowError[] } {
  const parsed: T[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  rows.forEach((raw, row) => {
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of issuesOf(result.error))
        errors.push({ row, field: issue.path, message: issue.message });
      return;
    }
    const id = (result.data as { id: string }).id;
    if (seen.has(id))
      errors.push({ row, field: 'id', message: `duplicate id ${id} in this import / 导入数据中编号重复` });
    seen.add(id);
    const bad = check(result.data);
    if (bad !== null) errors.push({ row, field: bad, message: checkMessage });
    parsed.push(result.data);
  });
  return { rows: parsed, errors };
}

function rejectRows(errors: readonly RowError[]): never {
  throw new ValidationError(
    errors.map((error) => ({
      path: formatPath(['rows', error.row, ...(error.field === '' ? [] : [error.field])]),
      message: error.message,
    })),
    {
      zh: `导入数据有 ${errors.length} 处错误，未写入任何数据`,
      en: `${errors.length} problems in the import; nothing was written`,
    },
  );
}

/** Units (with categories) and cadres of a tenant, single and bulk. */
export function unitRoutes(s: Services): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const readers = guard(s.deps, ...tenantRoles);
  const writers = guard(s.deps, ...admins);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/unit-categories',
      tags: ['units'],
      summary: 'Unit categories (built-in and added)',
      security: bearer,
      middleware: readers,
      request: { query: z.strictObject({ city: cityQuerySchema }) },
      responses: responses({ 200: 'Categories' }),
    }),
    async (c) => {
      const tenant = await s.readTarget(c.var.principal, c.req.valid('query').city);
      return c.json({ items: await s.units.categories(tenant) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/unit-categories',
      tags: ['units'],
      summary: 'Add a unit category',
      security: bearer,
      middleware: writers,
      request: { body: jsonBody(z.strictObject({ name: categorySchema })) },
      responses: responses({ 201: 'Added' }, [400, 401, 403, 409]),
    }),
    async (c) => {
      const { name } = c.req.valid('json');
      await s.units.addCategory(c.var.principal.userId, c.var.principal.tenant, name);
      return c.json({ name }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/units',
      tags: ['units'],
      summary: 'A page of units, optionally of one category',
      security: bearer,
      middleware: readers,
      request: {
        query: z.strictObject({
          city: cityQuerySchema,
          category: categorySchema.optional(),
          limit: limitSchema,
          cursor: cursorSchema,
        }),
      },
      responses: responses({ 200: 'Units' }),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const tenant = await s.readTarget(c.var.principal, q.city);
      return c.json(
        await s.units.listUnits(tenant, { limit: q.limit, cursor: q.cursor, category: q.category }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}',
      tags: ['units'],
      summary: 'One unit',
      security: bearer,
      middleware: readers,
      request: { params: z.object({ id: idSchema }), query: z.strictObject({ city: cityQuerySchema }) },
      responses: responses({ 200: 'The unit' }),
    }),
    async (c) => {
      const tenant = await s.readTarget(c.var.principal, c.req.valid('query').city);
      const unit = await s.units.getUnit(tenant, c.req.valid('param').id);
      if (unit === null) throw new NotFoundError({ zh: '单位', en: 'Unit' });
      return c.json(unit, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/units',
      tags: ['units'],
      summary: 'Create a unit',
      security: bearer,
      middleware: writers,
      request: { body: jsonBody(unitBody) },
      responses: responses({ 201: 'Created' }, [400, 401, 403, 409]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      if (!(await s.units.categories(tenant)).includes(body.category)) {
        throw new ValidationError([
          { path: 'category', message: `unknown category ${body.category} / 未知单位类别` },
        ]);
      }
      return c.json(await s.units.createUnit(c.var.principal.userId, tenant, body), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/units/{id}',
      tags: ['units'],
      summary: 'Replace a unit’s name and category',
      security: bearer,
      middleware: writers,
      request: { params: z.object({ id: idSchema }), body: jsonBody(unitUpdateBody) },
      responses: responses({ 200: 'Updated' }),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      if (!(await s.units.categories(tenant)).includes(body.category)) {
        throw new ValidationError([
          { path: 'category', message: `unknown category ${body.category} / 未知单位类别` },
        ]);
      }
      const unit = await s.units.updateUnit(c.var.principal.userId, tenant, {
        id: c.req.valid('param').id,
        ...body,
      });
      return c.json(unit, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/units/{id}',
      tags: ['units'],
      summary: 'Delete a unit without cadres',
      security: bearer,
      middleware: writers,
      request: { params: z.object({ id: idSchema }) },
      responses: responses({ 204: 'Deleted' }, [401, 403, 404, 409]),
    }),
    async (c) => {
      await s.units.deleteUnit(c.var.principal.userId, c.var.principal.tenant, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/cadres/{id}',
      tags: ['units'],
      summary: 'Replace a cadre’s name, unit and title',
      security: bearer,
      middleware: writers,
      request: { params: z.object({ id: idSchema }), body: jsonBody(cadreUpdateBody) },
      responses: responses({ 200: 'Updated' }),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      if ((await s.units.getUnit(tenant, body.unitId)) === null) {
        throw new ValidationError([{ path: 'unitId', message: `unknown unit ${body.unitId} / 单位不存在` }]);
      }
      const cadre = await s.units.updateCadre(c.var.principal.userId, tenant, {
        id: c.req.valid('param').id,
        ...body,
      });
      return c.json(cadre, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/cadres/{id}',
      tags: ['units'],
      summary: 'Delete a cadre',
      security: bearer,
      middleware: writers,
      request: { params: z.object({ id: idSchema }) },
      responses: responses({ 204: 'Deleted' }),
    }),
    async (c) => {
      await s.units.deleteCadre(c.var.principal.userId, c.var.principal.tenant, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/units/import',
      tags: ['units'],
      summary: 'Bulk import units (all rows or none)',
      security: bearer,
      middleware: writers,
      request: { body: jsonBody(importBody) },
      responses: responses({ 200: 'Imported' }, [400, 401, 403, 413]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      const categories = new Set(await s.units.categories(tenant));
      const result = validateRows<UnitInput>(
        body.rows,
        unitBody,
        (row) => (categories.has(row.category) ? null : 'category'),
        'unknown category / 未知单位类别',
      );
      if (result.errors.length > 0) rejectRows(result.errors);
      return c.json(
        await s.units.importRows(c.var.principal.userId, tenant, { units: result.rows }, body.batchKey),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/cadres',
      tags: ['units'],
      summary: 'A page of cadres, optionally of one unit',
      security: bearer,
      middleware: readers,
      request: {
        query: z.strictObject({
          city: cityQuerySchema,
          unitId: idSchema.optional(),
          limit: limitSchema,
          cursor: cursorSchema,
        }),
      },
      responses: responses({ 200: 'Cadres' }),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const tenant = await s.readTarget(c.var.principal, q.city);
      return c.json(
        await s.units.listCadres(tenant, { limit: q.limit, cursor: q.cursor, unitId: q.unitId }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/cadres/{id}',
      tags: ['units'],
      summary: 'One cadre',
      security: bearer,
      middleware: readers,
      request: { params: z.object({ id: idSchema }), query: z.strictObject({ city: cityQuerySchema }) },
      responses: responses({ 200: 'The cadre' }),
    }),
    async (c) => {
      const tenant = await s.readTarget(c.var.principal, c.req.valid('query').city);
      const cadre = await s.units.getCadre(tenant, c.req.valid('param').id);
      if (cadre === null) throw new NotFoundError({ zh: '干部', en: 'Cadre' });
      return c.json(cadre, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/cadres',
      tags: ['units'],
      summary: 'Create a cadre in one of the tenant’s units',
      security: bearer,
      middleware: writers,
      request: { body: jsonBody(cadreBody) },
      responses: responses({ 201: 'Created' }, [400, 401, 403, 409]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      if ((await s.units.getUnit(tenant, body.unitId)) === null) {
        throw new ValidationError([{ path: 'unitId', message: `unknown unit ${body.unitId} / 单位不存在` }]);
      }
      return c.json(await s.units.createCadre(c.var.principal.userId, tenant, body), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/cadres/import',
      tags: ['units'],
      summary: 'Bulk import cadres (all rows or none)',
      security: bearer,
      middleware: writers,
      request: { body: jsonBody(importBody) },
      responses: responses({ 200: 'Imported' }, [400, 401, 403, 413]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      const unitIds = new Set((await s.units.allUnits(tenant)).map((unit) => unit.id));
      const result = validateRows<CadreInput>(
        body.rows,
        cadreBody,
        (row) => (unitIds.has(row.unitId) ? null : 'unitId'),
        'unknown unit / 单位不存在',
      );
      if (result.errors.length > 0) rejectRows(result.errors);
      if (result.rows.length === 0)
        throw new BadRequestError('empty', { zh: '没有可导入的数据', en: 'Nothing to import' });
      return c.json(
        await s.units.importRows(c.var.principal.userId, tenant, { cadres: result.rows }, body.batchKey),
        200,
      );
    },
  );
  return app;
}
