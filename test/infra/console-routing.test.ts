import { describe, expect, it } from 'vitest';
import { spaRewrite } from '../../infra/constructs/console-hosting.ts';
import { synthApp } from './synth.ts';

interface ViewerRequest {
  uri: string;
}

// The CloudFront Function's source, run as CloudFront runs it: a top-level `handler(event)`.
const handler = new Function(`${spaRewrite}; return handler;`)() as (event: {
  request: ViewerRequest;
}) => ViewerRequest;

describe('console routing on CloudFront', () => {
  it.each([
    ['/', '/index.html'],
    ['/rules', '/index.html'],
    ['/rules/demo-2025/versions', '/index.html'],
    ['/assets/index-abc123.js', '/assets/index-abc123.js'],
    ['/config.json', '/config.json'],
    ['/favicon.ico', '/favicon.ico'],
  ])('serves %s from %s', (uri, expected) => {
    expect(handler({ request: { uri } }).uri).toBe(expected);
  });

  it('applies the rewrite to the console only, never to /api/*', () => {
    const { template } = synthApp();
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as {
      Properties: {
        DistributionConfig: {
          DefaultCacheBehavior: { FunctionAssociations?: unknown[] };
          CacheBehaviors: { PathPattern: string; FunctionAssociations?: unknown[] }[];
        };
      };
    }[];
    const config = distribution?.Properties.DistributionConfig;

    expect(config?.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(
      config?.CacheBehaviors.find((b) => b.PathPattern === '/api/*')?.FunctionAssociations,
    ).toBeUndefined();
    // No custom error responses: they would turn the API's JSON errors into the console page.
    expect((config as Record<string, unknown>).CustomErrorResponses).toBeUndefined();
  });
});
