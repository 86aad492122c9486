import type { Knex } from 'knex';

export interface StepTaken {
  /** bpmnProcessId of the (root or called) instance the element ran in */
  process: string;
  elementId: string;
  intent: 'ELEMENT_COMPLETED' | 'ELEMENT_TERMINATED';
}

/**
 * The path an instance took, read from the engine's record log (as Zeebe's exporters read it):
 * every flow element completed or terminated, in log order, in the instance and in the instances
 * it called.
 */
export async function pathTaken(knex: Knex, rootProcessInstanceKey: string): Promise<StepTaken[]> {
  const keys = await instanceTree(knex, rootProcessInstanceKey);
  const rows = (await knex('records')
    .whereIn('process_instance_key', keys.map(Number))
    .andWhere({ value_type: 'PROCESS_INSTANCE' })
    .whereIn('intent', ['ELEMENT_COMPLETED', 'ELEMENT_TERMINATED'])
    .orderBy('position')) as { element_id: string; intent: StepTaken['intent']; value: string; key: string | number; process_instance_key: string | number }[];
  return rows
    .filter((r) => String(r.key) !== String(r.process_instance_key)) // the process element itself
    .map((r) => ({ process: String((JSON.parse(r.value) as { bpmnProcessId?: string }).bpmnProcessId), elementId: r.element_id, intent: r.intent }));
}

/** Element ids completed in the instance tree, as `processId/elementId`. */
export async function completedElements(knex: Knex, rootProcessInstanceKey: string): Promise<string[]> {
  return (await pathTaken(knex, rootProcessInstanceKey)).filter((s) => s.intent === 'ELEMENT_COMPLETED').map((s) => `${s.process}/${s.elementId}`);
}

async function instanceTree(knex: Knex, root: string): Promise<string[]> {
  const keys = [root];
  for (let i = 0; i < keys.length; i++) {
    const children = (await knex('process_instances').where({ parent_process_instance_key: keys[i] }).select('key')) as { key: string | number }[];
    keys.push(...children.map((c) => String(c.key)));
  }
  return keys;
}
