import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { skipBundlingContext } from '../../infra/constructs/kaoping-function.ts';
import { AppStack, type AppStackProps } from '../../infra/lib/app-stack.ts';
import { DataStack } from '../../infra/lib/data-stack.ts';

export interface SynthOptions extends Omit<AppStackProps, 'table'> {
  /** Run esbuild and stage assets, as `cdk synth` does; off by default (fast template tests). */
  readonly bundle?: boolean;
  readonly outdir?: string;
}

export interface SynthesizedApp {
  readonly app: App;
  readonly data: DataStack;
  readonly stack: AppStack;
  readonly template: Template;
}

/** The two stacks as infra/bin/app.ts wires them, in a fresh App, not synthesized yet. */
export function buildApp(options: SynthOptions = {}): Omit<SynthesizedApp, 'template'> {
  const { bundle = false, outdir, ...props } = options;
  const app = new App({
    context: bundle ? {} : { [skipBundlingContext]: true },
    ...(outdir === undefined ? {} : { outdir }),
  });
  const data = new DataStack(app, 'Data');
  const stack = new AppStack(app, 'App', { ...props, table: data.table });
  return { app, data, stack };
}

/** {@link buildApp}, synthesized. */
export function synthApp(options: SynthOptions = {}): SynthesizedApp {
  const built = buildApp(options);
  return { ...built, template: Template.fromStack(built.stack) };
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** Every resource of a type, keyed by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** A resource's properties; throws when the resource is missing, so a test fails with a reason. */
export function propertiesOf(resource: CfnResource | undefined, what = 'resource'): Record<string, unknown> {
  if (resource?.Properties === undefined) throw new Error(`no ${what} with properties in the template`);
  return resource.Properties;
}
