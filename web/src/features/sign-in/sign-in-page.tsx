import { Alert, Button, Card, Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { useQuery } from '../../shared/api/use-query.ts';
import { sessionEndedBecauseExpired, startSession } from '../../shared/auth/session.ts';
import { tenantLabel } from '../../shared/auth/tenant-label.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { navigate } from '../../shared/router/router.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { devLogin, fetchDevUsers } from './dev-users-api.ts';

/** Local sign-in: pick a demo user; the token goes to sessionStorage. */
export function SignInPage() {
  const { t } = useI18n();
  const users = useQuery((signal) => fetchDevUsers(signal), []);
  const [chosen, setChosen] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const expired = sessionEndedBecauseExpired();

  const signIn = async (): Promise<void> => {
    if (users.status !== 'ready' || chosen === undefined) return;
    const user = users.data.find((candidate) => candidate.id === chosen);
    if (user === undefined) return;
    setBusy(true);
    setProblem(null);
    try {
      startSession(await devLogin(user.id), user);
      navigate('/', { replace: true });
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 520, margin: '48px auto' }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        {expired ? <Alert type="info" showIcon title={t('session.expired')} /> : null}
        <Typography.Paragraph style={{ margin: 0 }}>{t('signIn.intro')}</Typography.Paragraph>
        {users.status === 'failed' ? (
          users.problem.kind === 'notFound' ? (
            <Alert type="info" showIcon title={t('signIn.unavailable')} />
          ) : (
            <ProblemAlert problem={users.problem} onRetry={users.reload} />
          )
        ) : null}
        {users.status === 'ready' && users.data.length === 0 ? (
          <Alert type="warning" showIcon title={t('signIn.none')} />
        ) : null}
        <Form layout="vertical" onFinish={() => void signIn()}>
          <Form.Item label={t('signIn.user')} htmlFor="sign-in-user">
            <Select
              id="sign-in-user"
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.status === 'loading'}
              placeholder={t('signIn.userPlaceholder')}
              value={chosen}
              onChange={setChosen}
              options={(users.status === 'ready' ? users.data : []).map((user) => ({
                value: user.id,
                label: `${user.name} · ${tenantLabel(user)} · ${t(`role.${user.role}`)}`,
              }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={chosen === undefined} block>
            {t('signIn.submit')}
          </Button>
        </Form>
        {problem !== null ? <ProblemAlert problem={problem} /> : null}
      </Space>
    </Card>
  );
}
