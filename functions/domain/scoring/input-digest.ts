import { createHash } from 'node:crypto';
import type { SubjectInput } from '../../../dsl/index.ts';

/** JSON with object keys sorted at every level, so equal data always serialises to equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

/** sha-256 over every subject's inputs in id order: two runs with equal digests read equal data. */
export function inputDigest(inputs: readonly SubjectInput[]): string {
  const hash = createHash('sha256');
  for (const input of [...inputs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(canonicalJson(input));
    hash.update('\n');
  }
  return hash.digest('hex');
}
