import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../../src/db/index.js';
import type { UserAccess } from '../../../web/server/auth/roles.js';
import type { CaseDeadlineRow } from '../../../web/server/deadlines/DeadlineRegister.js';
import { parseRegisterQuery } from '../../../web/server/deadlines/registerQuery.js';
import { registerPage } from '../../../web/server/openwork/deadlineQueries.js';
import { openDeadlineRow, openTaskRow } from '../../../web/server/openwork/openWorkRows.js';
import { taskListPage } from '../../../web/server/openwork/taskQueries.js';
import type { TaskListQuery } from '../../../web/server/tasks/TaskList.js';
import type { IndexedTask } from '../../../web/server/tasks/taskFacts.js';
import type { RegisterEntry } from '../../../web/shared/deadlineTypes.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../../db/testDatabases.js';

const MONZA = '108033';
const LISSONE = '108028';
/** 2030-01-10 09:00 in Rome */
const NOW = new Date('2030-01-10T08:00:00Z');

const user = (over: Partial<UserAccess>): UserAccess => ({ userId: '1', username: 'u', displayName: 'U', roles: ['provincia'], services: ['upd'], comuni: [], groups: [], ...over });
const upd = user({ username: 'upd', groups: ['provincia-upd'] });
const selezione = user({ username: 'sel', services: ['selezione'], groups: ['provincia-selezione'] });
const monza = user({ username: 'monza', roles: ['comune'], services: [], comuni: [MONZA], groups: [`comune-${MONZA}`] });
const auditorMonza = user({ username: 'aud', roles: ['auditor'], services: [], comuni: [MONZA] });

function deadline(over: Partial<RegisterEntry>, row: Partial<Omit<CaseDeadlineRow, 'entry'>> = {}): CaseDeadlineRow {
  const entry: RegisterEntry = {
    variable: 'scadenzaContestazione',
    name: 'Contestazione',
    dueAt: '2030-02-01T00:00:00+01:00',
    daysLeft: 0,
    status: 'ok',
    processInstanceKey: '1',
    processDefinitionId: 'procedimento-disciplinare',
    processName: 'Procedimento disciplinare',
    ...over,
  };
  return { entry, scope: entry.comune ? [entry.comune] : [], untilDue: false, ...row };
}

function task(over: Partial<IndexedTask['task']>, scope: string[]): IndexedTask {
  // days left and status as the index stored them (stale by the time of the answer, which computes them again)
  const deadline = over.dueDate ? { dueAt: over.dueDate, daysLeft: 99, status: 'ok' as const } : undefined;
  return {
    task: {
      deadline, userTaskKey: '1', name: 'Istruttoria', state: 'CREATED', elementId: 'istruttoria', elementInstanceKey: '2', processInstanceKey: '1', processDefinitionKey: '9', processDefinitionId: 'procedimento-disciplinare', processName: 'Procedimento disciplinare', candidateGroups: ['provincia-upd'], candidateUsers: [], priority: 50, ...over },
    scope,
  };
}

const taskQuery = (over: Partial<TaskListQuery> = {}): TaskListQuery => ({ view: 'all', sort: 'due', order: 'asc', page: 1, pageSize: 50, ...over });

