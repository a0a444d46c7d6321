import { Alert, App, Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { useQuery } from '../../shared/api/use-query.ts';
import { can } from '../../shared/auth/roles.ts';
import type { Session } from '../../shared/auth/session.ts';
import { Chart } from '../../shared/charts/lazy-chart.tsx';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import type { MessageKey } from '../../shared/i18n/messages.ts';
import { CodeEditor } from '../../shared/rules-language/code-editor.tsx';
import { declaredNames } from '../../shared/rules-language/declared-names.ts';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import {
  type CityDraft,
  type Effective,
  fetchCitySource,
  fetchEffective,
  listInheritingRuleSets,
  type RepinPreview,
  repin,
} from './inherited-api.ts';

/** A city admin's view of the province rules it runs under: pin, locks, its own overrides, newer versions. */
export function InheritedRulesPage({ session }: { readonly session: Session }) {
  const { t } = useI18n();
  const ruleSets = useQuery((signal) => listInheritingRuleSets(signal), []);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('inherited.title')}
      </Typography.Title>
      {ruleSets.status === 'loading' ? <Spin /> : null}
      {ruleSets.status === 'failed' ? (
        <ProblemAlert problem={ruleSets.problem} onRetry={ruleSets.reload} />
      ) : null}
      {ruleSets.status === 'ready' && ruleSets.data.length === 0 ? (
        <Empty description={t('inherited.none')} />
      ) : null}
      {ruleSets.status === 'ready'
        ? ruleSets.data.map((draft) => <InheritedRuleSet key={draft.id} draft={draft} session={session} />)
        : null}
    </Space>
  );
}

type Origin = 'own' | 'inherited';

function InheritedRuleSet({ draft, session }: { readonly draft: CityDraft; readonly session: Session }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [round, setRound] = useState(0);
  const loaded = useQuery(
    async (signal) => {
      const [effective, source] = await Promise.all([
        fetchEffective(draft.id, signal),
        fetchCitySource(draft.id, signal),
      ]);
      return { effective, source };
    },
    [draft.id, round],
  );
  const [preview, setPreview] = useState<RepinPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const declared = useMemo(
    () => (loaded.status === 'ready' ? declaredNames(loaded.data.source) : new Map<string, Set<string>>()),
    [loaded],
  );

  if (loaded.status === 'loading') return <Spin />;
  if (loaded.status === 'failed') return <ProblemAlert problem={loaded.problem} onRetry={loaded.reload} />;
  const { effective, source } = loaded.data;
  const latest = effective.latestParentVersion;
  const pinned = effective.parent?.version ?? null;
  const mayRepin = can(session.user.role, 'rules.repin');
  const originOf = (kind: string, name: string): Origin =>
    declared.get(kind)?.has(name) === true ? 'own' : 'inherited';

  const act = async (dryRun: boolean): Promise<void> => {
    if (latest === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const answer = await repin(draft.id, latest, effective.revision, dryRun);
      if (dryRun) setPreview(answer);
      else {
        setPreview(null);
        void message.success(t('inherited.repinned', { version: latest }));
        setRound((value) => value + 1);
      }
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`${effective.effective.name} (${draft.id})`}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {effective.newerParentAvailable && latest !== null && pinned !== null ? (
          <Alert
            type="info"
            showIcon
            role="status"
            title={t('inherited.newer', { version: latest, current: pinned })}
            action={
              mayRepin ? (
                <Space orientation="vertical">
                  <Button size="small" onClick={() => void act(true)} loading={busy && preview === null}>
                    {t('inherited.preview')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => void act(false)}
                    loading={busy && preview !== null}
                  >
                    {t('inherited.repin', { version: latest })}
                  </Button>
                </Space>
              ) : undefined
            }
          />
        ) : null}
        {problem !== null ? <ProblemAlert problem={problem} /> : null}
        {preview !== null ? <RepinPreviewView preview={preview} /> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'parent',
              label: t('inherited.pin'),
              children:
                effective.parent === null
                  ? '—'
                  : t('inherited.parent', {
                      name: effective.parent.ruleSet,
                      version: effective.parent.version,
                    }),
            },
            {
              key: 'hash',
              label: t('versions.hash'),
              children: (
                <Typography.Text code>{effective.effective.effectiveHash.slice(0, 16)}</Typography.Text>
              ),
            },
            { key: 'grades', label: t('inherited.grades'), children: effective.effective.grades.join(' / ') },
          ]}
        />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('weights.title')}
        </Typography.Title>
        <Table
          size="small"
          pagination={false}
          rowKey="name"
          scroll={{ x: true }}
          aria-label={t('weights.title')}
          dataSource={effective.effective.dimensions}
          columns={[
            { title: t('weights.dimension'), dataIndex: 'name' },
            {
              title: t('weights.weight'),
              key: 'weight',
              render: (_v, row) => percent(row.weight, effective),
            },
            {
              title: t('weights.floor'),
              key: 'floor',
              render: (_v, row) => (row.floor === undefined ? '—' : `≥ ${percent(row.floor, effective)}`),
            },
            {
              title: t('inherited.status'),
              key: 'status',
              render: (_v, row) => (
                <OriginTags locked={row.locked} origin={originOf('dimension', row.name)} />
              ),
            },
          ]}
        />
        <Chart
          height={220}
          label={t('inherited.weightChart')}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { data: [t('weights.weight'), t('weights.floor')] },
            grid: { left: 40, right: 16, top: 36, bottom: 28 },
            xAxis: {
              type: 'category',
              data: effective.effective.dimensions.map((dimension) => dimension.name),
            },
            yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
            series: [
              {
                name: t('weights.weight'),
                type: 'bar',
                data: effective.effective.dimensions.map((d) => percentValue(d.weight, effective)),
              },
              {
                name: t('weights.floor'),
                type: 'bar',
                data: effective.effective.dimensions.map((d) =>
                  d.floor === undefined ? 0 : percentValue(d.floor, effective),
                ),
              },
            ],
          }}
        />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('inherited.indicators')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="id"
          scroll={{ x: true }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          aria-label={t('inherited.indicators')}
          dataSource={effective.effective.indicators}
          columns={[
            { title: t('inherited.name'), dataIndex: 'name' },
            { title: t('hover.dimension'), dataIndex: 'dimension' },
            {
              title: t('hover.categories'),
              key: 'categories',
              render: (_v, row) => row.categories.join('、'),
            },
            {
              title: t('inherited.status'),
              key: 'status',
              render: (_v, row) => <OriginTags locked={false} origin={originOf('indicator', row.name)} />,
            },
          ]}
        />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('inherited.rules')}
        </Typography.Title>
        <Table
          size="small"
          rowKey={(row) => `${row.kind}:${row.id}`}
          scroll={{ x: true }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          aria-label={t('inherited.rules')}
          dataSource={effective.effective.rules.filter((rule) => rule.kind !== 'indicator')}
          columns={[
            { title: t('inherited.name'), dataIndex: 'name' },
            { title: t('inherited.kind'), key: 'kind', render: (_v, row) => kindLabel(row.kind, t) },
            {
              title: t('inherited.status'),
              key: 'status',
              render: (_v, row) => <OriginTags locked={false} origin={originOf(row.kind, row.name)} />,
            },
          ]}
        />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('inherited.citySource')}
        </Typography.Title>
        <CodeEditor
          value={source}
          readOnly
          label={t('inherited.citySource')}
          minHeight={120}
          maxHeight="480px"
        />
        <Typography.Text type="secondary">{t('inherited.originNote')}</Typography.Text>
      </Space>
    </Card>
  );
}

