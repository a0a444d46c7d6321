import {
  Alert,
  Button,
  Checkbox,
  Col,
  Form,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { useQuery } from '../../shared/api/use-query.ts';
import { Chart } from '../../shared/charts/lazy-chart.tsx';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { type CityDryRun, type Comparison, type DryRunSummary, dryRun, dryRunCities } from './dry-run-api.ts';
import { deltaHistogramOption, distributionOption } from './dry-run-charts.ts';
import { listVersions } from './rule-set-api.ts';

type Outcome =
  | { readonly kind: 'single'; readonly summary: DryRunSummary; readonly subjects: readonly Comparison[] }
  | { readonly kind: 'cities'; readonly tenants: readonly CityDryRun[] };

const periodPattern = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/**
 * Dry-run before publishing: the saved draft (or a version) against a published baseline over stored data;
 * publishing is offered right here, through the editor's own publish gate (`publish`).
 */
export function DryRunPanel({
  id,
  dirty,
  publish,
}: {
  readonly id: string;
  /** Whether the editor holds unsaved changes (the dry-run reads the saved draft). */
  readonly dirty: boolean;
  readonly publish: ReactNode;
}) {
  const { t } = useI18n();
  const versions = useQuery((signal) => listVersions(id, signal), [id]);
  const [baseline, setBaseline] = useState<number | undefined>(undefined);
  const [candidate, setCandidate] = useState<'draft' | number>('draft');
  const [periods, setPeriods] = useState<string[]>(['2024']);
  const [categories, setCategories] = useState<string[]>([]);
  const [cities, setCities] = useState(false);
  const [running, setRunning] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    if (baseline === undefined && versions.status === 'ready' && versions.data[0] !== undefined) {
      setBaseline(versions.data[0].version);
    }
  }, [baseline, versions]);
  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, [running]);

  const badPeriod = periods.find((period) => !periodPattern.test(period));
  const ready = baseline !== undefined && periods.length > 0 && badPeriod === undefined && !running;

  const start = async (): Promise<void> => {
    if (baseline === undefined) return;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    setElapsed(0);
    setProblem(null);
    setOutcome(null);
    const request = {
      candidate,
      baseline,
      periods,
      ...(categories.length > 0 ? { scope: { categories } } : {}),
    };
    try {
      if (cities) {
        setOutcome({ kind: 'cities', tenants: await dryRunCities(id, request, abort.signal) });
      } else {
        const answer = await dryRun(id, request, abort.signal);
        setOutcome({ kind: 'single', summary: answer.summary, subjects: answer.subjects });
      }
    } catch (error) {
      if (!abort.signal.aborted) setProblem(asProblem(error));
    } finally {
      if (controller.current === abort) setRunning(false);
    }
  };

  const versionOptions =
    versions.status === 'ready'
      ? versions.data.map((v) => ({ value: v.version, label: `v${v.version}` }))
      : [];

  if (versions.status === 'ready' && versions.data.length === 0) {
    return (
      <Space orientation="vertical">
        <Typography.Text>{t('dryRun.noBaseline')}</Typography.Text>
        {publish}
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {versions.status === 'failed' ? (
        <ProblemAlert problem={versions.problem} onRetry={versions.reload} />
      ) : null}
      <Form layout="vertical" onFinish={() => void start()}>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item label={t('dryRun.baseline')} htmlFor="dry-run-baseline">
              <Select
                id="dry-run-baseline"
                {...(baseline === undefined ? {} : { value: baseline })}
                options={versionOptions}
                onChange={(next: number) => setBaseline(next)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item label={t('dryRun.candidate')} htmlFor="dry-run-candidate">
              <Select
                id="dry-run-candidate"
                value={candidate}
                options={[{ value: 'draft' as const, label: t('dryRun.draft') }, ...versionOptions]}
                onChange={(next: 'draft' | number) => setCandidate(next)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('dryRun.periods')}
              htmlFor="dry-run-periods"
              validateStatus={badPeriod === undefined ? '' : 'error'}
              help={badPeriod === undefined ? undefined : t('dryRun.badPeriod', { period: badPeriod })}
            >
              <Select
                id="dry-run-periods"
                mode="tags"
                value={periods}
                onChange={(next: string[]) => setPeriods(next.map((period) => period.trim()))}
                tokenSeparators={[',', '，', ' ']}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('dryRun.categories')} htmlFor="dry-run-categories">
              <Select
                id="dry-run-categories"
                mode="tags"
                value={categories}
                placeholder={t('runs.start.allCategories')}
                onChange={(next: string[]) => setCategories(next)}
                tokenSeparators={[',', '，']}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label=" ">
              <Checkbox checked={cities} onChange={(event) => setCities(event.target.checked)}>
                {t('dryRun.cities')}
              </Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Space wrap>
          <Button type="primary" htmlType="submit" disabled={!ready} loading={running}>
            {running ? t('dryRun.running') : t('dryRun.start')}
          </Button>
          {publish}
        </Space>
      </Form>
      {dirty && candidate === 'draft' ? <Alert type="info" showIcon title={t('dryRun.unsaved')} /> : null}
      {running ? (
        <div role="status" aria-live="polite">
          <Progress percent={100} status="active" showInfo={false} aria-label={t('dryRun.running')} />
          <Typography.Text type="secondary">{t('dryRun.elapsed', { seconds: elapsed })}</Typography.Text>
        </div>
      ) : null}
      {problem !== null ? <ProblemAlert problem={problem} onRetry={() => void start()} /> : null}
      {outcome?.kind === 'single' ? (
        <SummaryView summary={outcome.summary} subjects={outcome.subjects} />
      ) : null}
      {outcome?.kind === 'cities' ? <CitiesView tenants={outcome.tenants} /> : null}
    </Space>
  );
}

