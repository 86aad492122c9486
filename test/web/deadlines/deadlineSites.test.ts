import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDeadlineSites, watchedDeadlineSites } from '../../../web/server/deadlines/deadlineSites.js';

const processXml = (name: string) => fs.readFileSync(path.resolve('processes', name), 'utf8');

describe('findDeadlineSites (one reading for the task list, the scadenzario and the audit follower)', () => {
  it('records the boundary timer element beside the task it watches, and a catch timer as its own waiting element', async () => {
    // when
    const main = await findDeadlineSites(processXml('procedimento-disciplinare.bpmn'));
    const selezione = await findDeadlineSites(processXml('selezione-personale.bpmn'));

    // then
    expect(main).toContainEqual(expect.objectContaining({
      variable: 'scadenzaContestazione', waitingElementId: 'Call_Contestazione', kind: 'timer', timerElementId: 'Timer_ContestazionePerentorio', boundary: true,
    }));
    expect(main).toContainEqual(expect.objectContaining({ variable: 'scadenzaRiattivazione', waitingElementId: 'Task_RinnovaContestazione', kind: 'task' }));
    expect(selezione).toContainEqual(expect.objectContaining({
      variable: 'scadenzaMobilita', waitingElementId: 'Timer_AttesaMobilita', kind: 'timer', timerElementId: 'Timer_AttesaMobilita', boundary: false,
    }));
  });

  it('watches for met/missed only boundary timers and due dates, a due date with its own boundary timer once', async () => {
    // given
    const main = await findDeadlineSites(processXml('procedimento-disciplinare.bpmn'));
    const selezione = await findDeadlineSites(processXml('selezione-personale.bpmn'));

    // when
    const watchedMain = watchedDeadlineSites(main);
    const watchedSelezione = watchedDeadlineSites(selezione);

    // then: the task's due date and the timer on it are one deadline, told by the timer
    expect(watchedMain.filter((s) => s.variable === 'scadenzaRiattivazione')).toEqual([
      expect.objectContaining({ kind: 'timer', timerElementId: 'Timer_RiattivazionePerentorio' }),
    ]);
    // the 34-bis wait is a notBefore period: nothing to meet or miss
    expect(watchedSelezione.some((s) => s.variable === 'scadenzaMobilita')).toBe(false);
    expect(watchedSelezione.map((s) => s.waitingElementId).sort()).toEqual(['Call_Prove', 'Task_ApprovaGraduatoria']);
  });

  it('names a timer\'s deadline without the word for its expiry, a task\'s by the task', async () => {
    // when
    const main = await findDeadlineSites(processXml('procedimento-disciplinare.bpmn'));
    const formazione = await findDeadlineSites(processXml('formazione.bpmn'));

    // then: the timer says what happens when it fires, the scadenzario what the deadline is
    const contestazione = main.find((s) => s.timerElementId === 'Timer_ContestazionePerentorio');
    expect(contestazione).toMatchObject({ name: 'Termine perentorio di contestazione (30 giorni) scaduto', deadlineName: 'Termine perentorio di contestazione (30 giorni)' });
    expect(formazione.find((s) => s.timerElementId === 'Timer_PiaoOrdinatorio')?.deadlineName).toBe('Termine ordinatorio del PIAO');
    const task = main.find((s) => s.kind === 'task');
    expect(task?.deadlineName).toBe(task?.name);
  });

  it('ignores dates that are not a bare variable', async () => {
    // given
    const xml = processXml('procedimento-disciplinare-contestazione.bpmn').replaceAll('dueDate="=scadenzaContestazione"', 'dueDate="=now() + duration(&#34;P1D&#34;)"');

    // when / then
    expect(await findDeadlineSites(xml)).toEqual([]);
  });
});
