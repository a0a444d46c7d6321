import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  ArnPrincipal,
  type CfnRole,
  CompositePrincipal,
  type IRole,
  PolicyDocument,
  PolicyStatement,
  PrincipalWithConditions,
  Role,
  SessionTagsPrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableDefinition } from '../../functions/store/table-definition.ts';
import { tenantSessionTagKeys } from '../../functions/store/tenant-credentials.ts';

/** Item-level actions a tenant session may use on its own keys. Scan is deliberately absent. */
export const tenantItemActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** What a city may do with its province's own partition: read published rules it inherits. */
export const provinceReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

// IAM policy variables, resolved per request from the session's tags.
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
const province = '${aws:PrincipalTag/province}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
const city = '${aws:PrincipalTag/city}';

export interface TenantAccessRoleProps {
  // The class, not ITableV2: aws-cdk-lib's interface and class disagree under exactOptionalPropertyTypes.
  readonly table: TableV2;
  /** The function roles that may assume the role, each for one tenant at a time (session tags). */
  readonly assumedBy: readonly IRole[];
}

/**
 * The only way a kaoping function reaches tenant data in AWS. A function assumes this role with session
 * tags naming the tenant (`province`, and `city` for a city; tag values cannot contain `#`, so the `T#…#…`
 * keys are rebuilt in the policy), and the policy confines every item action to partition keys
 * (`dynamodb:LeadingKeys`, on the table and its indexes) that begin with that tenant's key:
 *
 * - a province session: `T#<province>` and every key below it (its cities included, as the product allows);
 * - a city session: `T#<province>#<city>` and keys below it, plus read-only `T#<province>` exactly — the
 *   province's own partition, never a sibling city's.
 *
 * Transactions (TransactWriteItems/TransactGetItems) are authorised per item by these same actions.
 */
export class TenantAccessRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TenantAccessRoleProps) {
    super(scope, id);
    const { table } = props;
    // The table and each of its indexes by name: no wildcard, so a new index is a deliberate grant.
    const resources = [
      table.tableArn,
      ...tableDefinition.globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
    ];

    const trustedCallers = props.assumedBy.map(
      (role) =>
        new PrincipalWithConditions(new SessionTagsPrincipal(new ArnPrincipal(role.roleArn)), {
          // A session must name its province, and may carry only the tags this policy understands.
          Null: { 'aws:RequestTag/province': 'false' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': [...tenantSessionTagKeys] },
        }),
    );
    const [first, ...rest] = trustedCallers;
    if (first === undefined) throw new Error('TenantAccessRole needs at least one role that assumes it');

    this.role = new Role(this, 'Role', {
      description: 'kaoping tenant session: item actions on the partition keys of the tagged tenant only',
      assumedBy: new CompositePrincipal(first, ...rest),
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: {
        TenantItems: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'ProvinceSessionOwnKeys',
              actions: [...tenantItemActions],
              resources,
              conditions: {
                // ForAllValues is true on an empty set: require the key so a request without one fails closed.
                Null: { 'aws:PrincipalTag/city': 'true', 'dynamodb:LeadingKeys': 'false' },
                'ForAllValues:StringLike': {
                  'dynamodb:LeadingKeys': [`T#${province}`, `T#${province}#*`],
                },
              },
            }),
            new PolicyStatement({
              sid: 'CitySessionOwnKeys',
              actions: [...tenantItemActions],
              resources,
              conditions: {
                Null: { 'aws:PrincipalTag/city': 'false', 'dynamodb:LeadingKeys': 'false' },
                'ForAllValues:StringLike': {
                  'dynamodb:LeadingKeys': [`T#${province}#${city}`, `T#${province}#${city}#*`],
                },
              },
            }),
            new PolicyStatement({
              sid: 'CitySessionReadsProvincePartition',
              actions: [...provinceReadActions],
              resources,
              conditions: {
                Null: { 'aws:PrincipalTag/city': 'false', 'dynamodb:LeadingKeys': 'false' },
                'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`T#${province}`] },
              },
            }),
          ],
        }),
      },
    });

    // A role tag stands in for a missing session tag (`aws:PrincipalTag/city` on a province session would
    // turn it into a city session), so tags with the policy's keys must never reach this role.
    this.node.addValidation({
      validate: () => {
        const tags = (this.role.node.defaultChild as CfnRole).tags.tagValues();
        const clashes = Object.keys(tags).filter((key) =>
          (tenantSessionTagKeys as readonly string[]).includes(key),
        );
        return clashes.map(
          (key) => `the tenant-access role must not carry a '${key}' tag: it would act as a session tag`,
        );
      },
    });
  }
}
