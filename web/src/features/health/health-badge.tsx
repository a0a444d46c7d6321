import { Badge, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useQuery } from '../../shared/api/use-query.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { fetchHealth } from './health-api.ts';

const pollEveryMs = 60_000;

/** A small status light in the header: is the service up and its table reachable. */
export function HealthBadge() {
  const { t } = useI18n();
  const health = useQuery((signal) => fetchHealth(signal), []);
  const { reload } = health;
  useEffect(() => {
    const timer = window.setInterval(reload, pollEveryMs);
    return () => window.clearInterval(timer);
  }, [reload]);

  if (health.status === 'loading') return <Badge status="processing" text={t('health.checking')} />;
  if (health.status === 'failed') {
    return (
      <span role="status">
        <Badge status="error" text={t('health.down')} />
      </span>
    );
  }
  const { data } = health;
  const ok = data.status === 'ok' && data.table.reachable;
  const detail = t('health.detail', { version: data.version, table: data.table.name });
  return (
    <Tooltip title={detail}>
      <span role="status" aria-label={`${ok ? t('health.ok') : t('health.degraded')} · ${detail}`}>
        <Badge status={ok ? 'success' : 'warning'} text={ok ? t('health.ok') : t('health.degraded')} />
      </span>
    </Tooltip>
  );
}
