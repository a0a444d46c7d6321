import { Card, Space, Typography } from 'antd';
import { can } from '../../shared/auth/roles.ts';
import type { Session } from '../../shared/auth/session.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { Link } from '../../shared/router/router.tsx';

/** The start page: what this person's role lets them do, as links. */
export function HomePage({ session }: { readonly session: Session }) {
  const { t } = useI18n();
  const { role } = session.user;
  const offers = [
    can(role, 'rules.edit') ? { to: '/rules', text: t('home.rules') } : null,
    can(role, 'rules.inherited') ? { to: '/inherited', text: t('home.inherited') } : null,
    can(role, 'runs.read') ? { to: '/runs', text: t('home.runs') } : null,
    can(role, 'data.upload')
      ? { to: '/data', text: t('home.data') }
      : can(role, 'data.read')
        ? { to: '/data', text: t('home.dataRead') }
        : null,
  ].filter((offer) => offer !== null);
  const readOnly = !can(role, 'rules.edit') && !can(role, 'rules.inherited') && !can(role, 'data.upload');
  return (
    <Card style={{ maxWidth: 760 }}>
      <Space orientation="vertical" size="middle">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('home.welcome', { name: session.user.name })}
        </Typography.Title>
        {readOnly ? <Typography.Text>{t('home.readOnly')}</Typography.Text> : null}
        {offers.length > 0 ? (
          <>
            <Typography.Text>{t('home.youCan')}</Typography.Text>
            <ul style={{ margin: 0 }}>
              {offers.map((offer) => (
                <li key={offer.to}>
                  <Link to={offer.to}>{offer.text}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Space>
    </Card>
  );
}
