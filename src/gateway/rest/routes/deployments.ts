import Router from '@koa/router';
import multer from '@koa/multer';
import type { DeployedResource, DeployResult } from '../../../engine/processor/commands/deploy.js';
import { badRequest } from '../problems.js';
import type { RestDeps, RestState } from '../RestState.js';

/** Resources arrive as multipart `resources` parts (one file each) and an optional `tenantId` field. */
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 4 * 1024 * 1024, files: 100, fields: 10 } });

const NO_DEPLOYED_ITEM = { processDefinition: null, decisionDefinition: null, decisionRequirements: null, form: null, resource: null };

function restDeployment(d: DeployedResource): Record<string, unknown> {
  if ('process' in d) {
    return {
      processDefinition: {
        processDefinitionId: d.process.bpmnProcessId,
        processDefinitionVersion: d.process.version,
        resourceName: d.process.resourceName,
        tenantId: d.process.tenantId,
        processDefinitionKey: String(d.process.processDefinitionKey),
      },
    };
  }
  if ('form' in d) {
    return { form: { formId: d.form.formId, version: d.form.version, resourceName: d.form.resourceName, tenantId: d.form.tenantId, formKey: String(d.form.formKey) } };
  }
  if ('decision' in d) {
    return {
      decisionDefinition: {
        decisionDefinitionId: d.decision.decisionId,
        version: d.decision.version,
        name: d.decision.decisionName,
        tenantId: d.decision.tenantId,
        decisionRequirementsId: d.decision.decisionRequirementsId,
        decisionDefinitionKey: String(d.decision.decisionKey),
        decisionRequirementsKey: String(d.decision.decisionRequirementsKey),
      },
    };
  }
  const r = d.decisionRequirements;
  return {
    decisionRequirements: {
      decisionRequirementsId: r.decisionRequirementsId,
      decisionRequirementsName: r.decisionRequirementsName,
      version: r.version,
      resourceName: r.resourceName,
      tenantId: r.tenantId,
      decisionRequirementsKey: String(r.decisionRequirementsKey),
    },
  };
}

/** POST /v2/deployments: .bpmn/.xml, .dmn and .form files, deployed atomically as gRPC DeployResource does. */
export function deploymentsRouter({ engine }: RestDeps): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/deployments' });
  router.post('/', async (ctx, next) => {
    if (!ctx.is('multipart/form-data')) badRequest("Expected a multipart/form-data request with one or more 'resources' files");
    try {
      await upload.fields([{ name: 'resources' }])(ctx as never, async () => undefined);
    } catch (error) {
      badRequest(`Malformed multipart request: ${(error as Error).message}`);
    }
    return next();
  }, async (ctx) => {
    const files = ((ctx.files as Record<string, { originalname: string; buffer: Buffer }[]> | undefined)?.resources) ?? [];
    if (files.length === 0) badRequest("No resources provided: expected one or more multipart parts named 'resources'");
    const tenantId = typeof (ctx.request.body as Record<string, unknown> | undefined)?.tenantId === 'string'
      ? ((ctx.request.body as Record<string, string>).tenantId || undefined)
      : undefined;
    const result = await ctx.state.execute<DeployResult>({
      type: 'deploy',
      resources: files.map((f) => ({ name: f.originalname, content: f.buffer })),
      tenantId,
    });
    ctx.body = {
      deploymentKey: String(result.key),
      tenantId: result.tenantId,
      // Camunda 8.9 names every kind in each item, null but for the one deployed.
      deployments: result.deployments.map((d) => ({ ...NO_DEPLOYED_ITEM, ...restDeployment(d) })),
    };
  });
  return router;
}
