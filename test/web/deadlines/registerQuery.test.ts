import { describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../../web/shared/deadlineTypes.js';
import { deadlineName } from '../../../web/server/deadlines/deadlineName.js';
import { matchesRegisterFilters, parseRegisterQuery, registerDayOf, sortRegister } from '../../../web/server/deadlines/registerQuery.js';

const entry = (over: Partial<RegisterEntry>): RegisterEntry => ({
  variable: 'scadenzaContestazione',
  name: 'Contestazione dell’addebito',
  dueAt: '2030-02-01T00:00:00+01:00',
  daysLeft: 10,
  status: 'ok',
  processInstanceKey: '1',
  processDefinitionId: 'procedimento-disciplinare',
  ...over,
});

describe('deadlineName', () => {
  it('prefers the legal term’s Italian name, then the waiting step, then the variable in words', () => {
    // given / when / then
    expect(deadlineName({ kind: 'contestazione-addebito', siteName: 'Scrivi la contestazione', variable: 'scadenzaContestazione' })).toBe('Contestazione dell’addebito');
    expect(deadlineName({ kind: 'sconosciuto', siteName: 'Scrivi la contestazione', variable: 'scadenzaContestazione' })).toBe('Scrivi la contestazione');
    expect(deadlineName({ variable: 'scadenzaRispostaCandidato' })).toBe('Scadenza risposta candidato');
  });
});

describe('parseRegisterQuery', () => {
  it('reads the filters and defaults to due date, ascending', () => {
    // given / when
    const q = parseRegisterQuery({ nature: 'perentorio', status: 'overdue', from: '2030-01-01', to: '2030-01-31', comune: '108033' });

    // then
    expect(q).toEqual({ process: undefined, comune: '108033', nature: 'perentorio', status: 'overdue', from: '2030-01-01', to: '2030-01-31', sort: 'due', order: 'asc' });
  });

  it('refuses a value it does not know, naming the parameter', () => {
    // given / when / then
    expect(() => parseRegisterQuery({ sort: 'priority' })).toThrow(/sort=priority/);
    expect(() => parseRegisterQuery({ nature: 'directory' })).toThrow(/nature=directory/);
    expect(() => parseRegisterQuery({ status: 'scaduta' })).toThrow(/status=scaduta/);
    expect(() => parseRegisterQuery({ from: '2030-02-30' })).toThrow(/from=2030-02-30/);
    expect(() => parseRegisterQuery({ from: '2030-03-01', to: '2030-02-01' })).toThrow(/Intervallo/);
  });
});

describe('the register filters and order', () => {
  it('takes the last useful day for the range, else the Rome date of the instant it is missed', () => {
    // given: missed at 01/02/2030 00:00 Rome, i.e. 31/01 23:00 UTC
    const withLastDay = entry({ lastDay: '2030-01-31' });
    const bare = entry({ dueAt: '2030-01-31T23:00:00Z' });

    // when / then
    expect(registerDayOf(withLastDay)).toBe('2030-01-31');
    expect(registerDayOf(bare)).toBe('2030-02-01');
    expect(matchesRegisterFilters(withLastDay, parseRegisterQuery({ to: '2030-01-31' }))).toBe(true);
    expect(matchesRegisterFilters(bare, parseRegisterQuery({ to: '2030-01-31' }))).toBe(false);
    expect(matchesRegisterFilters(bare, parseRegisterQuery({ from: '2030-02-01', to: '2030-02-01' }))).toBe(true);
  });

  it('filters by procedure (and its called processes), Comune and nature', () => {
    // given
    const called = entry({ processDefinitionId: 'procedimento-disciplinare-flagranza', comune: '108028', nature: 'ordinatorio' });

    // when / then
    expect(matchesRegisterFilters(called, parseRegisterQuery({ process: 'procedimento-disciplinare' }))).toBe(true);
    expect(matchesRegisterFilters(called, parseRegisterQuery({ process: 'concorso' }))).toBe(false);
    expect(matchesRegisterFilters(called, parseRegisterQuery({ comune: '108033' }))).toBe(false);
    expect(matchesRegisterFilters(called, parseRegisterQuery({ nature: 'perentorio' }))).toBe(false);
    expect(matchesRegisterFilters(called, parseRegisterQuery({ nature: 'ordinatorio', comune: '108028' }))).toBe(true);
  });

  it('sorts cases by number as people read them and Comuni by name, the most urgent first within each', () => {
    // given
    const a = entry({ businessKey: 'UPD-2026-10', comune: '108033', dueAt: '2030-01-05T00:00:00Z' });
    const b = entry({ businessKey: 'UPD-2026-9', comune: '108028', dueAt: '2030-01-09T00:00:00Z' });
    const c = entry({ businessKey: 'UPD-2026-9', comune: '108033', dueAt: '2030-01-02T00:00:00Z' });
    const names = new Map([['108033', 'Monza'], ['108028', 'Lissone']]);
    const keys = (items: RegisterEntry[]) => items.map((d) => `${d.businessKey}@${d.dueAt.slice(8, 10)}`);

    // when / then
    expect(keys(sortRegister([a, b, c], { sort: 'due', order: 'asc' }))).toEqual(['UPD-2026-9@02', 'UPD-2026-10@05', 'UPD-2026-9@09']);
    expect(keys(sortRegister([a, b, c], { sort: 'case', order: 'asc' }))).toEqual(['UPD-2026-9@02', 'UPD-2026-9@09', 'UPD-2026-10@05']);
    expect(keys(sortRegister([a, b, c], { sort: 'comune', order: 'asc' }, names))).toEqual(['UPD-2026-9@09', 'UPD-2026-9@02', 'UPD-2026-10@05']);
    expect(keys(sortRegister([a, b, c], { sort: 'due', order: 'desc' }))).toEqual(['UPD-2026-9@09', 'UPD-2026-10@05', 'UPD-2026-9@02']);
  });
});
