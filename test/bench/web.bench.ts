import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './figure.ts';

const root = resolve(import.meta.dirname, '../..');

/** The JavaScript files index.html loads before the first page shows: its module script and modulepreloads. */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const match of indexHtml.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g))
    found.add(match[1] as string);
  for (const match of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    found.add(match[1] as string);
  return [...found];
}

/**
 * Builds the console and measures what the first route costs: gzipped JS that index.html loads up front
 * (the editor and charts are lazy chunks and not counted), plus the lazily loaded editor for reference.
 */
export async function bench(): Promise<readonly Figure[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'kaoping-web-bench-'));
  try {
    const built = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}`);
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const gz = (file: string): number => gzipSync(readFileSync(join(outDir, file.replace(/^\//, '')))).length;
    const initial = initialScripts(html).reduce((sum, file) => sum + gz(file), 0);
    const editorChunks = readdirSync(join(outDir, 'assets')).filter((file) =>
      /^(rules-editor-page|code-editor)-.*\.js$/.test(file),
    );
    const editor = editorChunks.reduce((sum, file) => sum + gz(`assets/${file}`), 0);
    return [
      { name: 'web_initial_js_kb_gz', value: round(initial / 1024), unit: 'KB', target: '<= 350' },
      { name: 'web_editor_lazy_js_kb_gz', value: round(editor / 1024), unit: 'KB' },
    ];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const round = (value: number): number => Math.round(value * 10) / 10;