function CitiesView({ tenants }: { readonly tenants: readonly CityDryRun[] }) {
  const { t, locale } = useI18n();
  return (
    <Tabs
      items={tenants.map((tenant) => ({
        key: tenant.tenant,
        label: `${tenant.name}${tenant.status === 'skipped' ? ` · ${t('dryRun.skipped')}` : ''}`,
        children:
          tenant.status === 'skipped' || tenant.summary === undefined ? (
            <Alert
              type="warning"
              showIcon
              title={t('dryRun.skippedWhy', { reason: tenant.reason?.[locale] ?? '' })}
            />
          ) : (
            <SummaryView summary={tenant.summary} subjects={tenant.subjects ?? []} />
          ),
      }))}
    />
  );
}

function SummaryView({
  summary,
  subjects,
}: {
  readonly summary: DryRunSummary;
  readonly subjects: readonly Comparison[];
}) {
  const { t } = useI18n();
  const changed = subjects.filter((subject) => subject.gradeChanged);
  const flipped = subjects.filter(
    (subject) => subject.vetoFlip !== undefined || subject.toleranceFlip !== undefined,
  );
  const distributionLabel = t('dryRun.distributionLabel', {
    before: summary.distribution.map((row) => `${row.grade} ${row.baseline}`).join('，'),
    after: summary.distribution.map((row) => `${row.grade} ${row.candidate}`).join('，'),
  });
  const causeText = (subject: Comparison): string =>
    subject.causes
      .slice(0, 4)
      .map((cause) => `${cause.ruleId} ${cause.delta > 0 ? '+' : ''}${cause.delta}`)
      .join('；');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title={t('dryRun.stat.subjects')} value={summary.subjects} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('dryRun.stat.meanDelta')} value={summary.meanDelta} precision={2} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('dryRun.stat.upDown')} value={`${summary.upgrades} / ${summary.downgrades}`} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('dryRun.stat.flips')}
            value={`${summary.vetoFlips} / ${summary.toleranceFlips}`}
          />
        </Col>
      </Row>
      {summary.maxDelta !== null ? (
        <Typography.Text type="secondary">
          {t('dryRun.maxDelta', {
            value: summary.maxDelta.value,
            subject: summary.maxDelta.subjectId,
            period: summary.maxDelta.period,
          })}
        </Typography.Text>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('dryRun.distribution')}</Typography.Title>
          <Chart
            label={distributionLabel}
            height={260}
            option={distributionOption(summary, {
              baseline: t('dryRun.before'),
              candidate: t('dryRun.after'),
            })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('dryRun.histogram')}</Typography.Title>
          <Chart
            label={t('dryRun.histogramLabel', { subjects: summary.subjects })}
            height={260}
            option={deltaHistogramOption(summary, { x: t('dryRun.delta'), y: t('results.chart.count') })}
          />
        </Col>
      </Row>
      <Table<Comparison>
        size="small"
        rowKey={(subject) => `${subject.period}:${subject.subjectId}`}
        title={() => (
          <Typography.Text strong>
            {t('dryRun.gradeChanges', { count: summary.gradeChanges })}
          </Typography.Text>
        )}
        dataSource={changed}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('dryRun.noGradeChanges') }}
        columns={[
          { title: t('dryRun.col.subject'), key: 'subject', render: (_, s) => s.name ?? s.subjectId },
          { title: t('dryRun.col.period'), dataIndex: 'period', key: 'period' },
          {
            title: t('dryRun.col.grade'),
            key: 'grade',
            render: (_, s) => `${s.baseline.grade ?? '—'} → ${s.candidate.grade ?? '—'}`,
          },
          {
            title: t('dryRun.col.total'),
            key: 'total',
            render: (_, s) =>
              `${s.baseline.total} → ${s.candidate.total} (${s.delta > 0 ? '+' : ''}${s.delta})`,
          },
          { title: t('dryRun.col.causes'), key: 'causes', render: (_, s) => causeText(s) },
        ]}
      />
      <Table<Comparison>
        size="small"
        rowKey={(subject) => `${subject.period}:${subject.subjectId}:flip`}
        title={() => <Typography.Text strong>{t('dryRun.flips')}</Typography.Text>}
        dataSource={flipped}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('dryRun.noFlips') }}
        columns={[
          { title: t('dryRun.col.subject'), key: 'subject', render: (_, s) => s.name ?? s.subjectId },
          { title: t('dryRun.col.period'), dataIndex: 'period', key: 'period' },
          {
            title: t('dryRun.col.flip'),
            key: 'flip',
            render: (_, s) => (
              <Space wrap>
                {s.vetoFlip !== undefined ? <Tag color="red">{t(`dryRun.veto.${s.vetoFlip}`)}</Tag> : null}
                {s.toleranceFlip !== undefined ? (
                  <Tag color="gold">{t(`dryRun.tolerance.${s.toleranceFlip}`)}</Tag>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <div>
        <Typography.Text strong>
          {t('dryRun.neverFired', { count: summary.neverFired.length })}
        </Typography.Text>
        {summary.neverFired.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('dryRun.allFired')}</Typography.Paragraph>
        ) : (
          <ul style={{ margin: 0 }}>
            {summary.neverFired.map((rule) => (
              <li key={rule.ruleId}>{`${rule.ruleId} (${rule.kind})`}</li>
            ))}
          </ul>
        )}
      </div>
    </Space>
  );
}
