import { Progress, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { type WeightRow, weightTotal } from './weights.ts';

interface WeightPanelProps {
  readonly rows: readonly WeightRow[];
  /** `typed` = read from the source as typed (the file has errors); `compiled` = from the checked rule set. */
  readonly origin: 'compiled' | 'typed';
}

/** The four dimensions' weights and floors, updated as the person types. */
export function WeightPanel({ rows, origin }: WeightPanelProps) {
  const { t } = useI18n();
  if (rows.length === 0) return <Typography.Text type="secondary">{t('weights.none')}</Typography.Text>;
  const total = weightTotal(rows);
  const totalOk = Math.abs(total - 100) < 0.005;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<WeightRow>
        size="small"
        pagination={false}
        rowKey="name"
        dataSource={[...rows]}
        aria-label={t('weights.title')}
        columns={[
          { title: t('weights.dimension'), dataIndex: 'name' },
          {
            title: t('weights.weight'),
            key: 'weight',
            render: (_value, row) => {
              const below = row.weight !== null && row.floor !== null && row.weight < row.floor;
              return (
                <Space orientation="vertical" size={0} style={{ minWidth: 110 }}>
                  <span>
                    {row.weight === null ? '—' : `${row.weight}%`}
                    {below ? (
                      <Typography.Text type="danger"> · {t('weights.belowFloor')}</Typography.Text>
                    ) : null}
                  </span>
                  <Progress
                    percent={row.weight ?? 0}
                    showInfo={false}
                    size="small"
                    status={below ? 'exception' : 'normal'}
                    aria-label={`${row.name} ${row.weight ?? 0}%`}
                  />
                </Space>
              );
            },
          },
          {
            title: t('weights.floor'),
            key: 'floor',
            render: (_value, row) => (row.floor === null ? '—' : `≥ ${row.floor}%`),
          },
          {
            title: t('weights.locked'),
            key: 'locked',
            render: (_value, row) => (row.locked ? <Tag>{t('weights.locked')}</Tag> : null),
          },
        ]}
      />
      <Typography.Text type={totalOk ? 'success' : 'danger'} strong>
        {totalOk ? t('weights.total', { total }) : t('weights.totalBad', { total })}
      </Typography.Text>
      {origin === 'typed' ? <Typography.Text type="secondary">{t('weights.stale')}</Typography.Text> : null}
    </Space>
  );
}
