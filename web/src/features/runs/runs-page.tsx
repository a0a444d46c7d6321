import { Button, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../shared/api/use-query.ts';
import { can } from '../../shared/auth/roles.ts';
import type { Session } from '../../shared/auth/session.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { pick } from '../../shared/i18n/messages.ts';
import { Link, navigate } from '../../shared/router/router.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { ResultsPanel } from './results-panel.tsx';
import { type CityView, listCities, type Run, ruleSetOf } from './runs-api.ts';
import { StartRunForm } from './start-run-form.tsx';
import { isRunning, runProgress, useRuns } from './use-runs.ts';

interface RunsPageProps {
  readonly session: Session;
  readonly runId?: string | undefined;
  readonly subject?: string | undefined;
}

const statusColor: Readonly<Record<Run['status'], string>> = {
  preparing: 'blue',
  scoring: 'blue',
  finalizing: 'blue',
  finished: 'green',
  failed: 'red',
};

/** Assessment runs: start one (admins), watch its progress, open a finished run's results. */
export function RunsPage({ session, runId, subject }: RunsPageProps) {
  const { t, locale } = useI18n();
  // A province admin or reader may look at one of its cities' runs (read-only, `?city=` on every call).
  const cities = useQuery((signal) => listCities(signal), []);
  const [city, setCity] = useState<CityView>(undefined);
  const runs = useRuns(city);
  const selected = runs.status === 'ready' ? runs.data.find((run) => run.runId === runId) : undefined;

  const columns = [
    {
      title: t('runs.col.period'),
      key: 'period',
      render: (_: unknown, run: Run) => (
        <Link
          to={`/runs/${encodeURIComponent(run.runId)}`}
          aria-current={run.runId === runId ? 'page' : undefined}
        >
          {`${run.request.period} · ${ruleSetOf(run)} v${run.request.version}`}
        </Link>
      ),
    },
    {
      title: t('runs.col.kind'),
      key: 'kind',
      responsive: ['md' as const],
      render: (_: unknown, run: Run) => t(run.subjectKind === 'cadre' ? 'runs.kind.cadre' : 'runs.kind.unit'),
    },
    {
      title: t('runs.col.status'),
      key: 'status',
      render: (_: unknown, run: Run) =>
        isRunning(run) ? (
          <Space orientation="vertical" size={0} style={{ minWidth: 160 }}>
            <Tag color={statusColor[run.status]}>{t(`runs.status.${run.status}`)}</Tag>
            <Progress
              percent={runProgress(run)}
              size="small"
              aria-label={t('runs.progress', { done: run.done, total: run.total })}
            />
            <Typography.Text type="secondary">
              {t('runs.progress', { done: run.done, total: run.total })}
            </Typography.Text>
          </Space>
        ) : (
          <Space orientation="vertical" size={0}>
            <Tag color={statusColor[run.status]}>{t(`runs.status.${run.status}`)}</Tag>
            {run.status === 'failed' && run.error !== undefined ? (
              <Typography.Text type="danger">{describeError(run.error, locale)}</Typography.Text>
            ) : null}
          </Space>
        ),
    },
    { title: t('runs.col.subjects'), key: 'total', dataIndex: 'total', responsive: ['sm' as const] },
    {
      title: t('runs.col.created'),
      key: 'created',
      responsive: ['lg' as const],
      render: (_: unknown, run: Run) =>
        new Date(run.createdAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en'),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('runs.title')}
        </Typography.Title>
        {cities.status === 'ready' && cities.data.length > 0 ? (
          <Select
            aria-label={t('runs.view')}
            style={{ minWidth: 160 }}
            value={city ?? ''}
            onChange={(next: string) => {
              setCity(next === '' ? undefined : next);
              navigate('/runs');
            }}
            options={[
              { value: '', label: t('runs.view.own') },
              ...cities.data.map((entry) => ({ value: entry.id, label: entry.name })),
            ]}
          />
        ) : null}
      </Space>
      {city === undefined && can(session.user.role, 'runs.start') ? (
        <StartRunForm
          onStarted={(run) => {
            runs.reload();
            navigate(`/runs/${encodeURIComponent(run.runId)}`);
          }}
        />
      ) : null}
      {runs.status === 'failed' ? <ProblemAlert problem={runs.problem} onRetry={runs.reload} /> : null}
      <Table<Run>
        size="small"
        rowKey="runId"
        loading={runs.status === 'loading'}
        dataSource={runs.status === 'ready' ? [...runs.data] : []}
        columns={columns}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
        rowClassName={(run) => (run.runId === runId ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: t('runs.none') }}
        scroll={{ x: 'max-content' }}
        title={() => (
          <Space>
            <Typography.Text strong>{t('runs.list')}</Typography.Text>
            <Button size="small" onClick={runs.reload}>
              {t('runs.refresh')}
            </Button>
          </Space>
        )}
      />
      {runId !== undefined && runs.status === 'ready' && selected === undefined ? (
        <Typography.Text type="warning">{t('runs.unknown', { id: runId })}</Typography.Text>
      ) : null}
      {selected !== undefined && selected.status === 'finished' ? (
        <ResultsPanel key={selected.runId} run={selected} city={city} session={session} subject={subject} />
      ) : null}
      {selected !== undefined && isRunning(selected) ? (
        <Typography.Text role="status">{t('runs.waiting')}</Typography.Text>
      ) : null}
    </Space>
  );
}

function describeError(error: NonNullable<Run['error']>, locale: 'zh' | 'en'): string {
  if (typeof error === 'string') return error;
  if ('zh' in error && 'en' in error && typeof error.zh === 'string' && typeof error.en === 'string') {
    return pick({ zh: error.zh, en: error.en }, locale);
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (typeof message === 'object' && message !== null && 'zh' in message && 'en' in message) {
    return pick(message as { zh: string; en: string }, locale);
  }
  return '';
}
