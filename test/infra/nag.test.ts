import { Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { type SynthOptions, synthApp } from './synth.ts';

function acknowledgements(root: IConstruct): { path: string; id: string; reason: unknown }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

function findings(options: SynthOptions): string[] {
  const { app } = synthApp(options);
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.resourceLogicalId}`),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it.each<[string, SynthOptions]>([
    ['the default deployment', {}],
    ['with the scoring worker', { scoringWorker: true }],
    ['with a custom console origin', { allowedOrigins: ['https://kaoping.example.gov.cn'] }],
    ['with MFA switched off', { requireMfa: false }],
  ])('reports no unacknowledged finding for %s', (_name, options) => {
    expect(findings(options)).toEqual([]);
  });

  it('carries a written reason on every acknowledgement', () => {
    const { app } = synthApp({ scoringWorker: true });
    const all = acknowledgements(app);

    expect(all.length).toBeGreaterThan(5);
    for (const { path, id, reason } of all) {
      expect(typeof reason, `${id} at ${path}`).toBe('string');
      expect((reason as string).length, `${id} at ${path}: "${String(reason)}"`).toBeGreaterThanOrEqual(40);
    }
  });

  it('still finds what is not acknowledged (the check is live)', () => {
    const { app, stack } = synthApp();
    // A wildcard grant nobody acknowledged must surface.
    stack.api.role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: ['*'] }));
    const report = new AwsSolutionsChecks(app).validateScope(app);

    expect(report.violations.map((violation) => violation.ruleName)).toContain(
      'AwsSolutions-IAM5[Resource::*]',
    );
  });
});
