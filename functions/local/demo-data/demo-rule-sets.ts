import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { compile } from '../../../dsl/index.ts';
import type { Services } from '../../api/services.ts';
import { compileWithParent, extendsClause, publishGate } from '../../domain/rule-set-lifecycle.ts';
import { cityKey, provinceKey, type TenantKey } from '../../domain/tenant-key.ts';
import { catalogFieldSchema } from '../../store/catalog-repository.ts';
import type { DraftRecord } from '../../store/rule-set-repository.ts';
import { demoCities, demoProvince } from './demo-users.ts';

export interface RuleSetLoadReport {
  readonly published: string[];
  readonly skipped: string[];
}

interface ExampleFile {
  readonly file: string;
  readonly source: string;
}

/** `province-2024.kp` → `province`: the rule set's id; the year lives in its versions. */
export function ruleSetIdOf(file: string): string {
  const stem = basename(file, '.kp')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-?(19|20)\d\d$/, '')
    .replace(/^-+|-+$/g, '');
  // A name with no Latin letters (示范省.kp) still needs a stable, URL-safe id.
  if (stem === '') return `rs-${createHash('sha256').update(file).digest('hex').slice(0, 8)}`;
  return /^[a-z]/.test(stem) ? stem.slice(0, 64) : `rs-${stem}`.slice(0, 64);
}

/**
 * Loads the example rule sets through the same repositories as the API: every `.kp` without `extends`
 * is a province rule set (files with the same rule-set name become its successive versions, in file-name
 * order); every `.kp` with `extends name@n` becomes a city rule set pinned to that version, for the city
 * whose id the file name contains, else the cities in order. Each must pass its tests to be published.
 */
export async function loadDemoRuleSets(
  s: Services,
  examplesDir: string,
  actor: string,
): Promise<RuleSetLoadReport> {
  const report: RuleSetLoadReport = { published: [], skipped: [] };
  if (!existsSync(examplesDir)) {
    report.skipped.push(`${examplesDir} (no such folder)`);
    return report;
  }
  const files: ExampleFile[] = readdirSync(examplesDir)
    .filter((file) => file.endsWith('.kp'))
    .sort()
    .map((file) => ({ file, source: readFileSync(join(examplesDir, file), 'utf8') }));
  const province = provinceKey(demoProvince.id);
  const provinceByName = new Map<string, string>();

  for (const example of files.filter((f) => extendsClause(f.source) === null)) {
    const compiled = compile(example.source, { fileName: example.file });
    if (!compiled.ok) {
      report.skipped.push(`${example.file} (does not compile on its own)`);
      continue;
    }
    const id = provinceByName.get(compiled.ruleSet.name) ?? ruleSetIdOf(example.file);
    provinceByName.set(compiled.ruleSet.name, id);
    const version = await publishExample(s, actor, province, id, example, null, report);
    if (version !== null) await storeCatalog(s, actor, province, compiled.ruleSet.catalog);
  }

  const cityFiles = files.filter((f) => extendsClause(f.source) !== null);
  for (const [index, example] of cityFiles.entries()) {
    const clause = extendsClause(example.source);
    const parentId = clause === null ? undefined : provinceByName.get(clause.name);
    const city = demoCities.find((c) => example.file.includes(c.id)) ?? demoCities[index % demoCities.length];
    if (clause === null || parentId === undefined || city === undefined) {
      report.skipped.push(`${example.file} (its parent ${clause?.name ?? '?'} was not published)`);
      continue;
    }
    const tenant = cityKey(demoProvince.id, city.id);
    await publishExample(
      s,
      actor,
      tenant,
      ruleSetIdOf(example.file),
      example,
      { ruleSet: parentId, version: clause.version },
      report,
    );
  }
  return report;
}

async function publishExample(
  s: Services,
  actor: string,
  tenant: TenantKey,
  id: string,
  example: ExampleFile,
  pin: { ruleSet: string; version: number } | null,
  report: RuleSetLoadReport,
): Promise<number | null> {
  let parent: { source: string; hash: string } | null = null;
  const province = provinceKey(demoProvince.id);
  if (pin !== null) {
    parent = await s.ruleSets.getVersion(province, pin.ruleSet, pin.version);
    if (parent === null) {
      report.skipped.push(`${example.file} (${pin.ruleSet}@${pin.version} is not published)`);
      return null;
    }
  }
  const gate = publishGate(compileWithParent(example.source, parent, example.file));
  if (!gate.ok) {
    const why = gate.tests === null ? 'errors' : `${gate.tests.failed} failing tests`;
    report.skipped.push(`${example.file} (${why})`);
    return null;
  }
  const existing = await s.ruleSets.getDraft(tenant, id);
  let draft: DraftRecord;
  if (existing === null) {
    draft = await s.ruleSets.create(actor, tenant, { id, source: example.source, parent: pin });
  } else {
    draft = await s.ruleSets.saveDraft(actor, tenant, id, { source: example.source }, existing.revision, {
      action: 'ruleset.draft.save',
      details: { file: example.file },
    });
  }
  const version = await s.ruleSets.publish(actor, tenant, draft, {
    name: gate.ruleSet.name,
    hash: gate.ruleSet.hash,
    effectiveHash: gate.ruleSet.effectiveHash,
    parent: pin === null || parent === null ? null : { ...pin, hash: parent.hash },
  });
  report.published.push(
    `${example.file} → ${id}@${version.version}${pin === null ? '' : ` (extends ${pin.ruleSet}@${pin.version})`}`,
  );
  return version.version;
}

async function storeCatalog(
  s: Services,
  actor: string,
  tenant: TenantKey,
  fields: readonly unknown[],
): Promise<void> {
  for (const field of fields) {
    const parsed = z.object(catalogFieldSchema.shape).safeParse(field);
    if (parsed.success) await s.catalog.put(actor, tenant, parsed.data, false);
  }
}
