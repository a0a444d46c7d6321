import { Button, Layout, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { endSession, type Session } from '../auth/session.ts';
import { tenantLabel } from '../auth/tenant-label.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link, navigate } from '../router/router.tsx';
import './app-layout.css';

export interface NavItem {
  readonly to: string;
  readonly label: MessageKey;
}

interface AppLayoutProps {
  readonly session: Session | null;
  readonly nav: readonly NavItem[];
  readonly currentPath: string;
  /** The status light (a feature component, passed in so shared/ does not import features/). */
  readonly status: ReactNode;
  readonly children: ReactNode;
}

/** Header (name, navigation, status, tenant and role, language, sign-out) above the page. */
export function AppLayout({ session, nav, currentPath, status, children }: AppLayoutProps) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Layout className="kp-layout">
      <a className="kp-skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="kp-header">
        <Link to="/" className="kp-brand">
          <strong>{t('app.name')}</strong>
          <span className="kp-brand-title">{t('app.title')}</span>
        </Link>
        {session !== null && nav.length > 0 ? (
          <nav aria-label={t('nav.main')} className="kp-nav">
            {nav.map((item) => {
              const active = currentPath === item.to || currentPath.startsWith(`${item.to}/`);
              return (
                <Link
                  key={item.to}
                  to={item.to}
                  className={active ? 'kp-nav-link kp-nav-active' : 'kp-nav-link'}
                  aria-current={active ? 'page' : undefined}
                >
                  {t(item.label)}
                </Link>
              );
            })}
          </nav>
        ) : null}
        <Space className="kp-header-end" size="middle" wrap>
          {status}
          {session !== null ? (
            <Space size={4} wrap aria-label={`${t('session.tenant')} / ${t('session.role')}`}>
              <Typography.Text className="kp-user">{session.user.name}</Typography.Text>
              <Tag color="blue" aria-label={t('session.tenant')}>
                {tenantLabel(session.user)}
              </Tag>
              <Tag color="gold" aria-label={t('session.role')}>
                {t(`role.${session.user.role}`)}
              </Tag>
            </Space>
          ) : null}
          <Button
            size="small"
            aria-label={t('locale.switch.label')}
            onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
          >
            {t('locale.switch')}
          </Button>
          {session !== null ? (
            <Button
              size="small"
              onClick={() => {
                endSession();
                navigate('/sign-in');
              }}
            >
              {t('session.signOut')}
            </Button>
          ) : null}
        </Space>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="kp-main">
        {children}
      </Layout.Content>
    </Layout>
  );
}
