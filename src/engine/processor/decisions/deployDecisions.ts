import type { DrgModel } from '../../dmn/model.js';
import type { DecisionRequirementsRow, DecisionRow, Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { rememberDrg } from './decisionCatalog.js';

export interface DeployedDecision {
  decisionId: string;
  decisionName: string;
  version: number;
  decisionKey: Key;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  tenantId: string;
}

export interface DeployedDecisionRequirements {
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  version: number;
  decisionRequirementsKey: Key;
  resourceName: string;
  tenantId: string;
}

export interface CheckedDrg {
  resourceName: string;
  checksum: string;
  xml: string;
  drg: DrgModel;
}

const decisionOf = (row: DecisionRow): DeployedDecision => ({
  decisionId: row.decision_id,
  decisionName: row.name,
  version: row.version,
  decisionKey: row.key,
  decisionRequirementsId: row.decision_requirements_id,
  decisionRequirementsKey: row.decision_requirements_key,
  tenantId: row.tenant_id,
});

const requirementsOf = (row: DecisionRequirementsRow): DeployedDecisionRequirements => ({
  decisionRequirementsId: row.decision_requirements_id,
  decisionRequirementsName: row.name,
  version: row.version,
  decisionRequirementsKey: row.key,
  resourceName: row.resource_name,
  tenantId: row.tenant_id,
});

/**
 * Stores one .dmn resource as Zeebe does (DecisionRequirementsTransformer): the DRG gets the next version of its
 * id, each decision the next version of its own id. The same resource (name and checksum) as the DRG's latest
 * version is a duplicate: its DRG and decisions come back with their keys and versions.
 */
export async function deployDrg(ctx: ProcessingContext, checked: CheckedDrg, deploymentKey: Key, tenantId: string): Promise<{ decisions: DeployedDecision[]; requirements: DeployedDecisionRequirements }> {
  const versions = await ctx.batch.find('decision_requirements', { decision_requirements_id: checked.drg.id, tenant_id: tenantId }, { orderBy: 'version' });
  const latest = versions[versions.length - 1];
  if (latest && latest.checksum === checked.checksum && latest.resource_name === checked.resourceName) {
    const decisions = await ctx.batch.find('decisions', { decision_requirements_key: latest.key }, { orderBy: 'key' });
    return { decisions: decisions.map(decisionOf), requirements: requirementsOf(latest) };
  }
  const requirements: DecisionRequirementsRow = {
    key: ctx.key(),
    decision_requirements_id: checked.drg.id,
    name: checked.drg.name,
    version: (latest?.version ?? 0) + 1,
    resource_name: checked.resourceName,
    checksum: checked.checksum,
    deployment_key: deploymentKey,
    tenant_id: tenantId,
    xml: checked.xml,
    created_at: ctx.now(),
  };
  ctx.batch.put('decision_requirements', requirements);
  rememberDrg(requirements, checked.drg);
  ctx.event('DECISION_REQUIREMENTS', 'CREATED', requirements.key, { ...requirementsOf(requirements), checksum: requirements.checksum });
  const decisions: DeployedDecision[] = [];
  for (const decision of checked.drg.decisions) {
    const previous = await ctx.batch.find('decisions', { decision_id: decision.id, tenant_id: tenantId }, { orderBy: 'version' });
    const row: DecisionRow = {
      key: ctx.key(),
      decision_id: decision.id,
      name: decision.name,
      version: (previous[previous.length - 1]?.version ?? 0) + 1,
      decision_requirements_key: requirements.key,
      decision_requirements_id: requirements.decision_requirements_id,
      deployment_key: deploymentKey,
      tenant_id: tenantId,
      created_at: ctx.now(),
    };
    ctx.batch.put('decisions', row);
    ctx.event('DECISION', 'CREATED', row.key, { ...decisionOf(row) });
    decisions.push(decisionOf(row));
  }
  return { decisions, requirements: requirementsOf(requirements) };
}
