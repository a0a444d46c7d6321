import { Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { useQuery } from '../../shared/api/use-query.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import {
  fetchDiff,
  fetchVersion,
  listVersions,
  type StructuralDiff,
  type VersionRef,
  type VersionSummary,
} from './rule-set-api.ts';
import { SourceDiffView } from './source-diff-view.tsx';

interface Comparison {
  readonly from: VersionRef;
  readonly to: VersionRef;
  readonly before: string;
  readonly after: string;
  readonly diff: StructuralDiff;
}

/** Published versions (who, when, hash) and a side-by-side comparison of any two, or of one with the draft. */
export function VersionsPanel({
  id,
  draftSource,
  refreshKey,
}: {
  readonly id: string;
  readonly draftSource: string;
  readonly refreshKey: number;
}) {
  const { t } = useI18n();
  const versions = useQuery((signal) => listVersions(id, signal), [id, refreshKey]);
  const [from, setFrom] = useState<VersionRef | undefined>();
  const [to, setTo] = useState<VersionRef>('draft');
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  if (versions.status === 'loading') return <Typography.Text>{t('app.loading')}</Typography.Text>;
  if (versions.status === 'failed')
    return <ProblemAlert problem={versions.problem} onRetry={versions.reload} />;
  if (versions.data.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('versions.none')} />;

  const label = (ref: VersionRef): string =>
    ref === 'draft' ? t('versions.draft') : `${t('versions.version')} ${ref}`;
  const options = [
    { value: 'draft', label: t('versions.draft') },
    ...versions.data.map((version) => ({ value: String(version.version), label: label(version.version) })),
  ];
  const parseRef = (value: string): VersionRef => (value === 'draft' ? 'draft' : Number(value));
  const fromRef = from ?? versions.data[0]?.version ?? 'draft';

  const compare = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const sourceOf = async (ref: VersionRef): Promise<string> =>
        ref === 'draft' ? draftSource : (await fetchVersion(id, ref)).source;
      const [before, after, diff] = await Promise.all([
        sourceOf(fromRef),
        sourceOf(to),
        fetchDiff(id, fromRef, to),
      ]);
      setComparison({ from: fromRef, to, before, after, diff });
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Table<VersionSummary>
        size="small"
        pagination={false}
        rowKey="version"
        dataSource={[...versions.data]}
        aria-label={t('versions.title')}
        scroll={{ x: true }}
        columns={[
          { title: t('versions.version'), dataIndex: 'version', width: 70 },
          { title: t('versions.by'), dataIndex: 'publishedBy' },
          {
            title: t('versions.at'),
            dataIndex: 'publishedAt',
            render: (value: string) => new Date(value).toLocaleString(),
          },
          {
            title: t('versions.hash'),
            dataIndex: 'hash',
            render: (value: string) => (
              <Typography.Text code copyable={{ text: value }}>
                {value.slice(0, 12)}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Space wrap>
        <label htmlFor="diff-from">{t('versions.from')}</label>
        <Select
          id="diff-from"
          style={{ minWidth: 120 }}
          value={String(fromRef)}
          options={options}
          onChange={(value: string) => setFrom(parseRef(value))}
        />
        <label htmlFor="diff-to">{t('versions.to')}</label>
        <Select
          id="diff-to"
          style={{ minWidth: 120 }}
          value={String(to)}
          options={options}
          onChange={(value: string) => setTo(parseRef(value))}
        />
        <Button onClick={() => void compare()} loading={busy}>
          {t('versions.compare')}
        </Button>
      </Space>
      {problem !== null ? <ProblemAlert problem={problem} /> : null}
      {comparison !== null ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('diff.structure')}
          </Typography.Title>
          <StructuralChanges diff={comparison.diff} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('diff.source')}
          </Typography.Title>
          <SourceDiffView
            before={comparison.before}
            after={comparison.after}
            labels={[label(comparison.from), label(comparison.to)]}
          />
        </Space>
      ) : null}
    </Space>
  );
}

function StructuralChanges({ diff }: { readonly diff: StructuralDiff }) {
  const { t } = useI18n();
  const weights = diff.weights.filter((change) => change.from !== change.to);
  if (diff.added.length + diff.removed.length + diff.changed.length + weights.length === 0) {
    return <Typography.Text type="secondary">{t('diff.noChanges')}</Typography.Text>;
  }
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {diff.added.map((item) => (
        <li key={`+${item.kind}:${item.id}`}>
          <Tag color="green">{t('diff.added')}</Tag>
          {item.id} <Typography.Text type="secondary">({item.kind})</Typography.Text>
        </li>
      ))}
      {diff.removed.map((item) => (
        <li key={`-${item.kind}:${item.id}`}>
          <Tag color="red">{t('diff.removed')}</Tag>
          {item.id} <Typography.Text type="secondary">({item.kind})</Typography.Text>
        </li>
      ))}
      {diff.changed.map((item) => (
        <li key={`~${item.kind}:${item.id}`}>
          <Tag color="orange">{t('diff.changed')}</Tag>
          {item.id} <Typography.Text type="secondary">({item.fields.join(', ')})</Typography.Text>
        </li>
      ))}
      {weights.map((change) => (
        <li key={`w:${change.dimension}`}>
          <Tag color="blue">{t('diff.weights')}</Tag>
          {change.dimension}: {change.from ?? '—'} → {change.to ?? '—'}
        </li>
      ))}
    </ul>
  );
}
