import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createModdle, type Element, elementsOf } from '../../../scripts/processes/model/moddle.js';
import { FORMS_DIR, PROCESSES_DIR } from '../../../scripts/processes/paths.js';

export interface LoadedDiagram {
  file: string;
  definitions: Element;
  processes: Element[];
}

/** Every processes/*.bpmn parsed with bpmn-moddle + zeebe-bpmn-moddle; parse warnings fail loudly. */
export async function loadDiagrams(): Promise<LoadedDiagram[]> {
  const m = createModdle();
  const files = (await readdir(PROCESSES_DIR)).filter((f) => f.endsWith('.bpmn')).sort();
  const out: LoadedDiagram[] = [];
  for (const file of files) {
    const { rootElement, warnings } = await m.fromXML(await readFile(join(PROCESSES_DIR, file), 'utf8'));
    if (warnings.length) throw new Error(`${file}: ${JSON.stringify(warnings)}`);
    out.push({ file, definitions: rootElement, processes: elementsOf(rootElement, 'rootElements').filter((r) => r.$type === 'bpmn:Process') });
  }
  return out;
}

/** All flow elements of a process, including those inside embedded sub-processes. */
export function flowElementsDeep(container: Element): Element[] {
  return elementsOf(container, 'flowElements').flatMap((el) =>
    el.$type === 'bpmn:SubProcess' ? [el, ...flowElementsDeep(el)] : [el]);
}

export const isFlowNode = (el: Element): boolean => el.$type !== 'bpmn:SequenceFlow';

export interface FormFile {
  file: string;
  json: Record<string, unknown>;
}

export async function loadForms(): Promise<FormFile[]> {
  const files = (await readdir(FORMS_DIR)).filter((f) => f.endsWith('.form')).sort();
  return Promise.all(files.map(async (file) => ({ file, json: JSON.parse(await readFile(join(FORMS_DIR, file), 'utf8')) as Record<string, unknown> })));
}
