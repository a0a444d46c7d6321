import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../../functions/local/bootstrap-table.ts';
import { startDynamoLocal } from '../../../functions/local/dynamo-local.ts';
import { createDocumentClient, createDynamoClient } from '../../../functions/store/dynamo-client.ts';
import { isProcessAlive } from '../../support/process-alive.ts';

describe('startDynamoLocal', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaoping-dynamo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data on disk across a stop and a new start, and leaves no Java process behind', async () => {
    const first = await startDynamoLocal({ dataDir });
    const firstClient = createDynamoClient({ endpoint: first.endpoint, region: 'local' });
    expect(await ensureTable(firstClient, 'kaoping')).toBe('created');
    await createDocumentClient(firstClient).send(
      new PutCommand({ TableName: 'kaoping', Item: { PK: 'T#demo', SK: 'PROBE', note: '留存' } }),
    );
    firstClient.destroy();
    await first.stop();
    expect(isProcessAlive(first.pid)).toBe(false);

    const second = await startDynamoLocal({ dataDir });
    const secondClient = createDynamoClient({ endpoint: second.endpoint, region: 'local' });
    expect(await ensureTable(secondClient, 'kaoping')).toBe('existed');
    const read = await createDocumentClient(secondClient).send(
      new GetCommand({ TableName: 'kaoping', Key: { PK: 'T#demo', SK: 'PROBE' } }),
    );
    secondClient.destroy();
    await second.stop();

    expect(read.Item).toMatchObject({ note: '留存' });
    expect(isProcessAlive(second.pid)).toBe(false);
  });

  it('gives two in-memory instances separate data', async () => {
    const [a, b] = await Promise.all([startDynamoLocal(), startDynamoLocal()]);
    const clientA = createDynamoClient({ endpoint: a.endpoint, region: 'local' });
    const clientB = createDynamoClient({ endpoint: b.endpoint, region: 'local' });
    await ensureTable(clientA, 'only-in-a');

    const tablesInB = await clientB.send(new ListTablesCommand({}));

    expect(a.port).not.toBe(b.port);
    expect(tablesInB.TableNames).not.toContain('only-in-a');
    clientA.destroy();
    clientB.destroy();
    await Promise.all([a.stop(), b.stop()]);
  });

  it('can be stopped twice without error', async () => {
    const instance = await startDynamoLocal();
    await instance.stop();
    await expect(instance.stop()).resolves.toBeUndefined();
  });
});
