import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createTableInput } from '../../functions/store/create-table-input.ts';
import { DataStack } from '../../infra/lib/data-stack.ts';

function synthesizeTable(): Record<string, unknown> {
  const template = Template.fromStack(new DataStack(new App(), 'Test'));
  const tables = template.findResources('AWS::DynamoDB::GlobalTable');
  const [table] = Object.values(tables) as { Properties: Record<string, unknown> }[];
  if (table === undefined) throw new Error('no table in the template');
  return table.Properties;
}

describe('DataStack', () => {
  it('keys the table and its indexes exactly as the local bootstrap does', () => {
    const properties = synthesizeTable();
    const local = createTableInput('kaoping');

    expect(properties.KeySchema).toEqual(local.KeySchema);
    expect(new Set(properties.AttributeDefinitions as unknown[])).toEqual(
      new Set(local.AttributeDefinitions),
    );
    const indexes = (properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[]).map(
      ({ IndexName, KeySchema }) => ({ IndexName, KeySchema }),
    );
    expect(indexes).toEqual(
      local.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema }) => ({ IndexName, KeySchema })),
    );
  });

  it('protects the data: point-in-time recovery, deletion protection, retained on stack delete', () => {
    const template = Template.fromStack(new DataStack(new App(), 'Test'));

    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: [
          {
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          },
        ],
      },
    });
  });

  it('caps on-demand throughput and encrypts with the AWS-managed key', () => {
    const template = Template.fromStack(
      new DataStack(new App(), 'Test', { maxReadRequestUnits: 300, maxWriteRequestUnits: 100 }),
    );

    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      WriteOnDemandThroughputSettings: { MaxWriteRequestUnits: 100 },
      Replicas: [{ ReadOnDemandThroughputSettings: { MaxReadRequestUnits: 300 } }],
    });
    // No customer-managed key: the AWS-managed one costs nothing at rest.
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toEqual([]);
  });
});
