import { Alert, Button, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TestReport, TraceEntry } from '../../../../dsl/index.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';

interface TestReportPanelProps {
  readonly report: TestReport | null;
  /** Counts runs, so each new report opens its failures again. */
  readonly run: number;
  /** The source changed since the report was made. */
  readonly stale: boolean;
  readonly onJump: (line: number, column: number) => void;
}

/** The rule file's tests: failures with their traces, and the rules no test covers. */
export function TestReportPanel({ report, run, stale, onJump }: TestReportPanelProps) {
  const { locale, t } = useI18n();
  if (report === null) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tests.notRun')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={report.failed === 0 ? 'success' : 'error'}
        showIcon
        role="status"
        title={t('tests.summary', { passed: report.passed, failed: report.failed })}
        description={stale ? t('tests.stale') : undefined}
      />
      <Collapse
        key={run}
        size="small"
        defaultActiveKey={report.results.filter((result) => !result.ok).map((result) => result.name)}
        items={report.results.map((result) => ({
          key: result.name,
          label: (
            <span>
              <Tag color={result.ok ? 'green' : 'red'}>
                {result.ok ? t('tests.passed') : t('tests.failed')}
              </Tag>
              {result.name}
            </span>
          ),
          extra: (
            <Button
              size="small"
              type="link"
              onClick={(event) => {
                event.stopPropagation();
                onJump(result.range.start.line, result.range.start.column);
              }}
            >
              {t('diagnostics.at', { line: result.range.start.line, column: result.range.start.column })}
            </Button>
          ),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {result.failures.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {result.failures.map((failure) => (
                    <li key={failure}>
                      <Typography.Text type="danger">{failure}</Typography.Text>
                    </li>
                  ))}
                </ul>
              ) : null}
              {result.trace !== undefined && result.trace.length > 0 ? (
                <Table<TraceEntry>
                  size="small"
                  pagination={false}
                  rowKey={(entry) => `${entry.ruleId}:${entry.range.start.offset}:${entry.points}`}
                  dataSource={[...result.trace]}
                  aria-label={`${t('tests.trace')} ${result.name}`}
                  columns={[
                    {
                      title: t('tests.trace'),
                      key: 'sentence',
                      render: (_value, entry) => (
                        <Space orientation="vertical" size={0}>
                          <span>{entry.sentence[locale]}</span>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {entry.computation}
                          </Typography.Text>
                        </Space>
                      ),
                    },
                    {
                      title: '',
                      key: 'points',
                      align: 'right',
                      width: 90,
                      render: (_value, entry) => (
                        <Typography.Text {...(entry.points < 0 ? { type: 'danger' as const } : {})}>
                          {t('tests.points', {
                            points: entry.points > 0 ? `+${entry.points}` : entry.points,
                          })}
                        </Typography.Text>
                      ),
                    },
                  ]}
                />
              ) : null}
            </Space>
          ),
        }))}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('tests.uncovered')}
      </Typography.Title>
      {report.uncoveredRules.length === 0 ? (
        <Typography.Text type="success">{t('tests.allCovered')}</Typography.Text>
      ) : (
        <Space wrap>
          {report.uncoveredRules.map((rule) => (
            <Tag key={rule}>{rule}</Tag>
          ))}
        </Space>
      )}
    </Space>
  );
}
