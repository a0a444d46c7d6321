import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tenantSession } from '../../functions/store/tenant-credentials.ts';
import { resourcesOf, synthApp } from './synth.ts';

type Conditions = Record<string, Record<string, string | string[]>>;
interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Condition?: Conditions;
}

interface Request {
  readonly action: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly leadingKeys: readonly string[];
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** `${aws:PrincipalTag/x}` substituted; undefined when a tag is missing (IAM then matches nothing). */
function substitute(pattern: string, tags: Readonly<Record<string, string>>): string | undefined {
  let missing = false;
  const text = pattern.replace(/\$\{aws:PrincipalTag\/([^}]+)\}/g, (_match, key: string) => {
    const value = tags[key];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : text;
}

function like(value: string, pattern: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

function contextValues(key: string, request: Request): string[] {
  if (key === 'dynamodb:LeadingKeys') return [...request.leadingKeys];
  const tag = /^aws:PrincipalTag\/(.+)$/.exec(key)?.[1];
  if (tag !== undefined) return request.tags[tag] === undefined ? [] : [request.tags[tag] as string];
  throw new Error(`the evaluator does not know the condition key ${key}`);
}

// A small IAM evaluator for exactly the operators the tenant policy uses; an unknown one fails the test.
function conditionHolds(
  operator: string,
  entries: Record<string, string | string[]>,
  request: Request,
): boolean {
  return Object.entries(entries).every(([key, expected]) => {
    const values = contextValues(key, request);
    const patterns = list(expected).map((pattern) => substitute(pattern, request.tags));
    switch (operator) {
      case 'Null':
        return (values.length === 0) === (expected === 'true');
      case 'ForAllValues:StringLike':
        return values.every((value) => patterns.some((p) => p !== undefined && like(value, p)));
      case 'ForAllValues:StringEquals':
        return values.every((value) => patterns.some((p) => p !== undefined && value === p));
      default:
        throw new Error(`the evaluator does not know the operator ${operator}`);
    }
  });
}

function allows(statements: readonly Statement[], request: Request): boolean {
  const matching = statements.filter(
    (statement) =>
      list(statement.Action).includes(request.action) &&
      Object.entries(statement.Condition ?? {}).every(([operator, entries]) =>
        conditionHolds(operator, entries, request),
      ),
  );
  return matching.some((s) => s.Effect === 'Allow') && !matching.some((s) => s.Effect === 'Deny');
}

const { template } = synthApp();
const tenantRole = Object.entries(resourcesOf(template, 'AWS::IAM::Role')).find(([id]) =>
  id.startsWith('TenantAccess'),
)?.[1];
if (tenantRole === undefined) throw new Error('no tenant-access role in the template');
const statements = (
  tenantRole.Properties as { Policies: { PolicyDocument: { Statement: Statement[] } }[] }
).Policies.flatMap((policy) => policy.PolicyDocument.Statement);

/** The tags the credential provider puts on a tenant's session. */
const tagsOf = (tenantKey: string): Record<string, string> =>
  Object.fromEntries(tenantSession(tenantKey).tags.map((tag) => [tag.Key, tag.Value]));

const check = (tenant: string, action: string, ...leadingKeys: string[]): boolean =>
  allows(statements, { action, tags: tagsOf(tenant), leadingKeys });

describe('tenant-access role policy, evaluated for the session tags the provider sends', () => {
  it.each([
    ['T#demo', 'dynamodb:PutItem', ['T#demo']],
    ['T#demo', 'dynamodb:Query', ['T#demo#RULESET#x']],
    ['T#demo', 'dynamodb:GetItem', ['T#demo#city1']],
    ['T#demo', 'dynamodb:BatchGetItem', ['T#demo#city1#UNIT#1', 'T#demo#city2']],
    ['T#demo#city1', 'dynamodb:PutItem', ['T#demo#city1']],
    ['T#demo#city1', 'dynamodb:UpdateItem', ['T#demo#city1#AUDIT']],
    ['T#demo#city1', 'dynamodb:ConditionCheckItem', ['T#demo#city1']],
    ['T#demo#city1', 'dynamodb:GetItem', ['T#demo']],
    ['T#demo#city1', 'dynamodb:Query', ['T#demo']],
    ['T#_platform', 'dynamodb:Query', ['T#_platform']],
  ])('lets %s %s on %j', (tenant, action, keys) => {
    expect(check(tenant, action, ...keys)).toBe(true);
  });

  it.each([
    ['T#demo', 'dynamodb:GetItem', ['T#demo2']],
    ['T#demo', 'dynamodb:GetItem', ['T#other']],
    ['T#demo', 'dynamodb:GetItem', ['T#other#demo']],
    ['T#demo', 'dynamodb:Scan', ['T#demo']],
    ['T#demo#city1', 'dynamodb:GetItem', ['T#demo#city2']],
    ['T#demo#city1', 'dynamodb:GetItem', ['T#demo#city10']],
    ['T#demo#city1', 'dynamodb:GetItem', ['T#demo#city2#UNIT#1']],
    ['T#demo#city1', 'dynamodb:PutItem', ['T#demo']],
    ['T#demo#city1', 'dynamodb:DeleteItem', ['T#demo']],
    ['T#demo#city1', 'dynamodb:GetItem', ['T#demo#RULESET#draft']],
    ['T#demo#city1', 'dynamodb:BatchGetItem', ['T#demo#city1', 'T#demo#city2']],
    ['T#demo#city1', 'dynamodb:Scan', ['T#demo#city1']],
    ['T#_platform', 'dynamodb:GetItem', ['T#demo']],
  ])('refuses %s %s on %j', (tenant, action, keys) => {
    expect(check(tenant, action, ...keys)).toBe(false);
  });

  it('refuses a request that carries no leading key at all (ForAllValues would pass an empty set)', () => {
    expect(check('T#demo', 'dynamodb:GetItem')).toBe(false);
    expect(check('T#demo#city1', 'dynamodb:GetItem')).toBe(false);
  });

  it('tells a leaky policy apart (the evaluator is not vacuous)', () => {
    const leaky: Statement[] = [
      {
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Condition: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': 'T#${aws:PrincipalTag/province}*' },
        },
      },
    ];
    const sibling = {
      action: 'dynamodb:GetItem',
      tags: tagsOf('T#demo#city1'),
      leadingKeys: ['T#demo#city2'],
    };

    expect(allows(leaky, sibling)).toBe(true);
    expect(allows(statements, sibling)).toBe(false);
  });

  it('refuses a session without tags', () => {
    expect(allows(statements, { action: 'dynamodb:GetItem', tags: {}, leadingKeys: ['T#demo'] })).toBe(false);
  });

  // The specification, written independently of the policy: a province owns its key and everything below
  // it; a city owns its key and everything below it and may read its province's own partition.
  function expected(tenant: string, action: string, key: string): boolean {
    const below = (owner: string): boolean => key === owner || key.startsWith(`${owner}#`);
    const [province, city] = tenant.slice(2).split('#') as [string, string | undefined];
    if (city === undefined) return below(`T#${province}`);
    return below(`T#${province}#${city}`) || (key === `T#${province}` && readActions.includes(action));
  }
  const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
  const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

  // Ids chosen to collide and to prefix one another (a, ab, a-b, ab1 …), where string matching goes wrong.
  const id = fc.constantFrom('a1', 'ab', 'a-b', 'ab1', 'ab10', 'demo', 'demo2', 'east', 'east-2');
  const tenantKey = fc.oneof(
    id.map((province) => `T#${province}`),
    fc.tuple(id, id).map(([province, city]) => `T#${province}#${city}`),
  );
  const itemKey = fc
    .tuple(tenantKey, fc.constantFrom('', '#UNIT#u1', '#CADRE#c1', '#RUN#2025', '#x'))
    .map(([owner, rest]) => `${owner}${rest}`);

  it('matches the isolation specification for every session, action and key (property)', () => {
    fc.assert(
      fc.property(
        tenantKey,
        fc.constantFrom(...readActions, ...writeActions),
        itemKey,
        (tenant, action, key) => {
          expect(check(tenant, action, key)).toBe(expected(tenant, action, key));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('allows a batch only when every key in it is allowed (property)', () => {
    fc.assert(
      fc.property(tenantKey, fc.array(itemKey, { minLength: 1, maxLength: 5 }), (tenant, keys) => {
        const each = keys.every((key) => expected(tenant, 'dynamodb:BatchGetItem', key));
        expect(check(tenant, 'dynamodb:BatchGetItem', ...keys)).toBe(each);
      }),
      { numRuns: 500 },
    );
  });
});
