import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  BadRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from '../../domain/errors.ts';
import { tenantRoles } from '../../domain/roles.ts';
import {
  type CompileInput,
  checkRuleSet,
  compileRuleSet,
  describeRuleSet,
  extendsClause,
  publishGate,
  structuralDiff,
  withParentVersion,
} from '../../domain/rule-set-lifecycle.ts';
import { provinceOf, type TenantKey } from '../../domain/tenant-key.ts';
import {
  alreadyPublished,
  type DraftRecord,
  type ParentPin,
  type VersionRecord,
} from '../../store/rule-set-repository.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, cityQuerySchema, guard, idSchema, jsonBody, responses } from '../route-kit.ts';
import type { Services } from '../services.ts';

const sourceSchema = z.string().min(1);
const pinSchema = z.strictObject({ ruleSet: idSchema, version: z.number().int().positive() });
const createBody = z
  .strictObject({
    id: idSchema,
    source: sourceSchema,
    parent: pinSchema.optional(),
    useCatalog: z.boolean().optional().openapi({ description: 'compile with the tenant’s catalog source' }),
  })
  .openapi('CreateRuleSet');
const saveBody = z.strictObject({ source: sourceSchema }).openapi('SaveDraft');
const checkBody = z.strictObject({ source: sourceSchema.optional() }).openapi('CheckSource');
const repinBody = z
  .strictObject({ version: z.number().int().positive(), dryRun: z.boolean().optional() })
  .openapi('Repin');
const idParam = z.object({ id: idSchema });
const versionParam = z.object({ id: idSchema, n: z.coerce.number().int().positive() });
const cityQuery = z.strictObject({ city: cityQuerySchema });
const versionRef = z.union([z.literal('draft'), z.coerce.number().int().positive()]);
const admins = ['province_admin', 'city_admin'] as const;

const etagOf = (draft: DraftRecord): string => `"${draft.revision}"`;

function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (match?.[1] === undefined)
    throw new BadRequestError('bad_if_match', { zh: 'If-Match 格式无效', en: 'Malformed If-Match header' });
  return Number(match[1]);
}

/** The source's `extends name@n` must name the version the record pins (re-pin keeps them together). */
function assertPinMatches(ruleSet: { parent?: { version: number } }, pin: ParentPin | null): void {
  if (pin === null || ruleSet.parent?.version === pin.version) return;
  throw new UnprocessableError('parent_pin_mismatch', {
    zh: `源码继承的版本（${ruleSet.parent?.version ?? '无'}）与固定的上级版本 ${pin.version} 不一致，请使用“改用上级版本”`,
    en: `The source extends version ${ruleSet.parent?.version ?? 'none'} but the rule set is pinned to ${pin.version}; use re-pin`,
  });
}

const notFound = (id: string): NotFoundError =>
  new NotFoundError({ zh: `规则集 ${id}`, en: `Rule set ${id}` });

