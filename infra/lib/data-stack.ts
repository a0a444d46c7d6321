import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../functions/store/table-definition.ts';

export interface DataStackProps extends StackProps {
  /** Upper bound on on-demand throughput, so a runaway scoring run cannot run up the bill. */
  readonly maxReadRequestUnits?: number;
  readonly maxWriteRequestUnits?: number;
}

/** The one DynamoDB table, keyed exactly as the local bootstrap creates it. */
export class DataStack extends Stack {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, props);
    const { primaryKey, globalIndexes } = tableDefinition;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: primaryKey.partitionKey, type: AttributeType.STRING },
      sortKey: { name: primaryKey.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand({
        maxReadRequestUnits: props.maxReadRequestUnits ?? 4000,
        maxWriteRequestUnits: props.maxWriteRequestUnits ?? 2000,
      }),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }
}
