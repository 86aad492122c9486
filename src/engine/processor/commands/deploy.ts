import { createHash } from 'node:crypto';
import { reject } from '../../errors.js';
import { parseBpmn, type ModelProblem } from '../../model/parse.js';
import type { ProcessModel } from '../../model/types.js';
import { validateProcess } from '../../model/validate.js';
import type { FormRow, ProcessDefinitionRow } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import type { Command } from './types.js';
import { parseDmn } from '../../dmn/parseDmn.js';
import { deployDrg, type CheckedDrg, type DeployedDecision, type DeployedDecisionRequirements } from '../decisions/deployDecisions.js';

export type DeployedResource =
  | { process: { bpmnProcessId: string; version: number; processDefinitionKey: number; resourceName: string; tenantId: string } }
  | { form: { formId: string; version: number; formKey: number; resourceName: string; tenantId: string } }
  | { decision: DeployedDecision }
  | { decisionRequirements: DeployedDecisionRequirements };

export interface DeployResult {
  key: number;
  tenantId: string;
  deployments: DeployedResource[];
}

interface Checked {
  resourceName: string;
  checksum: string;
  processes: { model: ProcessModel; xml: string }[];
  form?: { id: string; schema: string };
  drg?: CheckedDrg;
}

function describe(resourceName: string, problems: ModelProblem[]): string {
  return [`'${resourceName}':`, ...problems.map((p) => (p.elementId ? `- Element: ${p.elementId}\n    - ERROR: ${p.message}` : `- ERROR: ${p.message}`))].join('\n');
}

async function check(name: string, content: Buffer): Promise<{ checked?: Checked; error?: string }> {
  const checksum = createHash('md5').update(content).digest('hex');
  const text = content.toString('utf8');
  if (/\.(bpmn|xml)$/i.test(name)) {
    const parsed = await parseBpmn(text);
    const problems = [...parsed.problems];
    if (problems.length === 0 && parsed.processes.length === 0) problems.push({ elementId: '', message: 'Must contain at least one executable process' });
    for (const model of parsed.processes) problems.push(...validateProcess(model));
    if (problems.length > 0) return { error: describe(name, problems) };
    return { checked: { resourceName: name, checksum, processes: parsed.processes.map((model) => ({ model, xml: text })) } };
  }
  if (/\.dmn$/i.test(name)) {
    const parsed = await parseDmn(text);
    if (!parsed.drg) return { error: describe(name, parsed.problems) };
    return { checked: { resourceName: name, checksum, processes: [], drg: { resourceName: name, checksum, xml: text, drg: parsed.drg } } };
  }
  if (/\.form$/i.test(name)) {
    let schema: { id?: unknown; components?: unknown };
    try {
      schema = JSON.parse(text) as typeof schema;
    } catch (error) {
      return { error: `'${name}': - ERROR: the form is not valid JSON: ${(error as Error).message}` };
    }
    if (typeof schema.id !== 'string' || schema.id === '') return { error: `'${name}': - ERROR: the form has no 'id'` };
    if (!Array.isArray(schema.components)) return { error: `'${name}': - ERROR: the form has no 'components' list` };
    return { checked: { resourceName: name, checksum, processes: [], form: { id: schema.id, schema: text } } };
  }
  return { error: `'${name}': - ERROR: resource type not supported (expected .bpmn, .xml, .dmn or .form)` };
}