for (const target of testDatabaseTargets) describe.skipIf(!target.available)(`the task list and the scadenzario answered from the open-work index (${target.name})`, () => {
  let handle: TestDatabaseHandle;
  let db: AppDatabase;

  beforeAll(async () => {
    handle = await target.create();
    db = await handle.open();
    await db.knex('comuni').insert([
      { codice_istat: MONZA, nome: 'Monza', sigla_provincia: 'MB', pec: 'p@monza.it', email: 'e@monza.it' },
      { codice_istat: LISSONE, nome: 'Lissone', sigla_provincia: 'MB', pec: 'p@lissone.it', email: 'e@lissone.it' },
    ]);
    const rows = [
      // due 2030-01-12 (2 days: soon), case 10, Monza
      deadline({ processInstanceKey: '10', businessKey: 'UPD-2030-10', comune: MONZA, dueAt: '2030-01-12T23:00:00Z', lastDay: '2030-01-12', nature: 'perentorio' }),
      // due 2030-01-31 (ok), case 9, Lissone
      deadline({ processInstanceKey: '9', businessKey: 'UPD-2030-9', comune: LISSONE, dueAt: '2030-01-31T23:00:00Z', nature: 'ordinatorio' }),
      // passed yesterday (overdue), case 9
      deadline({ processInstanceKey: '9', businessKey: 'UPD-2030-9', comune: LISSONE, variable: 'scadenzaAudizione', dueAt: '2030-01-09T08:00:00Z' }),
      // passed, but watched by no element: no longer listed
      deadline({ processInstanceKey: '9', businessKey: 'UPD-2030-9', comune: LISSONE, variable: 'promemoria', dueAt: '2030-01-09T09:00:00Z' }, { untilDue: true }),
      // a called process's deadline under a Monza case, the called instance in Lissone's scope only
      deadline({ processInstanceKey: '11', businessKey: 'UPD-2030-11', comune: MONZA, variable: 'scadenzaFlagranza', dueAt: '2030-01-20T10:00:00Z' }, { called: { processDefinitionId: 'procedimento-disciplinare-flagranza', scope: [LISSONE] } }),
      // another service
      deadline({ processInstanceKey: '20', processDefinitionId: 'selezione-personale', processName: 'Selezione', businessKey: 'SEL-2030-1', comune: MONZA, dueAt: '2030-01-25T10:00:00Z' }),
    ].map((d) => openDeadlineRow(d, 1));
    await db.knex('open_deadlines').insert(rows);
    const tasks = [
      openTaskRow('10', task({ userTaskKey: '101', processInstanceKey: '10', dueDate: '2030-01-12T23:00:00Z', comune: MONZA, creationDate: '2030-01-01T10:00:00Z' }, [MONZA]), 1),
      openTaskRow('9', task({ userTaskKey: '102', processInstanceKey: '9', dueDate: '2030-01-11T10:00:00Z', comune: LISSONE, assignee: 'upd', priority: 80, creationDate: '2030-01-02T10:00:00Z' }, [LISSONE]), 1),
      openTaskRow('9', task({ userTaskKey: '103', processInstanceKey: '9', comune: LISSONE, creationDate: '2030-01-03T10:00:00Z' }, [LISSONE]), 1),
      openTaskRow('10', task({ userTaskKey: '104', processInstanceKey: '10', candidateGroups: [`comune-${MONZA}`], comune: MONZA, dueDate: '2030-01-15T10:00:00Z', creationDate: '2030-01-04T10:00:00Z' }, [MONZA]), 1),
      // a group whose name differs only in case is another group
      openTaskRow('30', task({ userTaskKey: '105', processInstanceKey: '30', candidateGroups: ['PROVINCIA-UPD'], creationDate: '2030-01-05T10:00:00Z' }, []), 1),
    ];
    await db.knex('open_tasks').insert(tasks);
  });

  afterAll(async () => {
    await handle?.cleanup();
  });

  const keys = (items: RegisterEntry[]) => items.map((d) => `${d.businessKey}:${d.variable}`);

  it('lists a Provincia service its own procedures by due date, counts statuses on the clock of the answer and drops unwatched past deadlines', async () => {
    // when
    const page = await registerPage(db.knex, upd, parseRegisterQuery({}), { page: 1, pageSize: 100 }, NOW);

    // then
    expect(keys(page.items)).toEqual(['UPD-2030-9:scadenzaAudizione', 'UPD-2030-10:scadenzaContestazione', 'UPD-2030-11:scadenzaFlagranza', 'UPD-2030-9:scadenzaContestazione']);
    expect(page.counts).toEqual({ overdue: 1, soon: 1, ok: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((d) => [d.status, d.daysLeft])).toEqual([['overdue', -1], ['soon', 2], ['ok', 10], ['ok', 22]]);
    expect(page.facets.processes).toEqual([{ id: 'procedimento-disciplinare', name: 'Procedimento disciplinare' }]);
    expect(page.facets.comuni).toEqual([LISSONE, MONZA]); // Lissone before Monza, by name
  });

  it('sorts by case number as people read it and by Comune name, and pages with the total', async () => {
    // when
    const byCase = await registerPage(db.knex, upd, parseRegisterQuery({ sort: 'case' }), { page: 1, pageSize: 100 }, NOW);
    const byComuneDesc = await registerPage(db.knex, upd, parseRegisterQuery({ sort: 'comune', order: 'desc' }), { page: 1, pageSize: 100 }, NOW);
    const second = await registerPage(db.knex, upd, parseRegisterQuery({}), { page: 2, pageSize: 3 }, NOW);

    // then: UPD-2030-9 before UPD-2030-10
    expect(keys(byCase.items)).toEqual(['UPD-2030-9:scadenzaAudizione', 'UPD-2030-9:scadenzaContestazione', 'UPD-2030-10:scadenzaContestazione', 'UPD-2030-11:scadenzaFlagranza']);
    expect(keys(byComuneDesc.items)).toEqual(['UPD-2030-11:scadenzaFlagranza', 'UPD-2030-10:scadenzaContestazione', 'UPD-2030-9:scadenzaContestazione', 'UPD-2030-9:scadenzaAudizione']);
    expect(keys(second.items)).toEqual(['UPD-2030-9:scadenzaContestazione']);
    expect(second.total).toBe(4);
  });

  it('filters by status, nature, Comune and the register day, counting the statuses before the status filter', async () => {
    // when
    const soon = await registerPage(db.knex, upd, parseRegisterQuery({ status: 'soon' }), { page: 1, pageSize: 100 }, NOW);
    const perentorio = await registerPage(db.knex, upd, parseRegisterQuery({ nature: 'perentorio' }), { page: 1, pageSize: 100 }, NOW);
    const lissone = await registerPage(db.knex, upd, parseRegisterQuery({ comune: LISSONE }), { page: 1, pageSize: 100 }, NOW);
    // the Contestazione of case 9 is missed at 00:00 of 1 February in Rome: its register day is the 1st
    const february = await registerPage(db.knex, upd, parseRegisterQuery({ from: '2030-02-01', to: '2030-02-01' }), { page: 1, pageSize: 100 }, NOW);

    // then
    expect(keys(soon.items)).toEqual(['UPD-2030-10:scadenzaContestazione']);
    expect(soon.counts).toEqual({ overdue: 1, soon: 1, ok: 2 });
    expect(soon.total).toBe(1);
    expect(keys(perentorio.items)).toEqual(['UPD-2030-10:scadenzaContestazione']);
    expect(keys(lissone.items)).toEqual(['UPD-2030-9:scadenzaAudizione', 'UPD-2030-9:scadenzaContestazione']);
    expect(keys(february.items)).toEqual(['UPD-2030-9:scadenzaContestazione']);
  });

  it('shows a Comune user only its cases, and a called process’s deadline only when that instance is in its scope too', async () => {
    // when
    const page = await registerPage(db.knex, monza, parseRegisterQuery({}), { page: 1, pageSize: 100 }, NOW);
    const otherService = await registerPage(db.knex, selezione, parseRegisterQuery({}), undefined, NOW);

    // then: the flagranza (called instance in Lissone's scope) and every Lissone case stay out
    expect(keys(page.items)).toEqual(['UPD-2030-10:scadenzaContestazione', 'SEL-2030-1:scadenzaContestazione']);
    expect(keys(otherService.items)).toEqual(['SEL-2030-1:scadenzaContestazione']);
  });

  it('gives staff the tasks of their groups and their own, Comune users only within their Comune, in due order with undated ones last', async () => {
    // when
    const provincia = await taskListPage(db.knex, upd, taskQuery(), NOW);
    const comune = await taskListPage(db.knex, monza, taskQuery(), NOW);
    const auditor = await taskListPage(db.knex, auditorMonza, taskQuery({ sort: 'created', order: 'desc' }), NOW);

    // then: 105 is for group PROVINCIA-UPD, not provincia-upd
    expect(provincia.items.map((t) => t.userTaskKey)).toEqual(['102', '101', '103']);
    expect(provincia.counts).toEqual({ all: 3, mine: 1, unassigned: 2, groups: 3 });
    expect(provincia.items[0]).toMatchObject({ permissions: { act: true, assign: true }, deadline: { daysLeft: 1, status: 'soon' } });
    expect(provincia.facets).toEqual({ processes: [{ id: 'procedimento-disciplinare', name: 'Procedimento disciplinare' }], comuni: [LISSONE, MONZA] });
    expect(comune.items.map((t) => t.userTaskKey)).toEqual(['104']);
    expect(auditor.items.map((t) => [t.userTaskKey, t.permissions.act])).toEqual([['104', false], ['101', false]]);
  });

  it('filters tasks and keeps the facets of the whole list, the counts of the filtered one', async () => {
    // when
    const dueSoon = await taskListPage(db.knex, upd, taskQuery({ dueBefore: '2030-01-12' }), NOW);
    const unassignedInLissone = await taskListPage(db.knex, upd, taskQuery({ view: 'unassigned', comune: LISSONE }), NOW);
    const byPriority = await taskListPage(db.knex, upd, taskQuery({ sort: 'priority', order: 'desc', pageSize: 1, page: 2 }), NOW);

    // then: 101 is due 13 January 00:00 in Rome, after the 12th
    expect(dueSoon.items.map((t) => t.userTaskKey)).toEqual(['102']);
    expect(dueSoon.facets.comuni).toEqual([LISSONE, MONZA]);
    expect(unassignedInLissone.items.map((t) => t.userTaskKey)).toEqual(['103']);
    expect(unassignedInLissone.total).toBe(1);
    expect(unassignedInLissone.counts).toEqual({ all: 2, mine: 1, unassigned: 1, groups: 2 });
    expect(byPriority.items.map((t) => t.userTaskKey)).toEqual(['101']);
    expect(byPriority.total).toBe(3);
  });
});