function OriginTags({ locked, origin }: { readonly locked: boolean; readonly origin: Origin }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {locked ? <Tag color="red">{t('inherited.locked')}</Tag> : null}
      {origin === 'own' ? (
        <Tag color="purple">{t('inherited.own')}</Tag>
      ) : (
        <Tag>{t('inherited.inheritedItem')}</Tag>
      )}
    </Space>
  );
}

function RepinPreviewView({ preview }: { readonly preview: RepinPreview }) {
  const { locale, t } = useI18n();
  const errors = preview.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const changes =
    preview.diff === null
      ? []
      : [
          ...preview.diff.added.map((item) => `${t('diff.added')} ${item.id}`),
          ...preview.diff.removed.map((item) => `${t('diff.removed')} ${item.id}`),
          ...preview.diff.changed.map(
            (item) => `${t('diff.changed')} ${item.id} (${item.fields.join(', ')})`,
          ),
        ];
  return (
    <Alert
      type={errors.length > 0 ? 'error' : 'info'}
      showIcon
      title={t('inherited.previewTitle', { from: preview.from, to: preview.to })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {errors.map((diagnostic) => (
            <li key={`${diagnostic.code}:${diagnostic.message.en}`}>{diagnostic.message[locale]}</li>
          ))}
          {changes.length === 0 ? (
            <li>{t('diff.noChanges')}</li>
          ) : (
            changes.map((change) => <li key={change}>{change}</li>)
          )}
        </ul>
      }
    />
  );
}

/** Weights may be fractions or percents in the language; shown in percent either way. */
function percentValue(value: number, effective: Effective): number {
  const total = effective.effective.dimensions.reduce((sum, dimension) => sum + dimension.weight, 0);
  const factor = total > 0 && total <= 1.5 ? 100 : 1;
  return Math.round(value * factor * 100) / 100;
}

function percent(value: number, effective: Effective): string {
  return `${percentValue(value, effective)}%`;
}

const kinds: readonly string[] = ['indicator', 'bonus', 'deduction', 'veto', 'tolerance', 'grade', 'quota'];

function kindLabel(kind: string, t: (key: MessageKey) => string): string {
  return kinds.includes(kind) ? t(`kind.${kind}` as MessageKey) : kind;
}
