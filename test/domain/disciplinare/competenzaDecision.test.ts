import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANCTION_CODES, procedureFor, type ProcedureChoice } from '../../../src/domain/disciplinare/sanctionScale.js';
import { evaluateDrg } from '../../../src/engine/dmn/evaluateDrg.js';
import { parseDmn } from '../../../src/engine/dmn/parseDmn.js';
import type { DrgModel } from '../../../src/engine/dmn/model.js';

/**
 * The competence rule of art. 55-bis c.1 D.Lgs. 165/2001 lives twice: as the DMN table the process
 * evaluates (processes/disciplinare-competenza.dmn, owned by legal staff) and as procedureFor in the
 * domain. Both must give the same procedure, authority and legal source on the same facts.
 */
const DECISION = 'disciplinare-competenza';

async function table(): Promise<DrgModel> {
  const parsed = await parseDmn(await readFile(path.resolve('processes/disciplinare-competenza.dmn'), 'utf8'));
  expect(parsed.problems).toEqual([]);
  return parsed.drg as DrgModel;
}

function decide(drg: DrgModel, variables: Record<string, unknown>): unknown {
  const result = evaluateDrg(drg, DECISION, variables as never);
  expect(result.failureMessage ?? null).toBeNull();
  return result.output;
}

const asDecision = (choice: ProcedureChoice) => ({ procedimento: choice.procedure, autorita: choice.authority, fonte: choice.legalSource });

describe('the DMN competence table and procedureFor agree', () => {
  it('on every sanction of the scale, with and without flagranza', async () => {
    // given
    const drg = await table();
    for (const code of SANCTION_CODES) {
      for (const flagranza of [true, false]) {
        // when
        const dmn = decide(drg, { gravita: code, flagranza });
        // then
        expect(dmn, `${code}, flagranza ${flagranza}`).toEqual(asDecision(procedureFor(code, { flagranza })));
      }
    }
  });

  it('on the form\'s "upd" choice, which stands for any sanction above the rimprovero verbale', async () => {
    // given
    const drg = await table();
    // when / then
    expect(decide(drg, { gravita: 'upd', flagranza: false })).toEqual(asDecision(procedureFor('rimprovero-scritto')));
    expect(decide(drg, { gravita: 'upd', flagranza: true })).toEqual(asDecision(procedureFor('rimprovero-scritto', { flagranza: true })));
  });

  it('edge cases: flagranza not recorded counts as no flagranza; no sanction recorded goes to the UPD', async () => {
    // given
    const drg = await table();
    // when / then: procedureFor's option defaults to false, as the table's not(true) matches null
    expect(decide(drg, { gravita: 'rimprovero-verbale' })).toEqual(asDecision(procedureFor('rimprovero-verbale')));
    expect(decide(drg, { gravita: 'rimprovero-verbale', flagranza: null })).toEqual(asDecision(procedureFor('rimprovero-verbale')));
    expect(decide(drg, { flagranza: false })).toMatchObject({ procedimento: 'ordinario-55-bis', autorita: 'upd' });
    expect(decide(drg, {})).toMatchObject({ procedimento: 'ordinario-55-bis', autorita: 'upd' });
    // a false attendance first noted as a verbal reprimand is still the UPD's fast procedure
    expect(decide(drg, { gravita: 'rimprovero-verbale', flagranza: true })).toMatchObject({ procedimento: 'flagranza-55-quater', autorita: 'upd' });
  });
});
