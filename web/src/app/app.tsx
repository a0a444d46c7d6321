import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Locale as AntLocale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { Component, type ErrorInfo, type ReactNode, Suspense, useEffect, useRef } from 'react';
import { HealthBadge } from '../features/health/health-badge.tsx';
import { SignInPage } from '../features/sign-in/sign-in-page.tsx';
import { useSession } from '../shared/auth/session.ts';
import { I18nProvider, useI18n } from '../shared/i18n/i18n.tsx';
import { AppLayout } from '../shared/layout/app-layout.tsx';
import { Link, navigate, usePath } from '../shared/router/router.tsx';
import { navFor, resolveRoute } from './routes.tsx';

// antd's es/ files are ES modules without "type": "module", so TypeScript types their default import as
// the CommonJS namespace; the bundler gives the locale object itself.
const zhCN = zhCNModule as unknown as AntLocale;
const enUS = enUSModule as unknown as AntLocale;

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** The console: language, theme and session providers around the routed page. */
export function App() {
  return (
    <I18nProvider>
      <LocalisedApp />
    </I18nProvider>
  );
}

function LocalisedApp() {
  const { locale } = useI18n();
  return (
    // autoInsertSpace off: antd would render 登录 as "登 录", which also changes the button's accessible name.
    <ConfigProvider
      locale={locale === 'zh' ? zhCN : enUS}
      theme={{ token: { fontFamily } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const path = usePath();
  const session = useSession();
  const resolved = resolveRoute(path, session);

  useEffect(() => {
    // Nobody signed in (or the session ended): the address says where they are.
    if (resolved.kind === 'sign-in' && path !== '/sign-in') navigate('/sign-in', { replace: true });
  }, [resolved.kind, path]);

  const previousPath = useRef(path);
  useEffect(() => {
    if (previousPath.current === path) return;
    previousPath.current = path;
    // A route change moves focus to the content, as a page load would for a screen reader.
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);

  return (
    <AppLayout session={session} nav={navFor(session)} currentPath={path} status={<HealthBadge />}>
      {/* One page instance per top-level section: /runs/1 → /runs/1/u7 keeps the page's filters and view. */}
      <PageBoundary key={path.split('/')[1] ?? ''} path={path}>
        <Suspense fallback={<Spin description={t('app.loading')} />}>
          {resolved.kind === 'sign-in' ? <SignInPage /> : null}
          {resolved.kind === 'page' ? resolved.element : null}
          {resolved.kind === 'not-found' ? (
            <Result
              status="404"
              title={t('app.notFound.title')}
              extra={<Link to="/">{t('app.notFound.back')}</Link>}
            />
          ) : null}
        </Suspense>
      </PageBoundary>
    </AppLayout>
  );
}

/** A crash in one page (a bug, or a chunk that failed to load) shows a message instead of a blank screen. */
class PageBoundary extends Component<
  { readonly children: ReactNode; readonly path: string },
  { readonly failed: boolean }
> {
  override state = { failed: false };
  override componentDidUpdate(previous: { readonly path: string }): void {
    // Moving elsewhere within the section gives the page another chance.
    if (previous.path !== this.props.path && this.state.failed) this.setState({ failed: false });
  }
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }
  override render(): ReactNode {
    return this.state.failed ? <CrashNotice /> : this.props.children;
  }
}

function CrashNotice() {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('app.crash.title')}
      extra={<Button onClick={() => window.location.reload()}>{t('app.crash.retry')}</Button>}
    />
  );
}
