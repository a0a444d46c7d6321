import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleLazyModules, lambdaLazyModules } from '../../functions/local/build.ts';

describe('lazily loaded packages of a Lambda bundle', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kaoping-lazy-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('ship as node_modules/<name> beside the bundle, where the bundle’s import() finds and uses them', async () => {
    await bundleLazyModules(folder, lambdaLazyModules.api);
    // A module in the bundle's folder, importing the package by name as the handler's code does.
    const probe = join(folder, 'probe.mjs');
    writeFileSync(
      probe,
      "export async function workbookBytes() { const { default: ExcelJS } = await import('exceljs'); const wb = new ExcelJS.Workbook(); wb.addWorksheet('汇总').addRow(['总分', 87.5]); return (await wb.xlsx.writeBuffer()).byteLength; }\n",
    );

    const { workbookBytes } = (await import(pathToFileURL(probe).href)) as {
      workbookBytes: () => Promise<number>;
    };

    expect(await workbookBytes()).toBeGreaterThan(1000);
    expect(JSON.parse(readFileSync(join(folder, 'node_modules/exceljs/package.json'), 'utf8'))).toMatchObject(
      {
        name: 'exceljs',
        main: 'index.mjs',
      },
    );
  });
});
