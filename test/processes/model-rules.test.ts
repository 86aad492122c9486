import { beforeAll, describe, expect, it } from 'vitest';
import { type Element, elementsOf, extensionsOf } from '../../scripts/processes/model/moddle.js';
import { type LoadedDiagram, flowElementsDeep, isFlowNode, loadDiagrams } from './support/loadDiagrams.js';

/** What the engine being written supports (and Zeebe 8.9 too). */
const SUPPORTED = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask',
  'bpmn:UserTask', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway',
  'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:BoundaryEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent',
  'bpmn:ReceiveTask', 'bpmn:SequenceFlow',
]);
const GROUP = /^(provincia-(upd|selezione|formazione)|="comune-" \+ [A-Za-z.]+|="commissione-" \+ idConcorso|=\["provincia-upd", "comune-" \+ codiceIstat\])$/;
const TASK_TYPE = /^(upd|selezione|formazione|documento|notifica|protocollo|pubblicazione)-[a-z]+(-[a-z]+)*$/;

const all = (diagrams: LoadedDiagram[]): Array<{ file: string; el: Element }> =>
  diagrams.flatMap((d) => d.processes.flatMap((p) => flowElementsDeep(p).map((el) => ({ file: d.file, el }))));
const definitionOf = (el: Element, type: string): Element | undefined =>
  elementsOf(el, 'eventDefinitions').find((e) => e.$type === type);

