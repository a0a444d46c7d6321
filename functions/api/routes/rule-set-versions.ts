import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { BadRequestError, NotFoundError, UnprocessableError } from '../../domain/errors.ts';
import { tenantRoles } from '../../domain/roles.ts';
import {
  compileRuleSet,
  describeRuleSet,
  extendsClause,
  structuralDiff,
  withParentVersion,
} from '../../domain/rule-set-lifecycle.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, cityQuerySchema, guard, jsonBody, responses } from '../route-kit.ts';
import type { Services } from '../services.ts';
import {
  admins,
  cityQuery,
  etagOf,
  idParam,
  parseIfMatch,
  repinBody,
  ruleSetContext,
  versionParam,
  versionRef,
} from './rule-set-support.ts';

/** Published versions, structural diff, a city's effective rule set and re-pin. */
export function ruleSetVersionRoutes(s: Services): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const readers = guard(s.deps, ...tenantRoles);
  const writers = guard(s.deps, ...admins);
  const { draftOf, parentVersion, catalogOf, draftInput, latestParent, target } = ruleSetContext(s);

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
      summary: 'The draft (or published `version`) merged with its pinned parent version',
      security: bearer,
      middleware: readers,
      request: {
        params: idParam,
        query: z.strictObject({
          city: cityQuerySchema,
          version: z.coerce.number().int().positive().optional(),
        }),
      },
      responses: responses(
        { 200: 'Effective rule set, pin and whether a newer parent exists' },
        [401, 403, 404, 422],
      ),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const tenant = await target(c, q.city);
      const draft = await draftOf(tenant, c.req.valid('param').id);
      let input = await draftInput(tenant, draft);
      let pin = draft.parent;
      if (q.version !== undefined) {
        const version = await s.ruleSets.getVersion(tenant, draft.id, q.version);
        if (version === null)
          throw new NotFoundError({ zh: `版本 ${q.version}`, en: `Version ${q.version}` });
        pin =
          version.parent === null
            ? null
            : { ruleSet: version.parent.ruleSet, version: version.parent.version };
        input = {
          source: version.source,
          catalog: version.catalog,
          parent: pin === null ? null : await parentVersion(tenant, pin),
        };
      }
      const result = compileRuleSet(input);
      if (!result.ok) {
        throw new UnprocessableError(
          'rules_invalid',
          { zh: '规则无法编译', en: 'The rules do not compile' },
          { diagnostics: result.diagnostics },
        );
      }
      const latest = pin === null ? null : await latestParent(tenant, pin);
      return c.json(
        {
          id: draft.id,
          revision: draft.revision,
          version: q.version ?? null,
          parent: pin,
          latestParentVersion: latest,
          newerParentAvailable: pin !== null && latest !== null && latest > pin.version,
          // The source's `extends …@n` disagrees with the pin: publishing would be refused until re-pinned.
          pinMismatch: pin !== null && result.ruleSet.parent?.version !== pin.version,
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
