import type * as A from './ast.ts';
import { checkProgram } from './checker.ts';
import { toAst } from './cst-to-ast.ts';
import { type Diagnostic, diagnostic, hasErrors, type Range } from './diagnostics.ts';
import { lex, offsetRange, tokenRange } from './lexer.ts';
import type { Model } from './model.ts';
import { gluedSplit } from './names.ts';
import { parseTokens } from './parser.ts';
import { Identifier } from './tokens.ts';

/** lex → parse → AST, collecting every diagnostic (the parser recovers, so an editor sees them all). */
export function parseSource(
  text: string,
  file?: string,
): { program?: A.Program; diagnostics: Diagnostic[]; comments: { text: string; range: Range }[] } {
  const lexed = lex(text, file);
  const diagnostics = [...lexed.diagnostics];
  const comments = lexed.comments.map((c) => ({ text: c.image, range: tokenRange(c, file) }));
  if (!lexed.parseable) return { diagnostics, comments };
  const { cst, errors } = parseTokens(lexed.tokens);
  for (const e of errors) {
    // Errors at end of input carry Chevrotain's EOF token, which has no position: point at the end of the text.
    const token = e.token;
    const atEnd = !(token.startOffset >= 0) || token.tokenType.name === 'EOF';
    const range: Range = atEnd ? offsetRange(text, text.length, 0, file) : tokenRange(token, file);
    const glued = token.tokenType === Identifier ? gluedSplit(token.image) : undefined;
    const hint = glued
      ? {
          zh: `关键字与名称连写了?请写成“${glued.keyword} ${glued.rest}”`,
          en: `keyword glued to a name? write '${glued.keyword} ${glued.rest}'`,
        }
      : undefined;
    const found = atEnd ? 'end of input' : `'${e.token.image}'`;
    diagnostics.push(diagnostic('KP201', range, [`${found}: ${e.message.split('\n')[0] ?? ''}`], hint));
  }
  return { program: toAst(cst, file, text), diagnostics, comments };
}

export interface Checked {
  readonly model?: Model;
  readonly program?: A.Program;
  readonly diagnostics: Diagnostic[];
}

/** Parses and checks a rule set (with its optional catalog file and parent). */
export function checkSource(
  text: string,
  opts: { catalog?: string; parent?: { name: string; model: Model }; fileName?: string },
): Checked {
  const parsed = parseSource(text, opts.fileName);
  const diagnostics = [...parsed.diagnostics];
  let catalogItems: A.Item[] | undefined;
  if (opts.catalog !== undefined) {
    const cat = parseSource(opts.catalog, 'catalog');
    diagnostics.push(...cat.diagnostics);
    catalogItems = cat.program?.items.filter((i) => i.kind === 'field') ?? [];
  }
  if (parsed.program === undefined) return { diagnostics };
  if (hasErrors(diagnostics)) {
    // Still run the checker for more diagnostics, but never produce a model from a broken parse.
    const more = checkProgram(parsed.program, {
      ...(catalogItems ? { catalogItems } : {}),
      ...(opts.parent ? { parent: opts.parent } : {}),
    });
    return {
      program: parsed.program,
      diagnostics: [...diagnostics, ...more.diagnostics.filter((d) => d.code !== 'KP202')],
    };
  }
  const checked = checkProgram(parsed.program, {
    ...(catalogItems ? { catalogItems } : {}),
    ...(opts.parent ? { parent: opts.parent } : {}),
  });
  diagnostics.push(...checked.diagnostics);
  return { ...(checked.model ? { model: checked.model } : {}), program: parsed.program, diagnostics };
}
