import type { Diagnostic } from '../../../../dsl/index.ts';
import * as dsl from '../../../../dsl/index.ts';

export type FormatResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

// `format` is part of the language's public contract but lands after compile/check; reading it off the
// namespace lets the editor offer "Format" as soon as it exists without breaking the build before.
const formatter = (dsl as { readonly format?: (source: string) => FormatResult }).format;

/** The language's formatter, or null while the language does not provide one yet. */
export function formatRules(source: string): FormatResult | null {
  return formatter === undefined ? null : formatter(source);
}

export const formatAvailable = formatter !== undefined;
