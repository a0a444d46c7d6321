import type { TableRef } from '../../functions/store/dynamo-client.ts';

/**
 * A table whose client fails the first `times` commands of one kind (by command class name) and passes
 * everything else to the real DynamoDB Local, to test retries against real storage.
 */
export function failingTable(table: TableRef, commandName: string, times = 1): TableRef {
  let remaining = times;
  const client = new Proxy(table.client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string } }, ...rest: unknown[]) => {
        if (command.constructor.name === commandName && remaining > 0) {
          remaining -= 1;
          const fault = new Error(`injected fault in ${commandName}`);
          fault.name = 'InternalServerError';
          return Promise.reject(fault);
        }
        return (target.send as (...args: unknown[]) => Promise<unknown>).call(target, command, ...rest);
      };
    },
  });
  return { client, tableName: table.tableName };
}