/** DeployResource: atomic; an identical resource (same name and checksum as the latest version) is not re-versioned. */
export async function deploy(ctx: ProcessingContext, command: Extract<Command, { type: 'deploy' }>): Promise<DeployResult> {
  const tenantId = command.tenantId || '<default>';
  if (command.resources.length === 0) reject('INVALID_ARGUMENT', 'Expected to deploy at least one resource, but none given');
  const checked: Checked[] = [];
  const errors: string[] = [];
  for (const resource of command.resources) {
    const result = await check(resource.name, resource.content);
    if (result.error) errors.push(result.error);
    else checked.push(result.checked as Checked);
  }
  const ids = checked.flatMap((c) => c.processes.map((p) => p.model.bpmnProcessId));
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) errors.push(`Duplicated process id in resources: '${duplicate}'`);
  const decisionIds = checked.flatMap((c) => c.drg?.drg.decisions.map((d) => d.id) ?? []);
  const duplicateDecision = decisionIds.find((id, i) => decisionIds.indexOf(id) !== i);
  if (duplicateDecision) errors.push(`Duplicated decision id in resources: '${duplicateDecision}'`);
  if (errors.length > 0) reject('INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\n${errors.join('\n')}`);

  const deploymentKey = ctx.key();
  const deployments: DeployedResource[] = [];
  for (const resource of checked) {
    for (const { model, xml } of resource.processes) {
      const all = await ctx.batch.find('process_definitions', { bpmn_process_id: model.bpmnProcessId, tenant_id: tenantId }, { orderBy: 'version' });
      const newest = all[all.length - 1];
      // Versions are never reused, but a deleted latest version is no duplicate to answer with.
      const latest = all.filter((d) => !d.deletion_state).pop();
      if (newest && newest === latest && newest.checksum === resource.checksum && newest.resource_name === resource.resourceName) {
        deployments.push({ process: { bpmnProcessId: newest.bpmn_process_id, version: newest.version, processDefinitionKey: newest.key, resourceName: newest.resource_name, tenantId } });
        continue;
      }
      const definition: ProcessDefinitionRow = {
        key: ctx.key(),
        bpmn_process_id: model.bpmnProcessId,
        version: (newest?.version ?? 0) + 1,
        version_tag: model.versionTag ?? null,
        resource_name: resource.resourceName,
        checksum: resource.checksum,
        deployment_key: deploymentKey,
        tenant_id: tenantId,
        xml,
        created_at: ctx.now(),
      };
      ctx.batch.put('process_definitions', definition);
      ctx.services.models.put(definition.key, model);
      ctx.event('PROCESS', 'CREATED', definition.key, { bpmnProcessId: definition.bpmn_process_id, version: definition.version, processDefinitionKey: definition.key, resourceName: definition.resource_name, checksum: definition.checksum, tenantId });
      await ctx.services.onProcessDeployed(ctx, definition, latest);
      deployments.push({ process: { bpmnProcessId: definition.bpmn_process_id, version: definition.version, processDefinitionKey: definition.key, resourceName: definition.resource_name, tenantId } });
    }
    if (resource.drg) {
      const deployed = await deployDrg(ctx, resource.drg, deploymentKey, tenantId);
      // Zeebe's gateway lists a resource's decisions before its decision requirements.
      for (const decision of deployed.decisions) deployments.push({ decision });
      deployments.push({ decisionRequirements: deployed.requirements });
    }
    if (resource.form) {
      const all = await ctx.batch.find('forms', { form_id: resource.form.id, tenant_id: tenantId }, { orderBy: 'version' });
      const newest = all[all.length - 1];
      if (newest && newest.checksum === resource.checksum && newest.resource_name === resource.resourceName) {
        deployments.push({ form: { formId: newest.form_id, version: newest.version, formKey: newest.key, resourceName: newest.resource_name, tenantId } });
        continue;
      }
      const form: FormRow = {
        key: ctx.key(),
        form_id: resource.form.id,
        version: (newest?.version ?? 0) + 1,
        version_tag: null,
        resource_name: resource.resourceName,
        checksum: resource.checksum,
        deployment_key: deploymentKey,
        tenant_id: tenantId,
        schema: resource.form.schema,
        created_at: ctx.now(),
      };
      ctx.batch.put('forms', form);
      ctx.event('FORM', 'CREATED', form.key, { formId: form.form_id, version: form.version, formKey: form.key, resourceName: form.resource_name, tenantId });
      deployments.push({ form: { formId: form.form_id, version: form.version, formKey: form.key, resourceName: form.resource_name, tenantId } });
    }
  }
  ctx.event('DEPLOYMENT', 'CREATED', deploymentKey, { resources: checked.map((c) => c.resourceName), tenantId });
  return { key: deploymentKey, tenantId, deployments };
}
