import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import type { Services } from '../../api/services.ts';
import {
  compileRuleSet,
  extendsClause,
  type ParentSource,
  publishGate,
} from '../../domain/rule-set-lifecycle.ts';
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

// A city that adopts the province's 2025 rules unchanged, so the demo has one city on each version.
const adoptingCity = new URL('./city-xizhou-2025.kp', import.meta.url);

/** `units-2024.kp` → `units`: the rule set's id; the year lives in its versions. */
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

function kpFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return kpFiles(path);
      return entry.endsWith('.kp') ? [path] : [];
    })
    .sort();
}

/**
 * Loads the example rule sets through the same repositories as the API. A `catalog.kp` becomes the
 * province's catalog source; every other `.kp` without `extends` is a province rule set (files with the
 * same rule-set name become its successive versions, in file-name order); a `.kp` with `extends name@n`
 * becomes a city's rule set pinned to that version (the city whose id the file name holds, else the next
 * city without one). Each is published only if it compiles and its tests pass.
 */
export async function loadDemoRuleSets(
  s: Services,
  examplesDir: string,
  actor: string,
): Promise<RuleSetLoadReport> {
  const report: RuleSetLoadReport = { published: [], skipped: [] };
  const paths = existsSync(examplesDir) ? kpFiles(examplesDir) : [];
  if (paths.length === 0) report.skipped.push(`${examplesDir} (no .kp files)`);
  const files = paths.map((path) => ({
    file: relative(examplesDir, path),
    source: readFileSync(path, 'utf8'),
  }));
  const province = provinceKey(demoProvince.id);

  const catalogFile = files.find((f) => basename(f.file) === 'catalog.kp');
  let catalog: string | null = null;
  if (catalogFile !== undefined) {
    const existing = await s.catalog.getSource(province);
    await s.catalog.putSource(actor, province, catalogFile.source, existing?.revision ?? 0);
    catalog = catalogFile.source;
  }

  const provinceByName = new Map<string, string>();
  const catalogFields = new Map<string, unknown>();
  for (const example of files.filter((f) => f !== catalogFile && extendsClause(f.source) === null)) {
    // A file with its own catalog compiles alone; one that reads the shared catalog needs it.
    const alone = compileRuleSet({
      source: example.source,
      catalog: null,
      parent: null,
      fileName: example.file,
    });
    const needed = alone.ok ? null : catalog;
    const compiled = alone.ok
      ? alone
      : compileRuleSet({ source: example.source, catalog, parent: null, fileName: example.file });
    if (!compiled.ok) {
      report.skipped.push(
        `${example.file} (does not compile: ${compiled.diagnostics[0]?.message.en ?? '?'})`,
      );
      continue;
    }
    const id = provinceByName.get(compiled.ruleSet.name) ?? ruleSetIdOf(example.file);
    provinceByName.set(compiled.ruleSet.name, id);
    const version = await publishExample(s, actor, province, id, example, needed, null, report);
    if (version !== null) for (const field of compiled.ruleSet.catalog) catalogFields.set(field.name, field);
  }
  // The typed catalog fields (what imports are checked against): each field once, as the latest version has it.
  await storeCatalogFields(s, actor, province, [...catalogFields.values()]);

  const cityFiles = [
    ...files.filter((f) => extendsClause(f.source) !== null),
    { file: 'city-xizhou-2025.kp', source: readFileSync(adoptingCity, 'utf8') },
  ];
  const taken = new Set<string>();
  for (const example of cityFiles) {
    const clause = extendsClause(example.source);
    const parentId = clause === null ? undefined : provinceByName.get(clause.name);
    const city =
      demoCities.find((c) => example.file.includes(c.id) && !taken.has(c.id)) ??
      demoCities.find((c) => !taken.has(c.id));
    if (clause === null || parentId === undefined || city === undefined) {
      report.skipped.push(`${example.file} (no parent ${clause?.name ?? '?'} or no city left)`);
      continue;
    }
    taken.add(city.id);
    const pin = { ruleSet: parentId, version: clause.version };
    await publishExample(
      s,
      actor,
      cityKey(demoProvince.id, city.id),
      ruleSetIdOf(example.file),
      example,
      null,
      pin,
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
  catalog: string | null,
  pin: { ruleSet: string; version: number } | null,
  report: RuleSetLoadReport,
): Promise<number | null> {
  let parent: (ParentSource & { hash: string }) | null = null;
  if (pin !== null) {
    parent = await s.ruleSets.getVersion(provinceKey(demoProvince.id), pin.ruleSet, pin.version);
    if (parent === null) {
      report.skipped.push(`${example.file} (${pin.ruleSet}@${pin.version} is not published)`);
      return null;
    }
  }
  const gate = publishGate(
    compileRuleSet({ source: example.source, catalog, parent, fileName: example.file }),
  );
  if (!gate.ok) {
    const why = gate.tests === null ? gate.diagnostics[0]?.message.en : `${gate.tests.failed} failing tests`;
    report.skipped.push(`${example.file} (${why ?? 'errors'})`);
    return null;
  }
  const existing = await s.ruleSets.getDraft(tenant, id);
  let draft: DraftRecord;
  if (existing === null) {
    draft = await s.ruleSets.create(actor, tenant, {
      id,
      source: example.source,
      parent: pin,
      useCatalog: catalog !== null,
    });
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
    catalog,
  });
  const extendsText = pin === null ? '' : ` extends ${pin.ruleSet}@${pin.version}`;
  report.published.push(`${example.file} → ${tenant} ${id}@${version.version}${extendsText}`);
  return version.version;
}

async function storeCatalogFields(
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
