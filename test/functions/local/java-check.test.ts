import { describe, expect, it } from 'vitest';
import { checkJava } from '../../../functions/local/java-check.ts';

describe('checkJava', () => {
  it('finds the Java 17+ runtime DynamoDB Local needs', () => {
    const result = checkJava();

    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.majorVersion).toBeGreaterThanOrEqual(17);
  });

  it('says that Java is missing and how to install it', () => {
    const result = checkJava('java-that-does-not-exist');

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('Java was not found');
      expect(result.message).toContain('openjdk-17-jre-headless');
    }
  });
});
