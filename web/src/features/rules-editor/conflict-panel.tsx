import { Alert, Button, Space } from 'antd';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import type { Draft } from './rule-set-api.ts';
import { SourceDiffView } from './source-diff-view.tsx';

/** Someone saved the draft first: their text next to ours, and the person decides. Nothing was overwritten. */
export function ConflictPanel({
  theirs,
  mine,
  onTakeTheirs,
  onKeepMine,
}: {
  readonly theirs: Draft;
  readonly mine: string;
  readonly onTakeTheirs: () => void;
  readonly onKeepMine: () => void;
}) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('editor.conflict.title')}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>{t('editor.conflict.body', { revision: theirs.revision })}</span>
          <SourceDiffView
            before={theirs.source}
            after={mine}
            labels={[
              `${t('editor.conflict.theirs', { revision: theirs.revision })} · ${theirs.updatedBy}`,
              t('editor.conflict.mine'),
            ]}
          />
          <Space wrap>
            <Button onClick={onTakeTheirs}>{t('editor.conflict.takeTheirs')}</Button>
            <Button onClick={onKeepMine}>{t('editor.conflict.keepMine')}</Button>
          </Space>
        </Space>
      }
    />
  );
}
