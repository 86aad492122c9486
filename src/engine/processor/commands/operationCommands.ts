/** Operator commands (as Operate offers them): modify and migrate a process instance, delete a resource. */
import { registerCommand } from '../handle.js';
import { hooks } from '../hooks.js';
import { migrateInstance } from '../migration/migrateInstance.js';
import { modifyInstance } from '../modification/modifyInstance.js';
import { deleteResource, finishDraining } from '../resources/deleteResource.js';

registerCommand('modifyInstance', modifyInstance as never);
registerCommand('migrateInstance', migrateInstance as never);
registerCommand('deleteResource', deleteResource as never);

hooks.onInstanceEnded(async (ctx, root) => {
  await finishDraining(ctx, root.process_definition_key);
});
