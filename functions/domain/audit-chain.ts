import { createHash } from 'node:crypto';

/**
 * The tamper-evident audit log of one tenant: entry n carries the hash of entry n-1, and its own hash is
 * sha-256 over the canonical JSON of everything else in it. Editing any entry breaks its own hash; deleting
 * one leaves a gap in `seq` (or a head that points past the last entry); re-hashing an edit breaks the next link.
 */
export interface AuditEntryInput {
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditEntry extends AuditEntryInput {
  readonly seq: number;
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, target, details, prevHash } = entry;
  const body = canonicalJson({ seq, at, actor, action, target, details, prevHash });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

export function sealEntry(input: AuditEntryInput, seq: number, at: string, prevHash: string): AuditEntry {
  const unsealed = {
    seq,
    at,
    actor: input.actor,
    action: input.action,
    target: input.target,
    details: input.details,
    prevHash,
  };
  return { ...unsealed, hash: entryHash(unsealed) };
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: string };

/**
 * Recomputes the chain in `seq` order. `head` is the last seq the log recorded when it appended, so a
 * deleted tail is detected too.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  head: { seq: number; hash: string } | null,
): ChainVerdict {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      return { ok: false, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
    }
    if (entry.prevHash !== prevHash) {
      return { ok: false, brokenAt: entry.seq, reason: 'prevHash does not match the previous entry' };
    }
    if (entryHash(entry) !== entry.hash) {
      return { ok: false, brokenAt: entry.seq, reason: 'entry content does not match its hash' };
    }
    prevHash = entry.hash;
    expectedSeq += 1;
  }
  const lastSeq = expectedSeq - 1;
  const headSeq = head?.seq ?? 0;
  if (headSeq > lastSeq)
    return { ok: false, brokenAt: lastSeq + 1, reason: `entry ${lastSeq + 1} is missing` };
  if (headSeq < lastSeq)
    return { ok: false, brokenAt: headSeq + 1, reason: 'entries beyond the recorded head' };
  if (head !== null && head.hash !== prevHash) {
    return { ok: false, brokenAt: lastSeq, reason: 'the head does not match the last entry' };
  }
  return { ok: true, entries: lastSeq };
}
