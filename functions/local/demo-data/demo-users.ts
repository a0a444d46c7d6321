import type { DevUser } from '../../api/app-deps.ts';

/** The demo province and its two cities. */
export const demoProvince = { id: 'demo', name: '示范省' } as const;
export const demoCities = [
  { id: 'dongzhou', name: '东州市' },
  { id: 'xizhou', name: '西州市' },
] as const;

/** One demo user per role (and per tenant where it matters); `POST /api/dev/login {"user": id}`. */
export const demoUsers: readonly DevUser[] = [
  {
    userId: 'platform-admin',
    name: '平台管理员',
    tenant: 'T#_platform',
    role: 'platform_admin',
    description: '创建省级租户',
  },
  {
    userId: 'demo-admin',
    name: '示范省管理员',
    tenant: 'T#demo',
    role: 'province_admin',
    description: '编写并发布全省规则，查看各市',
  },
  {
    userId: 'demo-assessor',
    name: '示范省考核员',
    tenant: 'T#demo',
    role: 'assessor',
    description: '省级考核人员',
  },
  {
    userId: 'demo-auditor',
    name: '示范省审计员',
    tenant: 'T#demo',
    role: 'auditor',
    description: '只读 + 审计日志',
  },
  { userId: 'demo-viewer', name: '示范省观察员', tenant: 'T#demo', role: 'viewer', description: '只读' },
  {
    userId: 'dongzhou-admin',
    name: '东州市管理员',
    tenant: 'T#demo#dongzhou',
    role: 'city_admin',
    description: '东州市规则（继承省规则2024版）',
  },
  {
    userId: 'dongzhou-assessor',
    name: '东州市考核员',
    tenant: 'T#demo#dongzhou',
    role: 'assessor',
    description: '东州市考核人员',
  },
  {
    userId: 'dongzhou-auditor',
    name: '东州市审计员',
    tenant: 'T#demo#dongzhou',
    role: 'auditor',
    description: '东州市只读 + 审计日志',
  },
  {
    userId: 'dongzhou-viewer',
    name: '东州市观察员',
    tenant: 'T#demo#dongzhou',
    role: 'viewer',
    description: '东州市只读',
  },
  {
    userId: 'xizhou-admin',
    name: '西州市管理员',
    tenant: 'T#demo#xizhou',
    role: 'city_admin',
    description: '西州市规则（继承省规则2025版）',
  },
  {
    userId: 'xizhou-viewer',
    name: '西州市观察员',
    tenant: 'T#demo#xizhou',
    role: 'viewer',
    description: '西州市只读',
  },
];
