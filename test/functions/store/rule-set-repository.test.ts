import { describe, expect, it } from 'vitest';
import { AppError } from '../../../functions/domain/errors.ts';
import { provinceKey } from '../../../functions/domain/tenant-key.ts';
import { ruleSetRepository } from '../../../functions/store/rule-set-repository.ts';
import { sharedTenantTables } from '../../../functions/store/tenant-tables.ts';
import { useTestTable } from '../../support/test-table.ts';

const compiled = (hash: string) => ({ name: '规则', hash, effectiveHash: hash, parent: null, catalog: null });

describe('rule-set repository', () => {
  const table = useTestTable();
  const repo = () => ruleSetRepository(sharedTenantTables(table), () => new Date('2026-01-01T00:00:00Z'));
  const tenant = provinceKey('store');

  it('refuses a publish from a stale read of the draft and leaves the existing version untouched', async () => {
    const draft = await repo().create('a', tenant, {
      id: 'r',
      source: 'v1',
      parent: null,
      useCatalog: false,
    });
    await repo().publish('a', tenant, draft, compiled('h1'));

    const stale = repo().publish('b', tenant, { ...draft, source: 'evil' }, compiled('h2'));

    await expect(stale).rejects.toBeInstanceOf(AppError);
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'publish_conflict' });
    const version = await repo().getVersion(tenant, 'r', 1);
    expect(version).toMatchObject({ source: 'v1', hash: 'h1', publishedBy: 'a' });
    expect((await repo().listVersions(tenant, 'r')).map((v) => v.version)).toEqual([1]);
  });

  it('answers a stale save with 412 and the current revision, and a missing draft with 404', async () => {
    await repo().create('a', tenant, { id: 's', source: 'x', parent: null, useCatalog: false });
    await repo().saveDraft('a', tenant, 's', { source: 'y' }, 1, { action: 'save', details: {} });

    const stale = repo().saveDraft('a', tenant, 's', { source: 'z' }, 1, { action: 'save', details: {} });
    const missing = repo().saveDraft('a', tenant, 'nope', { source: 'z' }, 1, {
      action: 'save',
      details: {},
    });

    await expect(stale).rejects.toMatchObject({ status: 412, details: { currentRevision: 2 } });
    await expect(missing).rejects.toMatchObject({ status: 404 });
    expect((await repo().getDraft(tenant, 's'))?.source).toBe('y');
  });
});
