import { useEffect, useState } from 'react';
import { fetchHealth, type Health } from './health-api.ts';

type PanelState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly health: Health }
  | { readonly kind: 'failed' };

/** Shows whether the service and its table answer, in words. */
export function HealthPanel() {
  const [state, setState] = useState<PanelState>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    fetchHealth(controller.signal)
      .then((health) => setState({ kind: 'ready', health }))
      .catch(() => {
        if (!controller.signal.aborted) setState({ kind: 'failed' });
      });
    return () => controller.abort();
  }, []);

  if (state.kind === 'loading') return <p role="status">正在检查服务状态…</p>;
  if (state.kind === 'failed') return <p role="alert">无法连接服务，请确认 `npm start` 正在运行。</p>;
  const { health } = state;
  return (
    <p role="status">
      服务版本 {health.version}；数据表 {health.table.name}
      {health.table.reachable ? ' 可访问' : ' 不可访问，请检查 DynamoDB Local'}。
    </p>
  );
}
