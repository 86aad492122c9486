import type { Batch } from '../state/store.js';
import type { ProcessDefinitionRow } from '../state/tables.js';
import { parseBpmn } from './parse.js';
import type { ProcessModel } from './types.js';

/** Process definitions parsed once and cached by key; the XML stays on disk. */
export class ModelCache {
  private readonly models = new Map<number, ProcessModel>();

  async get(batch: Batch, processDefinitionKey: number): Promise<{ model: ProcessModel; definition: ProcessDefinitionRow }> {
    const definition = await batch.get('process_definitions', processDefinitionKey);
    if (!definition) throw new Error(`Process definition ${processDefinitionKey} not found`);
    let model = this.models.get(processDefinitionKey);
    if (!model) {
      const parsed = await parseBpmn(definition.xml);
      model = parsed.processes.find((p) => p.bpmnProcessId === definition.bpmn_process_id);
      if (!model) throw new Error(`Process '${definition.bpmn_process_id}' missing from its stored XML`);
      this.models.set(processDefinitionKey, model);
    }
    return { model, definition };
  }

  put(processDefinitionKey: number, model: ProcessModel): void {
    this.models.set(processDefinitionKey, model);
  }
}
