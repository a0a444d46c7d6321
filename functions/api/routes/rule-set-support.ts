import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  BadRequestError,
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableError,
} from '../../domain/errors.ts';
import type { CompileInput } from '../../domain/rule-set-lifecycle.ts';
import { provinceOf, type TenantKey } from '../../domain/tenant-key.ts';
import type { DraftRecord, ParentPin, VersionRecord } from '../../store/rule-set-repository.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { cityQuerySchema, idSchema } from '../route-kit.ts';
import type { Services } from '../services.ts';

// What the draft routes (rule-sets.ts) and the version routes (rule-set-versions.ts) share.
export const sourceSchema = z.string().min(1);
export const pinSchema = z.strictObject({ ruleSet: idSchema, version: z.number().int().positive() });
export const createBody = z
  .strictObject({
    id: idSchema,
    source: sourceSchema,
    parent: pinSchema.optional(),
    useCatalog: z.boolean().optional().openapi({ description: 'compile with the tenant’s catalog source' }),
  })
  .openapi('CreateRuleSet');
export const saveBody = z.strictObject({ source: sourceSchema }).openapi('SaveDraft');
export const checkBody = z.strictObject({ source: sourceSchema.optional() }).openapi('CheckSource');
export const repinBody = z
  .strictObject({ version: z.number().int().positive(), dryRun: z.boolean().optional() })
  .openapi('Repin');
export const idParam = z.object({ id: idSchema });
export const versionParam = z.object({ id: idSchema, n: z.coerce.number().int().positive() });
export const cityQuery = z.strictObject({ city: cityQuerySchema });
export const versionRef = z.union([z.literal('draft'), z.coerce.number().int().positive()]);
export const admins = ['province_admin', 'city_admin'] as const;

export const etagOf = (draft: DraftRecord): string => `"${draft.revision}"`;

export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (match?.[1] === undefined)
    throw new BadRequestError('bad_if_match', { zh: 'If-Match 格式无效', en: 'Malformed If-Match header' });
  return Number(match[1]);
}

/** The source's `extends name@n` must name the version the record pins (re-pin keeps them together). */
export function assertPinMatches(ruleSet: { parent?: { version: number } }, pin: ParentPin | null): void {
  if (pin === null || ruleSet.parent?.version === pin.version) return;
  throw new UnprocessableError('parent_pin_mismatch', {
    zh: `源码继承的版本（${ruleSet.parent?.version ?? '无'}）与固定的上级版本 ${pin.version} 不一致，请使用“改用上级版本”`,
    en: `The source extends version ${ruleSet.parent?.version ?? 'none'} but the rule set is pinned to ${pin.version}; use re-pin`,
  });
}

export const notFound = (id: string): NotFoundError =>
  new NotFoundError({ zh: `规则集 ${id}`, en: `Rule set ${id}` });

/** Lookups every rule-set route needs, bound to the app's services. */
export function ruleSetContext(s: Services) {
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

  return { limitSource, draftOf, parentVersion, catalogOf, draftInput, latestParent, target };
}