describe('process models follow the house rules', () => {
  let diagrams: LoadedDiagram[] = [];
  beforeAll(async () => {
    diagrams = await loadDiagrams();
  });

  it('use only elements the engine and Zeebe 8.9 support', () => {
    for (const { file, el } of all(diagrams)) expect(SUPPORTED.has(el.$type), `${file}: ${el.id} ${el.$type}`).toBe(true);
  });

  it('name every flow node in Italian words (no empty names)', () => {
    for (const { file, el } of all(diagrams).filter(({ el }) => isFlowNode(el))) {
      expect(el.name?.trim().length ?? 0, `${file}: ${el.id}`).toBeGreaterThan(2);
      expect(el.name, `${file}: ${el.id}`).not.toMatch(/\b(the|and|task|check|send|wait|receive)\b/i);
    }
  });

  it('give every user task zeebe:userTask, a form and a candidate group of the README', () => {
    const tasks = all(diagrams).filter(({ el }) => el.$type === 'bpmn:UserTask');
    expect(tasks.length).toBeGreaterThan(20);
    for (const { file, el } of tasks) {
      expect(extensionsOf(el, 'zeebe:UserTask'), `${file}: ${el.id}`).toHaveLength(1);
      expect(extensionsOf(el, 'zeebe:FormDefinition')[0]?.['formId'], `${file}: ${el.id}`).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(String(extensionsOf(el, 'zeebe:AssignmentDefinition')[0]?.['candidateGroups']), `${file}: ${el.id}`).toMatch(GROUP);
    }
  });

  it('take user-task due dates from deadline variables', () => {
    for (const { el } of all(diagrams).filter(({ el }) => el.$type === 'bpmn:UserTask')) {
      const due = extensionsOf(el, 'zeebe:TaskSchedule')[0]?.['dueDate'];
      if (due !== undefined) expect(due).toMatch(/^=(scadenza[A-Z]\w*|dataAudizione)$/);
    }
  });

  it('give every service and send task a job type <service>-<verb>-<object> (or notifica-invia)', () => {
    for (const { file, el } of all(diagrams).filter(({ el }) => ['bpmn:ServiceTask', 'bpmn:SendTask'].includes(el.$type))) {
      expect(String(extensionsOf(el, 'zeebe:TaskDefinition')[0]?.['type']), `${file}: ${el.id}`).toMatch(TASK_TYPE);
    }
  });

  it('give every message a correlation key, except message start events', () => {
    const refs = all(diagrams).flatMap(({ file, el }) => {
      const message = (el.$type === 'bpmn:ReceiveTask' ? el['messageRef'] : definitionOf(el, 'bpmn:MessageEventDefinition')?.['messageRef']) as Element | undefined;
      return message && el.$type !== 'bpmn:StartEvent' ? [{ file, el, message }] : [];
    });
    expect(refs.length).toBeGreaterThan(8);
    for (const { file, el, message } of refs) {
      expect(String(extensionsOf(message, 'zeebe:Subscription')[0]?.['correlationKey']), `${file}: ${el.id}`).toMatch(/^=\S/);
    }
  });

  it('mark every boundary timer perentorio (interrupting) or ordinatorio (non-interrupting), with its legal source', () => {
    const timers = all(diagrams).filter(({ el }) => el.$type === 'bpmn:BoundaryEvent' && definitionOf(el, 'bpmn:TimerEventDefinition'));
    for (const { file, el } of timers) {
      const doc = elementsOf(el, 'documentation').map((d) => String(d['text'])).join('\n');
      expect(doc, `${file}: ${el.id}`).toMatch(/Fonte: .*(art\.|convenzione|DPR)/);
      if (el['cancelActivity'] === false) {
        expect(el.name, `${file}: ${el.id}`).toMatch(/ordinatorio/i);
        expect(doc).toMatch(/ORDINATORIO/);
      } else {
        expect(el.name, `${file}: ${el.id}`).toMatch(/perentorio/i);
        expect(doc).toMatch(/PERENTORIO/);
      }
    }
  });

  it('end the disciplinary procedure as "Procedimento estinto" when a perentorio timer fires', () => {
    const d = diagrams.find((x) => x.file === 'procedimento-disciplinare.bpmn')!;
    const perentori = all([d]).filter(({ el }) => el.$type === 'bpmn:BoundaryEvent' && el['cancelActivity'] !== false && definitionOf(el, 'bpmn:TimerEventDefinition'));
    expect(perentori.length).toBeGreaterThanOrEqual(3);
    for (const { el } of perentori) {
      expect(reachableEnds(el).map((e) => e.name), el.id).toContain('Procedimento estinto');
    }
  });

  it('call only processes that exist, and catch every escalation a called process throws', () => {
    const ids = new Set(diagrams.flatMap((d) => d.processes.map((p) => p.id)));
    for (const { file, el } of all(diagrams).filter(({ el }) => el.$type === 'bpmn:CallActivity')) {
      const called = String(extensionsOf(el, 'zeebe:CalledElement')[0]?.['processId']);
      expect(ids.has(called), `${file}: ${el.id} calls ${called}`).toBe(true);
      const callee = diagrams.flatMap((d) => d.processes).find((p) => p.id === called)!;
      const thrown = flowElementsDeep(callee).filter((e) => ['bpmn:EndEvent', 'bpmn:IntermediateThrowEvent'].includes(e.$type)).map((e) => definitionOf(e, 'bpmn:EscalationEventDefinition')).filter(Boolean)
        .map((def) => (def!['escalationRef'] as Element)['escalationCode']);
      const caught = all(diagrams).filter(({ el: b }) => b['attachedToRef'] === el)
        .map(({ el: b }) => (definitionOf(b, 'bpmn:EscalationEventDefinition')?.['escalationRef'] as Element | undefined)?.['escalationCode']);
      for (const code of thrown) {
        if (NEVER_THROWN_THERE[el.id as string] === code) continue;
        expect(caught, `${el.id} does not catch ${String(code)}`).toContain(code);
      }
    }
  });

  it('repeat work per Comune, per board member and per employee with multi-instance', () => {
    const collections = all(diagrams).map(({ el }) => el['loopCharacteristics'] as Element | undefined).filter(Boolean)
      .map((lc) => extensionsOf(lc!, 'zeebe:LoopCharacteristics')[0]?.['inputCollection']);
    expect(collections).toEqual(expect.arrayContaining(['=comuniAderenti', '=componentiCommissione', '=dipendenti']));
  });

  it('draw Provincia and Comune lanes in each of the three procedures', () => {
    for (const file of ['selezione-personale.bpmn', 'procedimento-disciplinare.bpmn', 'formazione.bpmn']) {
      const d = diagrams.find((x) => x.file === file)!;
      const names = d.processes.flatMap((p) => elementsOf(p, 'laneSets').flatMap((s) => elementsOf(s, 'lanes'))).map((l) => l.name);
      expect(names.some((n) => n?.startsWith('Provincia')), file).toBe(true);
      expect(names.some((n) => n?.startsWith('Comun')), file).toBe(true);
    }
  });
});

/**
 * Escalations a called process can throw but never from this call, so the caller has no branch for
 * them (a branch nothing can reach is dead). Each has an end-to-end test that proves it.
 */
const NEVER_THROWN_THERE: Record<string, string> = {
  // upd-verifica-sospensione-penale refuses the suspension for the criminal case in flagranza
  // (test/workers/disciplinare-flagranza.test.ts)
  Call_IstruttoriaFlagranza: 'SOSPENSIONE_PENALE',
};

/** End events reachable from an element along sequence flows. */
function reachableEnds(start: Element): Element[] {
  const seen = new Set<Element>();
  const ends: Element[] = [];
  const visit = (el: Element): void => {
    if (seen.has(el)) return;
    seen.add(el);
    if (el.$type === 'bpmn:EndEvent') ends.push(el);
    for (const flow of elementsOf(el, 'outgoing')) visit(flow['targetRef'] as Element);
  };
  visit(start);
  return ends;
}
