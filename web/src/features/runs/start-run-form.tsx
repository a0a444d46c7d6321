import { Button, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { useQuery } from '../../shared/api/use-query.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { listPublishedRuleSets, type Run, startRun } from './runs-api.ts';

const periodPattern = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/** An admin starts a run: a published rule-set version, a period, optionally only some categories. */
export function StartRunForm({ onStarted }: { readonly onStarted: (run: Run) => void }) {
  const { t } = useI18n();
  const ruleSets = useQuery((signal) => listPublishedRuleSets(signal), []);
  const [ruleSet, setRuleSet] = useState<string | undefined>(undefined);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [period, setPeriod] = useState('2024');
  const [categories, setCategories] = useState<string[]>([]);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const chosen =
    ruleSets.status === 'ready' ? ruleSets.data.find((entry) => entry.id === ruleSet) : undefined;
  const versions =
    chosen === undefined ? [] : Array.from({ length: chosen.headVersion }, (_, i) => chosen.headVersion - i);
  const periodOk = periodPattern.test(period.trim());

  const start = async (): Promise<void> => {
    if (ruleSet === undefined || version === undefined || !periodOk) return;
    setStarting(true);
    setProblem(null);
    try {
      const run = await startRun({
        ruleSet,
        version,
        period: period.trim(),
        ...(categories.length > 0 ? { scope: { categories } } : {}),
      });
      onStarted(run);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <Card title={t('runs.start.title')} size="small">
      <Form layout="inline" onFinish={() => void start()} style={{ rowGap: 8 }}>
        <Form.Item label={t('runs.start.ruleSet')} htmlFor="run-rule-set">
          <Select
            id="run-rule-set"
            style={{ minWidth: 160 }}
            loading={ruleSets.status === 'loading'}
            {...(ruleSet === undefined ? {} : { value: ruleSet })}
            onChange={(next: string) => {
              setRuleSet(next);
              const found =
                ruleSets.status === 'ready' ? ruleSets.data.find((entry) => entry.id === next) : undefined;
              setVersion(found?.headVersion);
            }}
            options={(ruleSets.status === 'ready' ? ruleSets.data : []).map((entry) => ({
              value: entry.id,
              label: entry.id,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('runs.start.version')} htmlFor="run-version">
          <Select
            id="run-version"
            style={{ minWidth: 90 }}
            disabled={versions.length === 0}
            {...(version === undefined ? {} : { value: version })}
            onChange={(next: number) => setVersion(next)}
            options={versions.map((value) => ({ value, label: `v${value}` }))}
          />
        </Form.Item>
        <Form.Item
          label={t('runs.start.period')}
          htmlFor="run-period"
          validateStatus={periodOk ? '' : 'error'}
          help={periodOk ? undefined : t('runs.start.periodHelp')}
        >
          <Input
            id="run-period"
            style={{ width: 110 }}
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('runs.start.categories')} htmlFor="run-categories">
          <Select
            id="run-categories"
            mode="tags"
            style={{ minWidth: 200 }}
            placeholder={t('runs.start.allCategories')}
            value={categories}
            onChange={(next: string[]) => setCategories(next)}
            tokenSeparators={[',', '，']}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={starting}
              disabled={ruleSet === undefined || version === undefined || !periodOk}
            >
              {t('runs.start.submit')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {ruleSets.status === 'failed' ? (
        <ProblemAlert problem={ruleSets.problem} onRetry={ruleSets.reload} />
      ) : null}
      {problem !== null ? <ProblemAlert problem={problem} /> : null}
    </Card>
  );
}
