import { useMemo } from 'react';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { type DiffRow, foldUnchanged, lineDiff } from './line-diff.ts';

const background: Readonly<Record<DiffRow['kind'], readonly [string, string]>> = {
  same: ['transparent', 'transparent'],
  removed: ['#fff1f0', '#fafafa'],
  added: ['#fafafa', '#f6ffed'],
  changed: ['#fff1f0', '#f6ffed'],
};

/** Two versions of a rule file side by side, changed lines coloured (unchanged runs kept for context). */
export function SourceDiffView({
  before,
  after,
  labels,
}: {
  readonly before: string;
  readonly after: string;
  readonly labels: readonly [string, string];
}) {
  const { t } = useI18n();
  const rows = useMemo(() => foldUnchanged(lineDiff(before, after)), [before, after]);
  const cell = {
    fontFamily: 'var(--kp-mono)',
    fontSize: 13,
    whiteSpace: 'pre-wrap',
    verticalAlign: 'top',
    padding: '1px 6px',
  } as const;
  const number = { ...cell, color: '#8c8c8c', textAlign: 'right', userSelect: 'none', width: 36 } as const;
  return (
    <div style={{ overflow: 'auto', maxHeight: 520, border: '1px solid #f0f0f0', borderRadius: 6 }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed' }}>
        <colgroup>
          <col style={{ width: 40 }} />
          <col />
          <col style={{ width: 40 }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th colSpan={2} style={{ textAlign: 'left', padding: 6 }}>
              {labels[0]}
            </th>
            <th colSpan={2} style={{ textAlign: 'left', padding: 6 }}>
              {labels[1]}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            if (row.kind === 'folded') {
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
                <tr key={index} data-kind="folded">
                  <td
                    colSpan={4}
                    style={{ ...cell, color: '#8c8c8c', textAlign: 'center', background: '#fafafa' }}
                  >
                    {t('diff.folded', { count: row.count })}
                  </td>
                </tr>
              );
            }
            const [left, right] = background[row.kind];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
              <tr key={index} data-kind={row.kind}>
                <td style={{ ...number, background: left }}>{row.left?.line ?? ''}</td>
                <td style={{ ...cell, background: left }}>{row.left?.text ?? ''}</td>
                <td style={{ ...number, background: right }}>{row.right?.line ?? ''}</td>
                <td style={{ ...cell, background: right }}>{row.right?.text ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
