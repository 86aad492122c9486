import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractContracts } from '../../scripts/processes/contract/extractContract.js';
import { renderTypes } from '../../scripts/processes/contract/renderTypes.js';
import { GENERATED_TYPES_FILE, PROCESSES_DIR } from '../../scripts/processes/paths.js';
import { FormId, MESSAGE_CORRELATION_KEYS, MessageName, PROCESSES, TaskType } from '../../processes/generated/task-types.js';

describe('processes/generated/task-types.ts', () => {
  it('is what generate-types.ts writes from the current BPMN (run `npx tsx scripts/processes/generate-types.ts`)', async () => {
    // given
    const expected = renderTypes(await extractContracts(PROCESSES_DIR));

    // when
    const actual = await readFile(GENERATED_TYPES_FILE, 'utf8');

    // then
    expect(actual).toBe(expected);
  });

  it('exports the task types, messages and forms the workers need', () => {
    expect(TaskType.UPD_CALCOLA_SCADENZE).toBe('upd-calcola-scadenze');
    expect(TaskType.DOCUMENTO_GENERA_CONTESTAZIONE).toBe('documento-genera-contestazione');
    expect(TaskType.SELEZIONE_CALCOLA_GRADUATORIA).toBe('selezione-calcola-graduatoria');
    expect(TaskType.NOTIFICA_INVIA).toBe('notifica-invia');
    expect(MESSAGE_CORRELATION_KEYS[MessageName.UPD_RICHIESTA_RINVIO]).toBe('=idProcedimento');
    expect(MESSAGE_CORRELATION_KEYS[MessageName.SELEZIONE_DOMANDA_CANDIDATO]).toBe('=idConcorso');
    expect(PROCESSES['procedimento-disciplinare'].formIds).toContain(FormId.DISCIPLINARE_NOTIZIA_FATTO);
    expect(PROCESSES['procedimento-disciplinare'].taskHeaders['upd-calcola-scadenze'].fase).toContain('rinvio');
  });

  it('changes when a model changes (the staleness check can fail)', async () => {
    // given
    const contracts = await extractContracts(PROCESSES_DIR);
    const before = renderTypes(contracts);

    // when
    contracts[0]!.taskTypes.push('nuovo-servizio-di-prova');

    // then
    expect(renderTypes(contracts)).not.toBe(before);
  });
});
