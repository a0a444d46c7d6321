import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  BadRequestError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from '../../domain/errors.ts';
import { tenantRoles } from '../../domain/roles.ts';
import { checkRuleSet, compileRuleSet, publishGate } from '../../domain/rule-set-lifecycle.ts';
import { provinceOf } from '../../domain/tenant-key.ts';
import { alreadyPublished } from '../../store/rule-set-repository.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, guard, jsonBody, responses } from '../route-kit.ts';
import type { Services } from '../services.ts';
import {
  admins,
  assertPinMatches,
  checkBody,
  cityQuery,
  createBody,
  etagOf,
  idParam,
  parseIfMatch,
  ruleSetContext,
  saveBody,
} from './rule-set-support.ts';
import { ruleSetVersionRoutes } from './rule-set-versions.ts';

/** Rule sets: drafts with ETag, check/test/publish; the version routes are mounted alongside. */
export function ruleSetRoutes(s: Services): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const readers = guard(s.deps, ...tenantRoles);
  const writers = guard(s.deps, ...admins);
  const { limitSource, draftOf, parentVersion, catalogOf, draftInput, target } = ruleSetContext(s);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/rulesets',
      tags: ['rule sets'],
      summary: 'The tenant’s rule sets (drafts with their heads)',
      security: bearer,
      middleware: readers,
      request: { query: cityQuery },
      responses: responses({ 200: 'Rule sets' }),
    }),
    async (c) => {
      const drafts = await s.ruleSets.listDrafts(await target(c, c.req.valid('query').city));
      return c.json({ items: drafts.map(({ source: _source, ...rest }) => rest) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/parent-rulesets',
      tags: ['rule sets'],
      summary: 'A city: the province’s published rule sets it may extend',
      security: bearer,
      middleware: readers,
      responses: responses({ 200: 'Published rule sets of the province' }, [401, 403]),
    }),
    async (c) => {
      const province = provinceOf(c.var.principal.tenant);
      if (province === null) return c.json({ items: [] }, 200);
      const drafts = await s.ruleSets.listDrafts(province);
      const items = await Promise.all(
        drafts
          .filter((d) => d.headVersion > 0)
          .map(async (d) => ({ ruleSet: d.id, versions: await s.ruleSets.listVersions(province, d.id) })),
      );
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/rulesets',
      tags: ['rule sets'],
      summary: 'Create a rule-set draft (a city pins its parent version)',
      security: bearer,
      middleware: writers,
      request: { body: jsonBody(createBody) },
      responses: responses({ 201: 'Created; ETag is the revision' }, [400, 401, 403, 404, 409, 413]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      limitSource(body.source);
      const tenant = c.var.principal.tenant;
      if (body.parent !== undefined) {
        if (provinceOf(tenant) === null) {
          throw new BadRequestError('parent_not_allowed', {
            zh: '只有城市的规则集可以继承',
            en: 'Only a city’s rule set can extend a parent',
          });
        }
        await parentVersion(tenant, body.parent);
      }
      const draft = await s.ruleSets.create(c.var.principal.userId, tenant, {
        id: body.id,
        source: body.source,
        parent: body.parent ?? null,
        useCatalog: body.useCatalog ?? false,
      });
      c.header('ETag', etagOf(draft));
      return c.json(draft, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/rulesets/{id}',
      tags: ['rule sets'],
      summary: 'The draft (source, revision as ETag, head, parent pin)',
      security: bearer,
      middleware: readers,
      request: { params: idParam, query: cityQuery },
      responses: responses({ 200: 'The draft' }),
    }),
    async (c) => {
      const draft = await draftOf(await target(c, c.req.valid('query').city), c.req.valid('param').id);
      c.header('ETag', etagOf(draft));
      return c.json(draft, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/rulesets/{id}',
      tags: ['rule sets'],
      summary: 'Save the draft (If-Match: the ETag you read)',
      security: bearer,
      middleware: writers,
      request: { params: idParam, body: jsonBody(saveBody) },
      responses: responses({ 200: 'Saved; new ETag' }, [400, 401, 403, 404, 412, 413, 428]),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { source } = c.req.valid('json');
      limitSource(source);
      const expected = parseIfMatch(c.req.header('if-match'));
      if (expected === null) throw new PreconditionRequiredError();
      const saved = await s.ruleSets.saveDraft(
        c.var.principal.userId,
        c.var.principal.tenant,
        id,
        { source },
        expected,
        {
          action: 'ruleset.draft.save',
          details: { bytes: Buffer.byteLength(source, 'utf8') },
        },
      );
      c.header('ETag', etagOf(saved));
      return c.json(saved, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/rulesets/{id}/check',
      tags: ['rule sets'],
      summary: 'Diagnostics of the draft (or of a given source)',
      security: bearer,
      middleware: readers,
      request: { params: idParam, query: cityQuery, body: jsonBody(checkBody) },
      responses: responses({ 200: 'Diagnostics sorted by position' }),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      const draft = await draftOf(tenant, c.req.valid('param').id);
      const source = c.req.valid('json').source ?? draft.source;
      limitSource(source);
      const diagnostics = checkRuleSet(await draftInput(tenant, draft, source));
      return c.json({ ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/rulesets/{id}/test',
      tags: ['rule sets'],
      summary: 'Run the rule file’s own tests',
      security: bearer,
      middleware: readers,
      request: { params: idParam, query: cityQuery },
      responses: responses({ 200: 'Test report' }, [401, 403, 404, 422]),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      const draft = await draftOf(tenant, c.req.valid('param').id);
      const compiled = compileRuleSet(await draftInput(tenant, draft));
      const gate = publishGate(compiled);
      if (!compiled.ok) {
        throw new UnprocessableError(
          'rules_invalid',
          { zh: '规则有错误，无法运行测试', en: 'The rules have errors; tests cannot run' },
          { diagnostics: compiled.diagnostics },
        );
      }
      return c.json({ ...gate.tests, diagnostics: compiled.diagnostics }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/rulesets/{id}/publish',
      tags: ['rule sets'],
      summary: 'Publish the draft as the next immutable version',
      security: bearer,
      middleware: writers,
      request: { params: idParam },
      responses: responses({ 201: 'The new version' }, [400, 401, 403, 404, 409, 412, 422]),
    }),
    async (c) => {
      const tenant = c.var.principal.tenant;
      const draft = await draftOf(tenant, c.req.valid('param').id);
      const expected = parseIfMatch(c.req.header('if-match'));
      if (expected !== null && expected !== draft.revision) throw new PreconditionFailedError(draft.revision);
      if (draft.headVersion > 0 && draft.headRevision === draft.revision) throw alreadyPublished(draft);
      const parent = draft.parent === null ? null : await parentVersion(tenant, draft.parent);
      const catalog = draft.useCatalog ? await catalogOf(tenant) : null;
      const gate = publishGate(compileRuleSet({ source: draft.source, catalog, parent }));
      if (!gate.ok) {
        throw new UnprocessableError(
          gate.tests === null ? 'rules_invalid' : 'tests_failed',
          gate.tests === null
            ? { zh: '规则有错误，不能发布', en: 'The rules have errors and cannot be published' }
            : {
                zh: `有 ${gate.tests.failed} 个测试未通过，不能发布`,
                en: `${gate.tests.failed} tests failed; not published`,
              },
          { diagnostics: gate.diagnostics, ...(gate.tests === null ? {} : { tests: gate.tests }) },
        );
      }
      assertPinMatches(gate.ruleSet, draft.parent);
      const version = await s.ruleSets.publish(c.var.principal.userId, tenant, draft, {
        name: gate.ruleSet.name,
        hash: gate.ruleSet.hash,
        effectiveHash: gate.ruleSet.effectiveHash,
        parent: draft.parent === null || parent === null ? null : { ...draft.parent, hash: parent.hash },
        catalog,
      });
      const { source: _source, ...summary } = version;
      return c.json({ ...summary, tests: { passed: gate.tests.passed, failed: gate.tests.failed } }, 201);
    },
  );

  app.route('/', ruleSetVersionRoutes(s));
  return app;
}
