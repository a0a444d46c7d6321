import { Descriptions, Drawer, Grid, List, Space, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useQuery } from '../../shared/api/use-query.ts';
import { can } from '../../shared/auth/roles.ts';
import type { Session } from '../../shared/auth/session.ts';
import { Chart } from '../../shared/charts/lazy-chart.tsx';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { Link } from '../../shared/router/router.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { radarOption, radarSeries } from './run-charts.ts';
import {
  type CityView,
  type Explanation,
  fetchExplanation,
  fetchProfile,
  fetchRuleSourceLines,
  type Run,
  ruleSetOf,
  type TraceEntry,
} from './runs-api.ts';

/** One subject's result explained: every point given or taken, in words, with its rule's line; and the radar. */
export function ExplanationDrawer({
  run,
  city,
  subject,
  session,
  onClose,
}: {
  readonly run: Run;
  readonly city: CityView;
  readonly subject: string;
  readonly session: Session;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const explanation = useQuery(
    (signal) => fetchExplanation(run.runId, subject, signal, city),
    [run.runId, subject, city],
  );
  const title =
    explanation.status === 'ready'
      ? t('explain.title', { name: explanation.data.name ?? subject })
      : t('explain.titleLoading');
  return (
    <Drawer open onClose={onClose} title={title} size={screens.md === true ? 720 : '100%'} destroyOnHidden>
      {explanation.status === 'loading' ? <Spin description={t('explain.loading')} /> : null}
      {explanation.status === 'failed' ? (
        <ProblemAlert problem={explanation.problem} onRetry={explanation.reload} />
      ) : null}
      {explanation.status === 'ready' ? (
        <ExplanationBody
          run={run}
          city={city}
          explanation={explanation.data}
          mayOpenRules={city === undefined && can(session.user.role, 'rules.edit')}
        />
      ) : null}
    </Drawer>
  );
}

function ExplanationBody({
  run,
  city,
  explanation,
  mayOpenRules,
}: {
  readonly run: Run;
  readonly city: CityView;
  readonly explanation: Explanation;
  readonly mayOpenRules: boolean;
}) {
  const { t, locale } = useI18n();
  // Quote each rule's line from the version the run used (the editor shows the draft, which may have moved on).
  const source = useQuery(
    (signal) => fetchRuleSourceLines(ruleSetOf(run), run.request.version, signal, city),
    [run.runId, city],
  );
  const lines = source.status === 'ready' ? source.data : [];
  const sum = explanation.trace.reduce((total, entry) => total + Math.round(entry.points * 100), 0) / 100;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'total', label: t('results.col.total'), children: explanation.total },
          {
            key: 'grade',
            label: t('results.col.grade'),
            children: explanation.grade ?? t('results.noGrade'),
          },
          { key: 'rank', label: t('results.col.rank'), children: explanation.rank ?? '—' },
          { key: 'category', label: t('results.col.category'), children: explanation.category },
          ...Object.entries(explanation.dimensions).map(([name, value]) => ({
            key: name,
            label: name,
            children: value,
          })),
        ]}
      />
      {explanation.vetoes.map((veto) => (
        <Typography.Text key={veto.ruleId} type="danger">
          {t('explain.veto', { rule: veto.ruleId, reason: veto.reason })}
        </Typography.Text>
      ))}
      {explanation.tolerances.map((tolerance) => (
        <Typography.Text key={tolerance.ruleId} type="warning">
          {t('explain.tolerance', { rule: tolerance.ruleId, reason: tolerance.reason })}
        </Typography.Text>
      ))}
      {explanation.quotaAdjusted !== undefined ? (
        <Typography.Text type="warning">
          {t('explain.quota', {
            from: explanation.quotaAdjusted.from,
            to: explanation.quotaAdjusted.to,
            reason: explanation.quotaAdjusted.reason,
          })}
        </Typography.Text>
      ) : null}
      <ProfileRadar
        run={run}
        city={city}
        subject={explanation.subjectId}
        dimensions={Object.keys(explanation.dimensions)}
      />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('explain.points', { count: explanation.trace.length, sum })}
      </Typography.Title>
      <List<TraceEntry>
        size="small"
        bordered
        dataSource={[...explanation.trace]}
        renderItem={(entry) => {
          const line = entry.range.start.line;
          const lineText = t('explain.line', { line });
          return (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={entry.points < 0 ? 'red' : entry.points > 0 ? 'green' : 'default'}>
                    {entry.points > 0 ? `+${entry.points}` : entry.points}
                  </Tag>
                  <Typography.Text strong>{entry.ruleId}</Typography.Text>
                  <Tag>{kindLabel(entry.kind, t)}</Tag>
                  {entry.dimension !== undefined ? <Tag color="blue">{entry.dimension}</Tag> : null}
                  {mayOpenRules ? (
                    <Link
                      to={`/rules/${encodeURIComponent(ruleSetOf(run))}?line=${line}&column=${entry.range.start.column}`}
                      aria-label={t('explain.openLine', { rule: entry.ruleId, line })}
                    >
                      {lineText}
                    </Link>
                  ) : (
                    <Typography.Text type="secondary">{lineText}</Typography.Text>
                  )}
                </Space>
                <Typography.Text>{entry.sentence[locale]}</Typography.Text>
                {lines[line - 1] !== undefined ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('explain.sourceLine', {
                      version: run.request.version,
                      line,
                      text: (lines[line - 1] ?? '').trim(),
                    })}
                  </Typography.Text>
                ) : null}
                <Typography.Text type="secondary" code>
                  {entry.computation}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}

const kinds = ['indicator', 'bonus', 'deduction', 'veto', 'tolerance', 'grade', 'quota'] as const;
type Kind = (typeof kinds)[number];
function kindLabel(kind: string, t: ReturnType<typeof useI18n>['t']): string {
  return (kinds as readonly string[]).includes(kind) ? t(`kind.${kind as Kind}`) : kind;
}

function ProfileRadar({
  run,
  city,
  subject,
  dimensions,
}: {
  readonly run: Run;
  readonly city: CityView;
  readonly subject: string;
  readonly dimensions: readonly string[];
}) {
  const { t } = useI18n();
  const profile = useQuery((signal) => fetchProfile(subject, signal, city), [subject, city]);
  const radar = useMemo(
    () =>
      profile.status === 'ready'
        ? radarSeries(profile.data, dimensions, { period: run.request.period, runId: run.runId })
        : null,
    [profile, dimensions, run],
  );
  if (profile.status === 'failed') return <ProblemAlert problem={profile.problem} onRetry={profile.reload} />;
  if (radar === null) return <Spin description={t('explain.radarLoading')} />;
  const label =
    radar.previous === null
      ? t('explain.radarLabelOne', { period: radar.latest?.period ?? '' })
      : t('explain.radarLabel', { period: radar.latest?.period ?? '', previous: radar.previous.period });
  return (
    <section aria-label={t('explain.radarTitle')}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('explain.radarTitle')}
      </Typography.Title>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Chart label={label} option={radarOption(radar)} height={300} />
    </section>
  );
}
