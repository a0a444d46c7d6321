import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../domain/errors.ts';
import type { AppDeps } from './app-deps.ts';
import { assessmentDepsOf, createAssessmentServices } from './assessment-services.ts';
import type { AuthEnv } from './auth/middleware.ts';
import { renderDocsPage } from './docs-page.ts';
import { mapError, validationError } from './error-mapper.ts';
import { auditRoutes } from './routes/audit.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { devRoutes } from './routes/dev.ts';
import { dryRunRoutes } from './routes/dry-runs.ts';
import { healthRoutes } from './routes/health.ts';
import { observationRoutes } from './routes/observations.ts';
import { ruleSetRoutes } from './routes/rule-sets.ts';
import { runRoutes } from './routes/runs.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { unitRoutes } from './routes/units.ts';
import { userRoutes } from './routes/users.ts';
import { createServices } from './services.ts';

/**
 * The one Hono app behind both the local node server and the Lambda handler.
 *
 * @example
 * const app = createApp({ table, tables: sharedTenantTables(table), verifier, cursorSecret, version: '0.1.0', mode: 'local' });
 * const res = await app.request('/api/health');
 */
export function createApp(deps: AppDeps): OpenAPIHono<AuthEnv> {
  const services = createServices(deps);
  const app = new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: services.limits.bodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(services.limits.bodyBytes);
      },
    }),
  );
  app.route('/api/health', healthRoutes(deps));
  if (deps.mode === 'local' && deps.dev !== undefined) app.route('/api', devRoutes(deps.dev, services.users));
  app.route('/api', tenantRoutes(services));
  app.route('/api', userRoutes(services));
  app.route('/api', unitRoutes(services));
  app.route('/api', catalogRoutes(services));
  app.route('/api', ruleSetRoutes(services));
  app.route('/api', auditRoutes(services));
  const assessment = createAssessmentServices(assessmentDepsOf(services), deps.runDispatcher);
  app.route('/api', observationRoutes(services, assessment));
  app.route('/api', runRoutes(services, assessment));
  app.route('/api', dryRunRoutes(services, assessment));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const documentConfig = {
    openapi: '3.1.0',
    info: { title: 'kaoping 考评 API', version: deps.version },
  };
  app.doc31('/api/openapi.json', documentConfig);
  app.get('/api/docs', (c) =>
    c.html(
      renderDocsPage(
        app.getOpenAPI31Document(documentConfig) as unknown as Parameters<typeof renderDocsPage>[0],
      ),
    ),
  );

  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: { zh: '未找到该资源', en: 'Not found' }, path: c.req.path } },
      404,
    ),
  );
  app.onError(mapError);
  return app;
}