/** Rule sets: drafts with ETag, check/test/publish, versions, diff, a city's effective set and re-pin. */
export function ruleSetRoutes(s: Services): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const readers = guard(s.deps, ...tenantRoles);
  const writers = guard(s.deps, ...admins);

  function limitSource(source: string): void {
    if (Buffer.byteLength(source, 'utf8') > s.limits.ruleSourceBytes) {
      throw new PayloadTooLargeError(s.limits.ruleSourceBytes, { zh: '规则源码', en: 'Rule source' });
    }
  }

  async function draftOf(tenant: TenantKey, id: string): Promise<DraftRecord> {
    const draft = await s.ruleSets.getDraft(tenant, id);
    if (draft === null) throw notFound(id);
    return draft;
  }

  /** A province's published version, read for one of its cities (never a draft). */
  async function parentVersion(tenant: TenantKey, pin: ParentPin): Promise<VersionRecord> {
    const province = provinceOf(tenant);
    const version =
      province === null ? null : await s.ruleSets.getVersion(province, pin.ruleSet, pin.version);
    if (version === null) {
      throw new NotFoundError({
        zh: `上级规则集 ${pin.ruleSet}@${pin.version}`,
        en: `Parent rule set ${pin.ruleSet}@${pin.version}`,
      });
    }
    return version;
  }

  async function catalogOf(tenant: TenantKey): Promise<string | null> {
    return (await s.catalog.getSource(tenant))?.source ?? null;
  }

  /** The draft (or another source in its place) with the tenant's catalog and the pinned parent. */
  async function draftInput(
    tenant: TenantKey,
    draft: DraftRecord,
    source = draft.source,
  ): Promise<CompileInput> {
    const parent = draft.parent === null ? null : await parentVersion(tenant, draft.parent);
    return { source, catalog: draft.useCatalog ? await catalogOf(tenant) : null, parent };
  }

  async function latestParent(tenant: TenantKey, pin: ParentPin): Promise<number> {
    const province = provinceOf(tenant);
    if (province === null) return pin.version;
    const versions = await s.ruleSets.listVersions(province, pin.ruleSet);
    return versions.reduce((max, v) => Math.max(max, v.version), pin.version);
  }

  const target = (c: Context<AuthEnv>, city: string | undefined): Promise<TenantKey> =>
    s.readTarget(c.var.principal, city);

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

  app.openapi(
    createRoute({
      method: 'get',
      path: '/rulesets/{id}/versions',
      tags: ['rule sets'],
      summary: 'Published versions (who, when, hash, parent)',
      security: bearer,
      middleware: readers,
      request: { params: idParam, query: cityQuery },
      responses: responses({ 200: 'Versions' }),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      const { id } = c.req.valid('param');
      await draftOf(tenant, id);
      return c.json({ items: await s.ruleSets.listVersions(tenant, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/rulesets/{id}/versions/{n}',
      tags: ['rule sets'],
      summary: 'One version: source and metadata',
      security: bearer,
      middleware: readers,
      request: { params: versionParam, query: cityQuery },
      responses: responses({ 200: 'The version' }),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      const { id, n } = c.req.valid('param');
      const version = await s.ruleSets.getVersion(tenant, id, n);
      if (version === null) throw new NotFoundError({ zh: `版本 ${n}`, en: `Version ${n}` });
      return c.json(version, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/rulesets/{id}/diff',
      tags: ['rule sets'],
      summary: 'Structural diff between two versions (or `draft`)',
      security: bearer,
      middleware: readers,
      request: {
        params: idParam,
        query: z.strictObject({ city: cityQuerySchema, from: versionRef, to: versionRef }),
      },
      responses: responses({ 200: 'The diff' }, [400, 401, 403, 404, 422]),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const tenant = await target(c, q.city);
      const draft = await draftOf(tenant, c.req.valid('param').id);
      const compileRef = async (ref: 'draft' | number) => {
        let source = draft.source;
        let pin = draft.parent;
        let catalog = draft.useCatalog ? await catalogOf(tenant) : null;
        if (ref !== 'draft') {
          const version = await s.ruleSets.getVersion(tenant, draft.id, ref);
          if (version === null) throw new NotFoundError({ zh: `版本 ${ref}`, en: `Version ${ref}` });
          source = version.source;
          catalog = version.catalog;
          pin =
            version.parent === null
              ? null
              : { ruleSet: version.parent.ruleSet, version: version.parent.version };
        }
        const parent = pin === null ? null : await parentVersion(tenant, pin);
        const result = compileRuleSet({ source, catalog, parent });
        if (!result.ok) {
          throw new UnprocessableError(
            'rules_invalid',
            { zh: `${ref} 无法编译`, en: `${ref} does not compile` },
            { diagnostics: result.diagnostics },
          );
        }
        return result.ruleSet;
      };
      return c.json(
        { from: q.from, to: q.to, diff: structuralDiff(await compileRef(q.from), await compileRef(q.to)) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/rulesets/{id}/effective',
      tags: ['rule sets'],
      summary: 'The draft merged with its pinned parent version',
      security: bearer,
      middleware: readers,
      request: { params: idParam, query: cityQuery },
      responses: responses(
        { 200: 'Effective rule set, pin and whether a newer parent exists' },
        [401, 403, 404, 422],
      ),
    }),
    async (c) => {
      const tenant = await target(c, c.req.valid('query').city);
      const draft = await draftOf(tenant, c.req.valid('param').id);
      const result = compileRuleSet(await draftInput(tenant, draft));
      if (!result.ok) {
        throw new UnprocessableError(
          'rules_invalid',
          { zh: '草稿无法编译', en: 'The draft does not compile' },
          { diagnostics: result.diagnostics },
        );
      }
      const latest = draft.parent === null ? null : await latestParent(tenant, draft.parent);
      return c.json(
        {
          id: draft.id,
          revision: draft.revision,
          parent: draft.parent,
          latestParentVersion: latest,
          newerParentAvailable: draft.parent !== null && latest !== null && latest > draft.parent.version,
          // The source's `extends …@n` disagrees with the pin: publishing would be refused until re-pinned.
          pinMismatch: draft.parent !== null && result.ruleSet.parent?.version !== draft.parent.version,
          effective: describeRuleSet(result.ruleSet),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/rulesets/{id}/repin',
      tags: ['rule sets'],
      summary: 'A city moves to another parent version (dryRun: preview only)',
      security: bearer,
      middleware: writers,
      request: { params: idParam, body: jsonBody(repinBody) },
      responses: responses({ 200: 'Re-pinned (or the dry-run preview)' }, [400, 401, 403, 404, 412, 422]),
    }),
    async (c) => {
      const tenant = c.var.principal.tenant;
      const body = c.req.valid('json');
      const draft = await draftOf(tenant, c.req.valid('param').id);
      if (draft.parent === null) {
        throw new BadRequestError('no_parent', {
          zh: '该规则集没有继承上级',
          en: 'This rule set extends no parent',
        });
      }
      const pin = { ruleSet: draft.parent.ruleSet, version: body.version };
      const [oldParent, newParent] = [
        await parentVersion(tenant, draft.parent),
        await parentVersion(tenant, pin),
      ];
      const source =
        extendsClause(draft.source) === null ? draft.source : withParentVersion(draft.source, body.version);
      const catalog = draft.useCatalog ? await catalogOf(tenant) : null;
      const before = compileRuleSet({ source: draft.source, catalog, parent: oldParent });
      const after = compileRuleSet({ source, catalog, parent: newParent });
      const preview = {
        from: draft.parent.version,
        to: body.version,
        ok: after.ok,
        diagnostics: after.diagnostics,
        diff: before.ok && after.ok ? structuralDiff(before.ruleSet, after.ruleSet) : null,
      };
      if (body.dryRun === true) return c.json({ dryRun: true, ...preview }, 200);
      if (!after.ok) {
        throw new UnprocessableError(
          'rules_invalid',
          { zh: '改用该上级版本后规则有错误', en: 'The rules have errors against that parent version' },
          { diagnostics: after.diagnostics },
        );
      }
      const expected = parseIfMatch(c.req.header('if-match')) ?? draft.revision;
      const saved = await s.ruleSets.saveDraft(
        c.var.principal.userId,
        tenant,
        draft.id,
        { source, parent: pin },
        expected,
        {
          action: 'ruleset.repin',
          details: {
            ruleSet: pin.ruleSet,
            from: draft.parent.version,
            to: body.version,
            parentHash: newParent.hash,
          },
        },
      );
      c.header('ETag', etagOf(saved));
      return c.json({ dryRun: false, ...preview, draft: saved }, 200);
    },
  );
  return app;
}
