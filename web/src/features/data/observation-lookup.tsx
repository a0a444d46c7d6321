import { Button, Card, Descriptions, Input, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../shared/api/use-query.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { readObservations } from './data-api.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** What is stored for one subject and month: the effective values and which batches they came from. */
export function ObservationLookup() {
  const { t } = useI18n();
  const [subject, setSubject] = useState('');
  const [period, setPeriod] = useState('');
  const [asked, setAsked] = useState<{ readonly subject: string; readonly period: string } | null>(null);
  const periodOk = monthPattern.test(period.trim());
  return (
    <Card title={t('data.lookup.title')} size="small">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (periodOk && subject.trim() !== '') setAsked({ subject: subject.trim(), period: period.trim() });
        }}
      >
        <Space wrap>
          <Input
            aria-label={t('data.lookup.subject')}
            placeholder={t('data.lookup.subject')}
            value={subject}
            onChange={(event) => setSubject(event.target.value)}
            style={{ width: 160 }}
          />
          <Input
            aria-label={t('data.lookup.period')}
            placeholder="2024-03"
            value={period}
            status={period === '' || periodOk ? '' : 'error'}
            onChange={(event) => setPeriod(event.target.value)}
            style={{ width: 120 }}
          />
          <Button htmlType="submit" disabled={!periodOk || subject.trim() === ''}>
            {t('data.lookup.submit')}
          </Button>
        </Space>
      </form>
      {asked === null ? null : <LookupResult key={`${asked.subject}@${asked.period}`} {...asked} />}
    </Card>
  );
}

function LookupResult({ subject, period }: { readonly subject: string; readonly period: string }) {
  const { t } = useI18n();
  const found = useQuery((signal) => readObservations(period, subject, signal), [subject, period]);
  if (found.status === 'loading') return <Spin />;
  if (found.status === 'failed') return <ProblemAlert problem={found.problem} onRetry={found.reload} />;
  const entry = found.data[0];
  if (entry === undefined) {
    return (
      <Typography.Paragraph type="secondary">
        {t('data.lookup.none', { subject, period })}
      </Typography.Paragraph>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={Object.entries(entry.values).map(([field, value]) => ({
          key: field,
          label: field,
          children:
            value === null
              ? '—'
              : typeof value === 'boolean'
                ? t(value ? 'data.yes' : 'data.no')
                : String(value),
        }))}
      />
      <Typography.Text type="secondary">
        {t('data.lookup.sources', {
          batches: [...new Set(entry.records.map((record) => record.batchKey))].join('，'),
        })}
      </Typography.Text>
    </Space>
  );
}
