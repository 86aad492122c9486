import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createModdle, type Element, elementsOf, extensionsOf } from '../model/moddle.js';

/** What workers and the web app may rely on in one deployed process. */
export interface ProcessContract {
  processId: string;
  file: string;
  taskTypes: string[];
  /** Header values per task type, e.g. `upd-calcola-scadenze` → fase → [segnalazione, …]. */
  taskHeaders: Record<string, Record<string, string[]>>;
  messages: Record<string, string>;
  formIds: string[];
  errorCodes: string[];
  escalationCodes: string[];
  calledProcessIds: string[];
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Reads every processes/*.bpmn and lists, per executable process, the names outside code depends on. */
export async function extractContracts(processesDir: string): Promise<ProcessContract[]> {
  const m = createModdle();
  const files = (await readdir(processesDir)).filter((f) => f.endsWith('.bpmn')).sort();
  const contracts: ProcessContract[] = [];
  for (const file of files) {
    const { rootElement } = await m.fromXML(await readFile(join(processesDir, file), 'utf8'));
    for (const process of elementsOf(rootElement, 'rootElements').filter((r) => r.$type === 'bpmn:Process')) {
      contracts.push(contractOf(process, file));
    }
  }
  return contracts.sort((a, b) => a.processId.localeCompare(b.processId));
}

function contractOf(process: Element, file: string): ProcessContract {
  const nodes = elementsOf(process, 'flowElements');
  const taskTypes: string[] = [];
  const headers: Record<string, Record<string, Set<string>>> = {};
  const messages: Record<string, string> = {};
  const forms: string[] = [];
  const errors: string[] = [];
  const escalations: string[] = [];
  const called: string[] = [];

  const noteMessage = (message: Element | undefined): void => {
    if (!message?.name) return;
    const key = extensionsOf(message, 'zeebe:Subscription')[0]?.['correlationKey'];
    messages[message.name] = typeof key === 'string' ? key : '';
  };

  for (const node of nodes) {
    for (const def of extensionsOf(node, 'zeebe:TaskDefinition')) {
      const type = String(def['type']);
      taskTypes.push(type);
      for (const th of extensionsOf(node, 'zeebe:TaskHeaders')) {
        for (const h of elementsOf(th, 'values')) {
          const byKey = (headers[type] ??= {});
          (byKey[String(h['key'])] ??= new Set()).add(String(h['value']));
        }
      }
    }
    for (const f of extensionsOf(node, 'zeebe:FormDefinition')) forms.push(String(f['formId']));
    for (const c of extensionsOf(node, 'zeebe:CalledElement')) called.push(String(c['processId']));
    if (node.$type === 'bpmn:ReceiveTask') noteMessage(node['messageRef'] as Element | undefined);
    for (const def of elementsOf(node, 'eventDefinitions')) {
      if (def.$type === 'bpmn:MessageEventDefinition') noteMessage(def['messageRef'] as Element | undefined);
      const error = def['errorRef'] as Element | undefined;
      if (error?.['errorCode']) errors.push(String(error['errorCode']));
      const escalation = def['escalationRef'] as Element | undefined;
      if (escalation?.['escalationCode']) escalations.push(String(escalation['escalationCode']));
    }
  }

  const taskHeaders = Object.fromEntries(
    Object.entries(headers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, byKey]) => [type, Object.fromEntries(Object.entries(byKey).sort().map(([k, v]) => [k, sorted(v)]))]),
  );
  return {
    processId: process.id!,
    file,
    taskTypes: sorted(taskTypes),
    taskHeaders,
    messages: Object.fromEntries(Object.entries(messages).sort(([a], [b]) => a.localeCompare(b))),
    formIds: sorted(forms),
    errorCodes: sorted(errors),
    escalationCodes: sorted(escalations),
    calledProcessIds: sorted(called),
  };
}
