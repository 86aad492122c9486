import { reject } from '../../errors.js';
import type { ProcessingContext } from '../context.js';
import { isLive } from '../lifecycle.js';
import { propagateVariables, setLocalVariables } from '../variables.js';
import type { Command } from './types.js';

export async function setVariables(ctx: ProcessingContext, command: Extract<Command, { type: 'setVariables' }>): Promise<{ key: number }> {
  const scope = await ctx.instance(command.elementInstanceKey);
  if (!scope || !isLive(scope)) {
    reject('NOT_FOUND', `Expected to update variables for element with key '${command.elementInstanceKey}', but no such element was found`);
  }
  if (command.local) await setLocalVariables(ctx, scope.key, scope.process_instance_key, command.variables, scope.tenant_id);
  else await propagateVariables(ctx, scope.key, scope.process_instance_key, command.variables, scope.tenant_id);
  const key = ctx.key();
  ctx.event('VARIABLE_DOCUMENT', 'UPDATED', key, { scopeKey: scope.key, updateSemantics: command.local ? 'LOCAL' : 'PROPAGATE' }, scope.process_instance_key);
  return { key };
}
