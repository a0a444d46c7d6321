import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on Node 22, the Lambda runtime, pinned by the node@22 devDependency', () => {
    expect(process.version).toMatch(/^v22\./);
  });
});
