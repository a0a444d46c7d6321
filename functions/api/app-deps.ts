import type { TableRef } from '../store/dynamo-client.ts';

/** Everything the HTTP app needs from outside; built once by the node server or the Lambda handler. */
export interface AppDeps {
  readonly table: TableRef;
  readonly version: string;
  /** `local` enables development-only routes; the Lambda handler always passes `aws`. */
  readonly mode: 'local' | 'aws';
}
