/**
 * Small BPMN fragments for engine tests. Flows are declared by `sourceRef`/`targetRef` only, as
 * Zeebe connects them (no `<bpmn:incoming>`/`<bpmn:outgoing>` children needed).
 */

export interface TaskOptions {
  retries?: string;
  headers?: Record<string, string>;
  inputs?: [source: string, target: string][];
  outputs?: [source: string, target: string][];
  kind?: 'serviceTask' | 'sendTask' | 'scriptTask' | 'businessRuleTask';
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function ioMapping(inputs: [string, string][] = [], outputs: [string, string][] = []): string {
  if (inputs.length === 0 && outputs.length === 0) return '';
  return `<zeebe:ioMapping>${inputs.map(([s, t]) => `<zeebe:input source="${escape(s)}" target="${t}"/>`).join('')}${outputs
    .map(([s, t]) => `<zeebe:output source="${escape(s)}" target="${t}"/>`)
    .join('')}</zeebe:ioMapping>`;
}

export function task(id: string, type: string, options: TaskOptions = {}): string {
  const kind = options.kind ?? 'serviceTask';
  const retries = options.retries !== undefined ? ` retries="${escape(options.retries)}"` : '';
  const headers = options.headers
    ? `<zeebe:taskHeaders>${Object.entries(options.headers).map(([k, v]) => `<zeebe:header key="${escape(k)}" value="${escape(v)}"/>`).join('')}</zeebe:taskHeaders>`
    : '';
  return `<bpmn:${kind} id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${escape(type)}"${retries}/>${headers}${ioMapping(options.inputs, options.outputs)}</bpmn:extensionElements></bpmn:${kind}>`;
}

export function subProcess(id: string, body: string, options: Pick<TaskOptions, 'inputs' | 'outputs'> = {}): string {
  const io = ioMapping(options.inputs, options.outputs);
  return `<bpmn:subProcess id="${id}">${io ? `<bpmn:extensionElements>${io}</bpmn:extensionElements>` : ''}${body}</bpmn:subProcess>`;
}

export function flow(id: string, from: string, to: string, condition?: string): string {
  const body = condition === undefined ? '' : `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:conditionExpression>`;
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${body}</bpmn:sequenceFlow>`;
}

/** Flows along a chain of element ids, named `<from>_<to>`. */
export function chain(...ids: string[]): string {
  return ids.slice(1).map((to, i) => flow(`${ids[i]}_${to}`, ids[i], to)).join('\n');
}

/** A start event, the given tasks in a row, an end event. */
export function straight(...tasks: { id: string; xml: string }[]): string {
  return ['<bpmn:startEvent id="start"/>', ...tasks.map((t) => t.xml), '<bpmn:endEvent id="end"/>', chain('start', ...tasks.map((t) => t.id), 'end')].join('\n');
}

export function errorDefinitions(codes: Record<string, string>): string {
  return Object.entries(codes).map(([id, code]) => `<bpmn:error id="${id}" name="${id}" errorCode="${code}"/>`).join('\n');
}

export function errorBoundary(id: string, attachedTo: string, errorRef?: string): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:errorEventDefinition${errorRef ? ` errorRef="${errorRef}"` : ''}/></bpmn:boundaryEvent>`;
}
