import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, diagnostic, sortDiagnostics, startRange } from '../../dsl/diagnostics.ts';

describe('diagnostics catalogue', () => {
  it('documents every code in docs/diagnostics.md', () => {
    const doc = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');
    for (const code of Object.keys(CATALOGUE)) expect(doc, code).toContain(`### ${code} `);
  });

  it('builds bilingual messages from arguments', () => {
    const d = diagnostic('KP401', startRange, ['95']);
    expect(d).toMatchObject({ code: 'KP401', severity: 'error' });
    expect(d.message.zh).toContain('95%');
    expect(d.message.en).toContain('95%');
  });

  it('sorts by position, then code', () => {
    const at = (offset: number) => ({
      start: { line: 1, column: offset + 1, offset },
      end: { line: 1, column: offset + 2, offset: offset + 1 },
    });
    const sorted = sortDiagnostics([
      diagnostic('KP302', at(5), ['a']),
      diagnostic('KP301', at(5), ['a']),
      diagnostic('KP101', at(1), ['$']),
    ]);
    expect(sorted.map((d) => d.code)).toEqual(['KP101', 'KP301', 'KP302']);
  });
});
