import type { CadreInput, UnitInput } from '../../store/unit-repository.ts';

/** A small deterministic PRNG (mulberry32): the same seed always gives the same demo data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const agencies: Readonly<Record<string, readonly string[]>> = {
  窗口服务类: [
    '政务服务中心',
    '不动产登记中心',
    '住房公积金管理中心',
    '社会保险事业管理中心',
    '医疗保障局',
    '12345政务服务便民热线中心',
    '公安局出入境管理服务大厅',
    '公安局车辆管理所',
    '民政局婚姻登记处',
    '税务局第一办税服务厅',
  ],
  执法监管类: [
    '市场监督管理局',
    '生态环境局',
    '城市管理综合行政执法局',
    '交通运输综合行政执法支队',
    '应急管理局',
    '自然资源和规划局',
    '卫生健康综合监督执法局',
    '文化市场综合执法支队',
    '农业综合行政执法支队',
    '水利局',
  ],
  综合管理类: [
    '发展和改革委员会',
    '财政局',
    '人力资源和社会保障局',
    '教育局',
    '科学技术局',
    '工业和信息化局',
    '司法局',
    '住房和城乡建设局',
    '商务局',
    '审计局',
  ],
};

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenChars =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌辉宇鹏飞波婷欣怡浩然子涵晨阳思远佳琪雨萱俊峰海燕春梅立新卫东晓光';
const leaderTitles = ['局长', '副局长', '副局长'];
const staffTitles = ['科长', '副科长', '一级主任科员', '二级主任科员', '四级主任科员', '一级科员'];

export interface DemoOrganisation {
  readonly units: UnitInput[];
  readonly cadres: CadreInput[];
}

/**
 * Units and cadres of one tenant: `unitsPerCategory` agencies of each category (prefixed with the
 * tenant's name, e.g. 东州市市场监督管理局) and about ten cadres each.
 */
export function demoOrganisation(
  tenantName: string,
  prefix: string,
  seed: number,
  unitsPerCategory: number,
): DemoOrganisation {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[] | string): T | string =>
    list[Math.floor(random() * list.length)] as T | string;
  const units: UnitInput[] = [];
  const cadres: CadreInput[] = [];
  for (const [category, names] of Object.entries(agencies)) {
    for (const name of names.slice(0, unitsPerCategory)) {
      const unitId = `${prefix}-u${String(units.length + 1).padStart(3, '0')}`;
      units.push({ id: unitId, name: `${tenantName}${name}`, category });
      const headcount = 8 + Math.floor(random() * 5);
      for (let i = 0; i < headcount; i += 1) {
        const given = String(pick(givenChars)) + (random() < 0.6 ? String(pick(givenChars)) : '');
        cadres.push({
          id: `${unitId}-c${String(i + 1).padStart(2, '0')}`,
          name: `${String(pick(surnames))}${given}`,
          unitId,
          title: String(i < leaderTitles.length ? leaderTitles[i] : pick(staffTitles)),
        });
      }
    }
  }
  return { units, cadres };
}
