import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { ImportField } from '../../functions/domain/observations/import-columns.ts';

export const benchImportFields: readonly ImportField[] = [
  { name: '12345按时办结率', type: 'percent' },
  { name: '12345实际解决率', type: 'percent' },
  { name: '12345满意率', type: 'percent' },
  { name: '重复投诉率', type: 'percent' },
  { name: '群众投诉未及时回应次数', type: 'count' },
  { name: '政策落实平均办结天数', type: 'days' },
  { name: '窗口平均等待时长', type: 'minutes' },
  { name: '不可抗力', type: 'bool' },
];

/** Writes a CSV of `rows` data rows (subjects × months) with realistic-looking values. */
export async function writeBenchCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`对象编码,期间,${benchImportFields.map((field) => field.name).join(',')}\n`);
  const months = 20;
  for (let index = 0; index < rows; index += 1) {
    const subject = `u${Math.floor(index / months)}`;
    const month = index % months;
    const period = `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    const line = `${subject},${period},${90 + (index % 10)},${80 + (index % 15)},${95 + (index % 5)}.5,${index % 20},${index % 4},${5 + (index % 25)},${10 + (index % 30)},${index % 97 === 0 ? '是' : '否'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
