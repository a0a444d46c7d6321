import { Alert, Button, Card, Checkbox, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { useQuery } from '../../shared/api/use-query.ts';
import { can } from '../../shared/auth/roles.ts';
import type { Session } from '../../shared/auth/session.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import {
  type Batch,
  batchKeyFor,
  type ImportIssue,
  listBatches,
  type UploadOutcome,
  uploadObservations,
} from './data-api.ts';
import { ObservationLookup } from './observation-lookup.tsx';

/** Observations: upload a CSV/XLSX file, see every row's problem before anything is stored, and the batches so far. */
export function DataPage({ session }: { readonly session: Session }) {
  const { t, locale } = useI18n();
  const batches = useQuery((signal) => listBatches(signal), []);
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [partial, setPartial] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [outcome, setOutcome] = useState<{ readonly file: string; readonly result: UploadOutcome } | null>(
    null,
  );
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const mayUpload = can(session.user.role, 'data.upload');

  const upload = async (): Promise<void> => {
    if (file === null || source.trim() === '') return;
    setUploading(true);
    setProblem(null);
    setOutcome(null);
    try {
      const result = await uploadObservations({
        file,
        batchKey: batchKeyFor(file.name, new Date()),
        source: source.trim(),
        partial,
      });
      setOutcome({ file: file.name, result });
      batches.reload();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setUploading(false);
    }
  };

  const batchColumns = [
    { title: t('data.batch.key'), dataIndex: 'batchKey', key: 'batchKey' },
    { title: t('data.batch.source'), dataIndex: 'source', key: 'source', responsive: ['sm' as const] },
    {
      title: t('data.batch.status'),
      key: 'status',
      render: (_: unknown, batch: Batch) => (
        <Tag color={batch.status === 'committed' ? 'green' : batch.status === 'rejected' ? 'red' : 'default'}>
          {batch.status === 'committed' || batch.status === 'rejected' || batch.status === 'pending'
            ? t(`data.batch.${batch.status}`)
            : batch.status}
        </Tag>
      ),
    },
    { title: t('data.batch.records'), dataIndex: 'records', key: 'records' },
    {
      title: t('data.batch.periods'),
      key: 'periods',
      responsive: ['md' as const],
      render: (_: unknown, batch: Batch) => summarisePeriods(batch.periods ?? []),
    },
    { title: t('data.batch.actor'), dataIndex: 'actor', key: 'actor', responsive: ['lg' as const] },
    {
      title: t('data.batch.when'),
      key: 'when',
      responsive: ['lg' as const],
      render: (_: unknown, batch: Batch) =>
        new Date(batch.startedAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en'),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('data.title')}
      </Typography.Title>
      {mayUpload ? (
        <Card title={t('data.upload.title')} size="small">
          <Typography.Paragraph type="secondary">{t('data.upload.help')}</Typography.Paragraph>
          <Form layout="vertical" onFinish={() => void upload()} style={{ maxWidth: 560 }}>
            <Form.Item label={t('data.upload.file')} htmlFor="data-file" required>
              <input
                id="data-file"
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            </Form.Item>
            <Form.Item label={t('data.upload.source')} htmlFor="data-source" required>
              <Input
                id="data-source"
                value={source}
                placeholder={t('data.upload.sourcePlaceholder')}
                onChange={(event) => setSource(event.target.value)}
                maxLength={64}
              />
            </Form.Item>
            <Form.Item>
              <Checkbox checked={partial} onChange={(event) => setPartial(event.target.checked)}>
                {t('data.upload.partial')}
              </Checkbox>
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={uploading}
              disabled={file === null || source.trim() === ''}
            >
              {uploading ? t('data.upload.sending') : t('data.upload.submit')}
            </Button>
          </Form>
        </Card>
      ) : (
        <Typography.Text type="secondary">{t('data.readOnly')}</Typography.Text>
      )}
      {problem !== null ? <ProblemAlert problem={problem} /> : null}
      {outcome !== null ? <OutcomeView file={outcome.file} outcome={outcome.result} /> : null}
      <ObservationLookup />
      {batches.status === 'failed' ? (
        <ProblemAlert problem={batches.problem} onRetry={batches.reload} />
      ) : null}
      <Table<Batch>
        size="small"
        rowKey="batchId"
        title={() => <Typography.Text strong>{t('data.batches')}</Typography.Text>}
        loading={batches.status === 'loading'}
        dataSource={batches.status === 'ready' ? [...batches.data] : []}
        columns={batchColumns}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('data.batch.none') }}
      />
    </Space>
  );
}

function OutcomeView({ file, outcome }: { readonly file: string; readonly outcome: UploadOutcome }) {
  const { t, locale } = useI18n();
  const issueColumns = [
    { title: t('data.issue.row'), dataIndex: 'row', key: 'row', width: 80 },
    {
      title: t('data.issue.column'),
      key: 'column',
      render: (_: unknown, issue: ImportIssue) =>
        issue.column === undefined || issue.column === null || issue.column === ''
          ? '—'
          : `${issue.columnLetter ?? ''} · ${issue.column}`,
    },
    {
      title: t('data.issue.reason'),
      key: 'reason',
      render: (_: unknown, issue: ImportIssue) => issue.message[locale],
    },
    { title: t('data.issue.code'), dataIndex: 'code', key: 'code', responsive: ['md' as const] },
  ];

  if (outcome.status === 'already-imported') {
    return (
      <Alert type="info" showIcon title={t('data.outcome.already', { file, records: outcome.records })} />
    );
  }
  const rejected = outcome.status === 'rejected';
  const issues = outcome.issues;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={rejected ? 'error' : issues.length > 0 ? 'warning' : 'success'}
        showIcon
        role={rejected ? 'alert' : 'status'}
        title={
          rejected
            ? t('data.outcome.rejected', { file, issues: outcome.issueCount })
            : t('data.outcome.committed', { file, records: outcome.records, rows: outcome.rows })
        }
        description={
          rejected
            ? t('data.outcome.nothingStored')
            : issues.length > 0
              ? t('data.outcome.partialSkipped', { issues: outcome.issueCount })
              : undefined
        }
      />
      {issues.length > 0 ? (
        <Table<ImportIssue>
          size="small"
          rowKey={(issue) => `${issue.row}:${issue.columnLetter ?? ''}:${issue.code}`}
          title={() => (
            <Typography.Text strong>
              {t('data.issues', { shown: issues.length, total: outcome.issueCount })}
            </Typography.Text>
          )}
          dataSource={[...issues]}
          columns={issueColumns}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
        />
      ) : null}
    </Space>
  );
}

/** `2024-01 … 2024-12 (12)` for a long list, the months themselves for a short one. */
export function summarisePeriods(periods: readonly string[]): string {
  if (periods.length <= 3) return periods.join(', ');
  const sorted = [...periods].sort();
  return `${sorted[0]} … ${sorted.at(-1)} (${sorted.length})`;
}
