import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  NotFoundError,
  PayloadTooLargeError,
  PreconditionRequiredError,
  ValidationError,
} from '../../domain/errors.ts';
import { tenantRoles } from '../../domain/roles.ts';
import { catalogFieldSchema } from '../../store/catalog-repository.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, cityQuerySchema, guard, jsonBody, responses } from '../route-kit.ts';
import type { Services } from '../services.ts';

const fieldBody = z.strictObject(catalogFieldSchema.shape).openapi('CatalogField');
const nameParam = z.object({ name: z.string().min(1).max(64) });
const admins = ['province_admin', 'city_admin'] as const;

/** `/api/catalog`: the tenant's data catalog, one typed source field per item. */
export function catalogRoutes(s: Services): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const readers = guard(s.deps, ...tenantRoles);
  const writers = guard(s.deps, ...admins);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/catalog',
      tags: ['catalog'],
      summary: 'The tenant’s catalog fields',
      security: bearer,
      middleware: readers,
      request: { query: z.strictObject({ city: cityQuerySchema }) },
      responses: responses({ 200: 'Fields' }),
    }),
    async (c) => {
      const tenant = await s.readTarget(c.var.principal, c.req.valid('query').city);
      return c.json({ items: await s.catalog.list(tenant) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/catalog/{name}',
      tags: ['catalog'],
      summary: 'One catalog field',
      security: bearer,
      middleware: readers,
      request: { params: nameParam, query: z.strictObject({ city: cityQuerySchema }) },
      responses: responses({ 200: 'The field' }),
    }),
    async (c) => {
      const tenant = await s.readTarget(c.var.principal, c.req.valid('query').city);
      const field = await s.catalog.get(tenant, c.req.valid('param').name);
      if (field === null) throw new NotFoundError({ zh: '数据项', en: 'Catalog field' });
      return c.json(field, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/catalog',
      tags: ['catalog'],
      summary: 'Add (or replace) a catalog field',
      security: bearer,
      middleware: writers,
      request: { body: jsonBody(fieldBody) },
      responses: responses({ 201: 'Stored' }, [400, 401, 403]),
    }),
    async (c) => {
      const field = c.req.valid('json');
      checkField(field);
      return c.json(await s.catalog.put(c.var.principal.userId, c.var.principal.tenant, field, false), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/catalog/{name}',
      tags: ['catalog'],
      summary: 'Update an existing catalog field',
      security: bearer,
      middleware: writers,
      request: { params: nameParam, body: jsonBody(fieldBody) },
      responses: responses({ 200: 'Stored' }),
    }),
    async (c) => {
      const field = c.req.valid('json');
      if (field.name !== c.req.valid('param').name) {
        throw new ValidationError([
          { path: 'name', message: 'must equal the name in the path / 须与路径中的名称一致' },
        ]);
      }
      checkField(field);
      return c.json(await s.catalog.put(c.var.principal.userId, c.var.principal.tenant, field, true), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/catalog/{name}',
      tags: ['catalog'],
      summary: 'Remove a catalog field',
      security: bearer,
      middleware: writers,
      request: { params: nameParam },
      responses: responses({ 204: 'Removed' }),
    }),
    async (c) => {
      await s.catalog.remove(c.var.principal.userId, c.var.principal.tenant, c.req.valid('param').name);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/catalog-source',
      tags: ['catalog'],
      summary: 'The catalog in the rules language (compiled with every rule set of the tenant)',
      security: bearer,
      middleware: readers,
      request: { query: z.strictObject({ city: cityQuerySchema }) },
      responses: responses({ 200: 'The catalog source; ETag is its revision' }),
    }),
    async (c) => {
      const tenant = await s.readTarget(c.var.principal, c.req.valid('query').city);
      const stored = await s.catalog.getSource(tenant);
      if (stored === null) throw new NotFoundError({ zh: '数据目录源码', en: 'Catalog source' });
      c.header('ETag', `"${stored.revision}"`);
      return c.json(stored, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/catalog-source',
      tags: ['catalog'],
      summary: 'Save the catalog source (If-Match with its ETag once it exists)',
      security: bearer,
      middleware: writers,
      request: { body: jsonBody(z.strictObject({ source: z.string().min(1) }).openapi('CatalogSource')) },
      responses: responses({ 200: 'Saved; new ETag' }, [400, 401, 403, 412, 413, 428]),
    }),
    async (c) => {
      const { source } = c.req.valid('json');
      if (Buffer.byteLength(source, 'utf8') > s.limits.ruleSourceBytes) {
        throw new PayloadTooLargeError(s.limits.ruleSourceBytes, {
          zh: '数据目录源码',
          en: 'Catalog source',
        });
      }
      const tenant = c.var.principal.tenant;
      const ifMatch = c.req.header('if-match');
      const current = await s.catalog.getSource(tenant);
      if (current !== null && ifMatch === undefined) throw new PreconditionRequiredError();
      const expected =
        ifMatch === undefined ? 0 : Number(/^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(ifMatch)?.[1] ?? Number.NaN);
      if (!Number.isInteger(expected)) {
        throw new ValidationError([{ path: 'If-Match', message: 'malformed ETag / ETag 格式无效' }]);
      }
      const saved = await s.catalog.putSource(c.var.principal.userId, tenant, source, expected);
      c.header('ETag', `"${saved.revision}"`);
      return c.json(saved, 200);
    },
  );
  return app;
}

function checkField(field: z.infer<typeof catalogFieldSchema>): void {
  const issues: { path: string; message: string }[] = [];
  if (field.aggregation === 'ratio' && field.ratioOf === undefined) {
    issues.push({ path: 'ratioOf', message: 'required when aggregation is ratio / 比率聚合须给出分子分母' });
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    issues.push({ path: 'min', message: 'must not exceed max / 下限不能大于上限' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
