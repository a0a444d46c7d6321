import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors.ts';
import type { TenantKey } from '../domain/tenant-key.ts';
import { ChangeConditionFailedError, writeWithAudit } from './audit-log.ts';
import type { TableRef } from './dynamo-client.ts';
import { queryAll } from './query-page.ts';
import type { TenantTables } from './tenant-tables.ts';

/**
 * Key layout of rule sets (tenant partition):
 *   draft:   PK = <t>, SK = RULESETDRAFT#<id>   { id, source, revision, headVersion, headHash, headRevision, parent? }
 *   version: PK = <t>, SK = RULESETVER#<id>#<10 digits>  { id, version, source, hash, effectiveHash, parent?, … }
 * The draft holds a revision counter (ETag) and the head (latest published version). A version item is
 * insert-only (`attribute_not_exists(PK)`); publish puts it and moves the draft's head in one transaction
 * conditioned on the revision and the previous head, so of two concurrent publishes exactly one wins.
 * A city's draft pins its parent: `parent = { ruleSet, version }` of a published province version.
 */
const parentPinSchema = z.object({ ruleSet: z.string(), version: z.number().int().positive() });
export type ParentPin = z.infer<typeof parentPinSchema>;

const draftSchema = z.object({
  id: z.string(),
  source: z.string(),
  revision: z.number().int().positive(),
  headVersion: z.number().int().nonnegative(),
  headHash: z.string().nullable(),
  /** The draft revision the head version was published from; equal to `revision` means nothing new. */
  headRevision: z.number().int().nullable().default(null),
  parent: parentPinSchema.nullable(),
  /** Compile with the tenant's catalog source (`PUT /api/catalog-source`) instead of an inline catalog only. */
  useCatalog: z.boolean().default(false),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type DraftRecord = z.infer<typeof draftSchema>;

const versionSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  name: z.string(),
  source: z.string(),
  hash: z.string(),
  effectiveHash: z.string(),
  parent: z.object({ ruleSet: z.string(), version: z.number().int(), hash: z.string() }).nullable(),
  /** The catalog source the version was compiled with (kept so the version compiles the same forever). */
  catalog: z.string().nullable().default(null),
  draftRevision: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type VersionRecord = z.infer<typeof versionSchema>;
export type VersionSummary = Omit<VersionRecord, 'source' | 'catalog'>;

const draftSk = (id: string): string => `RULESETDRAFT#${id}`;
const versionPrefix = (id: string): string => `RULESETVER#${id}#`;
export const versionSk = (id: string, version: number): string =>
  `${versionPrefix(id)}${String(version).padStart(10, '0')}`;

/** The stored form of a draft (also used to seed benchmarks in bulk). */
export function draftItem(tenant: TenantKey, draft: DraftRecord): Record<string, unknown> {
  return { PK: tenant, SK: draftSk(draft.id), kind: 'ruleset-draft', ...draft };
}

/** Publishing the very revision the head came from would only repeat it. */
export const alreadyPublished = (draft: DraftRecord): ConflictError =>
  new ConflictError(
    'already_published',
    {
      zh: `草稿第 ${draft.revision} 版已发布为第 ${draft.headVersion} 版，没有新的修改`,
      en: `Draft revision ${draft.revision} is already published as version ${draft.headVersion}`,
    },
    { version: draft.headVersion },
  );

const ruleSetNotFound = (id: string): NotFoundError =>
  new NotFoundError({ zh: `规则集 ${id}`, en: `Rule set ${id}` });

function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { PK: _pk, SK: _sk, kind: _kind, ...rest } = item;
  return rest;
}

export function ruleSetRepository(tables: TenantTables, now: () => Date) {
  async function readDraft(table: TableRef, tenant: TenantKey, id: string): Promise<DraftRecord | null> {
    const answer = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { PK: tenant, SK: draftSk(id) },
        ConsistentRead: true,
      }),
    );
    return answer.Item === undefined ? null : draftSchema.parse(stripKeys(answer.Item));
  }

  return {
    async create(
      actor: string,
      tenant: TenantKey,
      input: { id: string; source: string; parent: ParentPin | null; useCatalog: boolean },
    ): Promise<DraftRecord> {
      const table = tables.forTenant(tenant);
      const at = now().toISOString();
      const draft: DraftRecord = {
        id: input.id,
        source: input.source,
        revision: 1,
        headVersion: 0,
        headHash: null,
        headRevision: null,
        parent: input.parent,
        useCatalog: input.useCatalog,
        createdAt: at,
        updatedAt: at,
        updatedBy: actor,
      };
      try {
        await writeWithAudit(
          table,
          tenant,
          [
            {
              Put: {
                TableName: table.tableName,
                Item: draftItem(tenant, draft),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
          { actor, action: 'ruleset.create', target: input.id, details: { parent: input.parent } },
          now,
        );
      } catch (error) {
        if (error instanceof ChangeConditionFailedError) {
          throw new ConflictError('exists', {
            zh: `规则集 ${input.id} 已存在`,
            en: `Rule set ${input.id} already exists`,
          });
        }
        throw error;
      }
      return draft;
    },

    getDraft(tenant: TenantKey, id: string): Promise<DraftRecord | null> {
      return readDraft(tables.forTenant(tenant), tenant, id);
    },

    listDrafts(tenant: TenantKey): Promise<DraftRecord[]> {
      return queryAll(
        tables.forTenant(tenant),
        { tenant, partition: tenant, prefix: 'RULESETDRAFT#' },
        (item) => draftSchema.parse(stripKeys(item)),
      );
    },

    /** Saves a new source if the draft is still at `expectedRevision`; else 412 with the current one. */
    async saveDraft(
      actor: string,
      tenant: TenantKey,
      id: string,
      change: { source?: string; parent?: ParentPin },
      expectedRevision: number,
      audit: { action: string; details: Record<string, unknown> },
    ): Promise<DraftRecord> {
      const table = tables.forTenant(tenant);
      const sets = ['revision = :next', 'updatedAt = :at', 'updatedBy = :by'];
      const values: Record<string, unknown> = {
        ':expected': expectedRevision,
        ':next': expectedRevision + 1,
        ':at': now().toISOString(),
        ':by': actor,
      };
      if (change.source !== undefined) {
        sets.push('#source = :source');
        values[':source'] = change.source;
      }
      if (change.parent !== undefined) {
        sets.push('parent = :parent');
        values[':parent'] = change.parent;
      }
      try {
        await writeWithAudit(
          table,
          tenant,
          [
            {
              Update: {
                TableName: table.tableName,
                Key: { PK: tenant, SK: draftSk(id) },
                UpdateExpression: `SET ${sets.join(', ')}`,
                ConditionExpression: 'revision = :expected',
                ...(change.source === undefined ? {} : { ExpressionAttributeNames: { '#source': 'source' } }),
                ExpressionAttributeValues: values,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
          {
            actor,
            action: audit.action,
            target: id,
            details: { ...audit.details, revision: expectedRevision + 1 },
          },
          now,
        );
      } catch (error) {
        if (error instanceof ChangeConditionFailedError) {
          const current = await readDraft(table, tenant, id);
          if (current === null) throw ruleSetNotFound(id);
          throw new PreconditionFailedError(current.revision);
        }
        throw error;
      }
      const saved = await readDraft(table, tenant, id);
      if (saved === null) throw ruleSetNotFound(id);
      return saved;
    },

    /**
     * Publishes `draft` (as read by the caller, at its revision) as version headVersion + 1. Loses with 409
     * if another publish or a save got there first.
     */
    async publish(
      actor: string,
      tenant: TenantKey,
      draft: DraftRecord,
      compiled: {
        name: string;
        hash: string;
        effectiveHash: string;
        parent: VersionRecord['parent'];
        catalog: string | null;
      },
    ): Promise<VersionRecord> {
      if (draft.headVersion > 0 && draft.headRevision === draft.revision) throw alreadyPublished(draft);
      const table = tables.forTenant(tenant);
      const version: VersionRecord = {
        id: draft.id,
        version: draft.headVersion + 1,
        name: compiled.name,
        source: draft.source,
        hash: compiled.hash,
        effectiveHash: compiled.effectiveHash,
        parent: compiled.parent,
        catalog: compiled.catalog,
        draftRevision: draft.revision,
        publishedAt: now().toISOString(),
        publishedBy: actor,
      };
      try {
        await writeWithAudit(
          table,
          tenant,
          [
            {
              Put: {
                TableName: table.tableName,
                Item: {
                  PK: tenant,
                  SK: versionSk(draft.id, version.version),
                  kind: 'ruleset-version',
                  ...version,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: table.tableName,
                Key: { PK: tenant, SK: draftSk(draft.id) },
                UpdateExpression: 'SET headVersion = :version, headHash = :hash, headRevision = :revision',
                ConditionExpression: 'revision = :revision AND headVersion = :previous',
                ExpressionAttributeValues: {
                  ':version': version.version,
                  ':hash': version.hash,
                  ':revision': draft.revision,
                  ':previous': draft.headVersion,
                },
              },
            },
          ],
          {
            actor,
            action: 'ruleset.publish',
            target: draft.id,
            details: { version: version.version, hash: version.hash, parent: version.parent },
          },
          now,
        );
      } catch (error) {
        if (error instanceof ChangeConditionFailedError) {
          throw new ConflictError('publish_conflict', {
            zh: '该草稿已被他人发布或修改，请刷新后重试',
            en: 'Another publish or save of this draft happened first',
          });
        }
        throw error;
      }
      return version;
    },

    async listVersions(tenant: TenantKey, id: string): Promise<VersionSummary[]> {
      const table = tables.forTenant(tenant);
      const answer = await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': tenant, ':prefix': versionPrefix(id) },
          ProjectionExpression:
            'id, version, #name, #hash, effectiveHash, parent, draftRevision, publishedAt, publishedBy',
          ExpressionAttributeNames: { '#name': 'name', '#hash': 'hash' },
        }),
      );
      return (answer.Items ?? []).map((item) =>
        versionSchema.omit({ source: true, catalog: true }).parse(item),
      );
    },

    async getVersion(tenant: TenantKey, id: string, version: number): Promise<VersionRecord | null> {
      const table = tables.forTenant(tenant);
      const answer = await table.client.send(
        new GetCommand({ TableName: table.tableName, Key: { PK: tenant, SK: versionSk(id, version) } }),
      );
      return answer.Item === undefined ? null : versionSchema.parse(stripKeys(answer.Item));
    },
  };
}
export type RuleSetRepository = ReturnType<typeof ruleSetRepository>;
