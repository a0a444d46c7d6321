/** The roles of DESIGN.md §1; the console only offers what a role may do. */
export const roles = [
  'platform_admin',
  'province_admin',
  'city_admin',
  'assessor',
  'auditor',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

export type Capability =
  | 'rules.edit' // write and save a province rule-set draft
  | 'rules.publish'
  | 'rules.inherited' // read the province rules a city inherits
  | 'rules.repin'
  | 'runs.read' // runs, results, explanations, pictures
  | 'runs.start'
  | 'data.read' // import batches
  | 'data.upload';

const capabilities: Readonly<Record<Role, readonly Capability[]>> = {
  platform_admin: [],
  province_admin: ['rules.edit', 'rules.publish', 'runs.read', 'runs.start', 'data.read', 'data.upload'],
  city_admin: ['rules.inherited', 'rules.repin', 'runs.read', 'runs.start', 'data.read', 'data.upload'],
  assessor: ['runs.read', 'data.read'],
  auditor: ['runs.read', 'data.read'],
  viewer: ['runs.read', 'data.read'],
};

/** Whether `role` may do `capability`; the server enforces the same, this only hides what would be refused. */
export function can(role: Role, capability: Capability): boolean {
  return capabilities[role].includes(capability);
}
