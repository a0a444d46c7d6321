import { Alert, Button, Space } from 'antd';
import { type ApiProblem, describeProblem } from '../api/api-problem.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router/router.tsx';

/** An API problem in words: what happened, what to do, and the one button that helps. */
export function ProblemAlert({
  problem,
  onRetry,
}: {
  readonly problem: ApiProblem;
  readonly onRetry?: () => void;
}) {
  const { locale, t } = useI18n();
  const words = describeProblem(problem, locale);
  const action =
    problem.kind === 'unauthorized' ? (
      <Button size="small" onClick={() => navigate('/sign-in')}>
        {t('problem.signIn')}
      </Button>
    ) : onRetry !== undefined ? (
      <Button size="small" onClick={onRetry}>
        {problem.kind === 'conflict' ? t('problem.reload') : t('problem.retry')}
      </Button>
    ) : undefined;
  return (
    <Alert
      type={problem.kind === 'conflict' || problem.kind === 'validation' ? 'warning' : 'error'}
      showIcon
      role="alert"
      title={words.title}
      description={
        <Space orientation="vertical" size={4}>
          {words.detail !== undefined && words.detail !== words.title ? <span>{words.detail}</span> : null}
          <span>{words.action}</span>
          {words.issues.length > 0 ? (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {words.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          ) : null}
        </Space>
      }
      action={action}
    />
  );
}
