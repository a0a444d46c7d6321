import { Button, Empty, List, Tag, Typography } from 'antd';
import type { Diagnostic } from '../../../../dsl/index.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';

const colours = { error: 'red', warning: 'orange', info: 'blue' } as const;

/** Every diagnostic with its place; activating one moves the cursor there. */
export function DiagnosticsPanel({
  diagnostics,
  onJump,
}: {
  readonly diagnostics: readonly Diagnostic[];
  readonly onJump: (line: number, column: number) => void;
}) {
  const { locale, t } = useI18n();
  if (diagnostics.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('diagnostics.none')} />;
  }
  return (
    <List
      size="small"
      aria-label={t('diagnostics.title')}
      dataSource={[...diagnostics]}
      renderItem={(diagnostic) => {
        const place = t('diagnostics.at', {
          line: diagnostic.range.start.line,
          column: diagnostic.range.start.column,
        });
        return (
          <List.Item
            actions={[
              <Button
                key="jump"
                size="small"
                type="link"
                aria-label={`${t('diagnostics.jump')}: ${place}`}
                onClick={() => onJump(diagnostic.range.start.line, diagnostic.range.start.column)}
              >
                {place}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <span>
                  <Tag color={colours[diagnostic.severity]}>
                    {t(`diagnostics.severity.${diagnostic.severity}`)}
                  </Tag>
                  <Typography.Text code>{diagnostic.code}</Typography.Text> {diagnostic.message[locale]}
                </span>
              }
              description={
                diagnostic.hint === undefined
                  ? null
                  : t('diagnostics.hint', { hint: diagnostic.hint[locale] })
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
