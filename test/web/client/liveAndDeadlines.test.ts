import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../../web/server/live/LiveFeed.js';
import { findDeadlineSites } from '../../../web/client/src/bpmn/deadline-badge/findDeadlines.js';

// applyPatch lives in the client and only needs plain objects
const { applyPatch } = await import('../../../web/client/src/live.js');

describe('live diffs', () => {
  it('sends only the elements that changed, and the client rebuilds the same state', () => {
    // given
    const before = { statistics: [{ elementId: 'A', active: 2, completed: 0, canceled: 0, incidents: 0 }, { elementId: 'B', active: 0, completed: 1, canceled: 0, incidents: 0 }] };
    const after = { statistics: [{ elementId: 'A', active: 1, completed: 1, canceled: 0, incidents: 0 }, { elementId: 'C', active: 1, completed: 0, canceled: 0, incidents: 0 }] };

    // when
    const patch = diffSnapshots(before, after)!;

    // then
    expect(patch.statistics).toEqual({ upsert: [after.statistics[0], after.statistics[1]], remove: ['B'] });
    const rebuilt = applyPatch(before, patch as never) as typeof after;
    expect([...rebuilt.statistics].sort((a, b) => a.elementId.localeCompare(b.elementId))).toEqual(after.statistics);
    expect(diffSnapshots(after, after)).toBeUndefined();
  });
});

describe('deadline sites', () => {
  it('finds timers and task due dates that read a deadline variable, badged on the waiting element', () => {
    const sites = findDeadlineSites([
      { id: 'Timer_Bordo', $type: 'bpmn:BoundaryEvent', attachedToRef: { id: 'Task_Audizione' }, eventDefinitions: [{ $type: 'bpmn:TimerEventDefinition', timeDate: { body: '=scadenzaAudizione' } }] },
      { id: 'Timer_Attesa', $type: 'bpmn:IntermediateCatchEvent', eventDefinitions: [{ $type: 'bpmn:TimerEventDefinition', timeDate: { body: '= scadenzaMobilita' } }] },
      { id: 'Timer_Durata', $type: 'bpmn:IntermediateCatchEvent', eventDefinitions: [{ $type: 'bpmn:TimerEventDefinition', timeDuration: { body: 'P5D' } }] },
      { id: 'Task_Contestazione', $type: 'bpmn:UserTask', extensionElements: { values: [{ $type: 'zeebe:TaskSchedule', dueDate: '=scadenzaContestazione' }] } },
      { id: 'Timer_Calcolato', $type: 'bpmn:IntermediateCatchEvent', eventDefinitions: [{ $type: 'bpmn:TimerEventDefinition', timeDate: { body: '=date(x) + duration("P1D")' } }] },
    ]);
    expect(sites).toEqual([
      { variable: 'scadenzaAudizione', waitingElementId: 'Task_Audizione', badgeElementId: 'Task_Audizione', sourceElementId: 'Timer_Bordo' },
      { variable: 'scadenzaMobilita', waitingElementId: 'Timer_Attesa', badgeElementId: 'Timer_Attesa', sourceElementId: 'Timer_Attesa' },
      { variable: 'scadenzaContestazione', waitingElementId: 'Task_Contestazione', badgeElementId: 'Task_Contestazione', sourceElementId: 'Task_Contestazione' },
    ]);
  });
});
