import { Button, Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { useQuery } from '../../shared/api/use-query.ts';
import type { Session } from '../../shared/auth/session.ts';
import { Chart } from '../../shared/charts/lazy-chart.tsx';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { Link, navigate } from '../../shared/router/router.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { ExplanationDrawer } from './explanation-drawer.tsx';
import { HeatmapPanel } from './heatmap-panel.tsx';
import { histogramOption, scoreBins } from './run-charts.ts';
import {
  type CityView,
  downloadWorkbook,
  listAllResults,
  listResults,
  type ResultQuery,
  type ResultRow,
  type Run,
  ruleSetOf,
} from './runs-api.ts';

const pageSize = 20;

interface Filters {
  readonly unit: string;
  readonly category: string;
  readonly grade: string;
  readonly q: string;
}
const noFilters: Filters = { unit: '', category: '', grade: '', q: '' };

/** A finished run's results: filter, sort, page, open a subject's explanation, export, pictures. */
export function ResultsPanel({
  run,
  city,
  session,
  subject,
}: {
  readonly run: Run;
  readonly city: CityView;
  readonly session: Session;
  readonly subject?: string | undefined;
}) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [sort, setSort] = useState<{ field: string; order: 'asc' | 'desc' }>({
    field: 'total',
    order: 'desc',
  });
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const [exportProblem, setExportProblem] = useState<ApiProblem | null>(null);

  const query: ResultQuery = {
    ...filters,
    sort: sort.field,
    order: sort.order,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  };
  const results = useQuery(
    (signal) => listResults(run.runId, query, signal, city),
    [run.runId, city, JSON.stringify(query)],
  );
  const everything = useQuery((signal) => listAllResults(run.runId, signal, city), [run.runId, city]);

  const dimensions = useMemo(() => {
    const first = everything.status === 'ready' ? everything.data[0] : undefined;
    return first === undefined ? [] : Object.keys(first.dimensions);
  }, [everything]);
  const categories =
    everything.status === 'ready' ? [...new Set(everything.data.map((row) => row.category))].sort() : [];
  const grades =
    everything.status === 'ready'
      ? [...new Set(everything.data.map((row) => row.grade).filter((g) => g !== null))]
      : [];
  const units =
    everything.status === 'ready'
      ? [...new Set(everything.data.map((row) => row.unitId).filter((unit) => unit !== undefined))].sort()
      : [];

  const exportRun = async (): Promise<void> => {
    setExporting(true);
    setExportProblem(null);
    try {
      await downloadWorkbook(run, city);
    } catch (error) {
      setExportProblem(asProblem(error));
    } finally {
      setExporting(false);
    }
  };

  const runPath = `/runs/${encodeURIComponent(run.runId)}`;
  const columns = [
    {
      title: t('results.col.name'),
      key: 'name',
      fixed: 'left' as const,
      render: (_: unknown, row: ResultRow) => (
        <Link to={`${runPath}/${encodeURIComponent(row.subjectId)}`}>{row.name ?? row.subjectId}</Link>
      ),
    },
    { title: t('results.col.category'), dataIndex: 'category', key: 'category', responsive: ['md' as const] },
    {
      title: t('results.col.total'),
      dataIndex: 'total',
      key: 'total',
      sorter: true,
      sortOrder: sort.field === 'total' ? toAntOrder(sort.order) : null,
    },
    {
      title: t('results.col.grade'),
      key: 'grade',
      render: (_: unknown, row: ResultRow) => (
        <Space size={4} wrap>
          {row.grade === null ? <Tag>{t('results.noGrade')}</Tag> : <Tag color="blue">{row.grade}</Tag>}
          {row.status === 'needs_review' ? <Tag color="orange">{t('results.needsReview')}</Tag> : null}
          {row.vetoes.length > 0 ? <Tag color="red">{t('kind.veto')}</Tag> : null}
          {row.quotaAdjusted !== undefined ? <Tag color="purple">{t('results.quotaAdjusted')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('results.col.rank'), dataIndex: 'rank', key: 'rank', responsive: ['sm' as const] },
    ...dimensions.map((dimension) => ({
      title: dimension,
      key: dimension,
      responsive: ['lg' as const],
      sorter: true,
      sortOrder: sort.field === dimension ? toAntOrder(sort.order) : null,
      render: (_: unknown, row: ResultRow) => row.dimensions[dimension] ?? '—',
    })),
  ];

  const distribution =
    everything.status === 'ready'
      ? histogramOption(scoreBins(everything.data), {
          x: t('results.chart.total'),
          y: t('results.chart.count'),
        })
      : null;

  const table = (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setFilters(draft);
        }}
      >
        <Space wrap>
          <Input
            aria-label={t('results.filter.q')}
            placeholder={t('results.filter.q')}
            value={draft.q}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
            style={{ width: 180 }}
            allowClear
          />
          <FilterSelect
            label={t('results.filter.category')}
            value={draft.category}
            options={categories}
            onChange={(category) => setDraft({ ...draft, category })}
          />
          <FilterSelect
            label={t('results.filter.grade')}
            value={draft.grade}
            options={grades}
            onChange={(grade) => setDraft({ ...draft, grade })}
          />
          {units.length > 0 ? (
            <FilterSelect
              label={t('results.filter.unit')}
              value={draft.unit}
              options={units}
              onChange={(unit) => setDraft({ ...draft, unit })}
            />
          ) : null}
          <Button htmlType="submit" type="primary">
            {t('results.filter.apply')}
          </Button>
          <Button
            onClick={() => {
              setDraft(noFilters);
              setFilters(noFilters);
              setPage(1);
            }}
          >
            {t('results.filter.clear')}
          </Button>
        </Space>
      </form>
      {results.status === 'failed' ? (
        <ProblemAlert problem={results.problem} onRetry={results.reload} />
      ) : null}
      <Table<ResultRow>
        size="small"
        rowKey="subjectId"
        loading={results.status === 'loading'}
        dataSource={results.status === 'ready' ? [...results.data.items] : []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('results.none') }}
        onChange={(pagination, _filters, sorter) => {
          const single = Array.isArray(sorter) ? sorter[0] : sorter;
          const field =
            typeof single?.columnKey === 'string' && single.order != null ? single.columnKey : 'total';
          const order = single?.order === 'ascend' ? 'asc' : 'desc';
          if (field !== sort.field || order !== sort.order) {
            setSort({ field, order });
            setPage(1);
          } else {
            setPage(pagination.current ?? 1);
          }
        }}
        pagination={{
          current: page,
          pageSize,
          total: results.status === 'ready' ? results.data.total : 0,
          showSizeChanger: false,
          showTotal: (total) => t('results.count', { total }),
        }}
      />
    </Space>
  );

  return (
    <Card
      title={t('results.title', {
        period: run.request.period,
        ruleSet: ruleSetOf(run),
        version: run.request.version,
      })}
      extra={
        <Button onClick={() => void exportRun()} loading={exporting}>
          {t('results.export')}
        </Button>
      }
    >
      {exportProblem !== null ? <ProblemAlert problem={exportProblem} /> : null}
      <Tabs
        items={[
          { key: 'table', label: t('results.tab.table'), children: table },
          {
            key: 'distribution',
            label: t('results.tab.distribution'),
            children:
              everything.status === 'failed' ? (
                <ProblemAlert problem={everything.problem} onRetry={everything.reload} />
              ) : distribution === null ? null : (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="secondary">{t('results.distributionNote')}</Typography.Text>
                  <Chart label={t('results.distributionLabel')} option={distribution} height={320} />
                </Space>
              ),
          },
          ...(run.subjectKind === 'unit'
            ? [
                {
                  key: 'heatmap',
                  label: t('results.tab.heatmap'),
                  children: <HeatmapPanel run={run} city={city} dimensions={dimensions} />,
                },
              ]
            : []),
        ]}
      />
      {subject !== undefined ? (
        <ExplanationDrawer
          run={run}
          city={city}
          subject={subject}
          session={session}
          onClose={() => navigate(runPath)}
        />
      ) : null}
    </Card>
  );
}

function toAntOrder(order: 'asc' | 'desc'): 'ascend' | 'descend' {
  return order === 'asc' ? 'ascend' : 'descend';
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly options: readonly string[];
  readonly onChange: (value: string) => void;
}) {
  return (
    <Select
      aria-label={label}
      placeholder={label}
      style={{ minWidth: 140 }}
      allowClear
      {...(value === '' ? {} : { value })}
      onChange={(next: string | undefined) => onChange(next ?? '')}
      options={options.map((option) => ({ value: option, label: option }))}
    />
  );
}
