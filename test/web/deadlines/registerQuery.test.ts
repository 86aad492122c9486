import { describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../../web/shared/deadlineTypes.js';
import { deadlineName } from '../../../web/server/deadlines/deadlineName.js';
import { parseRegisterQuery, registerDayOf } from '../../../web/server/deadlines/registerQuery.js';

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

describe('the register day', () => {
  it('is the last useful day, else the Rome date of the instant it is missed (filters and sort: test/web/openwork)', () => {
    // given: missed at 01/02/2030 00:00 Rome, i.e. 31/01 23:00 UTC
    const withLastDay = entry({ lastDay: '2030-01-31' });
    const bare = entry({ dueAt: '2030-01-31T23:00:00Z' });

    // when / then
    expect(registerDayOf(withLastDay)).toBe('2030-01-31');
    expect(registerDayOf(bare)).toBe('2030-02-01');
  });
});
