import { parseDmn } from '../../dmn/parseDmn.js';
import type { DrgModel } from '../../dmn/model.js';
import type { DecisionRequirementsRow, DecisionRow } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';

/**
 * Parsed DRGs by key and checksum (a stored DRG never changes; the checksum keeps two engines in one
 * process that reuse a key apart). Disk stays the truth: a miss parses the stored XML again.
 */
const parsed = new Map<string, DrgModel>();
const MAX_CACHED = 500;

const cacheKey = (row: DecisionRequirementsRow): string => `${row.key}:${row.checksum}`;

export function rememberDrg(row: DecisionRequirementsRow, drg: DrgModel): void {
  if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value as string);
  parsed.set(cacheKey(row), drg);
}

export async function drgModel(row: DecisionRequirementsRow): Promise<DrgModel> {
  const cached = parsed.get(cacheKey(row));
  if (cached) return cached;
  const result = await parseDmn(row.xml);
  if (!result.drg) throw new Error(`Stored DRG '${row.decision_requirements_id}' (${row.key}) no longer parses: ${result.problems[0]?.message}`);
  rememberDrg(row, result.drg);
  return result.drg;
}

/** The latest version of a decision id for a tenant (bindingType `latest`). */
export async function latestDecision(ctx: ProcessingContext, decisionId: string, tenantId: string): Promise<DecisionRow | undefined> {
  const versions = await ctx.batch.find('decisions', { decision_id: decisionId, tenant_id: tenantId }, { orderBy: 'version' });
  return versions[versions.length - 1];
}
