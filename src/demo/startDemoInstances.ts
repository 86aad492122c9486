import { ProcessId } from '../../processes/generated/task-types.js';
import type { ZeebeGrpcClient } from '../../workers/shared/sdk.js';

/** One example instance of each procedure, so a newcomer sees tasks waiting in the task list. */
export async function startDemoInstances(zeebe: ZeebeGrpcClient, year = new Date().getFullYear()): Promise<string[]> {
  const monza = { codiceIstat: '108033', nome: 'Monza' };
  const desio = { codiceIstat: '108023', nome: 'Desio' };
  const started = await Promise.all([
    zeebe.createProcessInstance({ bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE, variables: { idProcedimento: `UPD-DEMO-${year}-1`, codiceIstat: monza.codiceIstat } }),
    zeebe.createProcessInstance({ bpmnProcessId: ProcessId.SELEZIONE_PERSONALE, variables: { idConcorso: `CONC-DEMO-${year}-1`, comuniAderenti: [monza, desio] } }),
    zeebe.createProcessInstance({ bpmnProcessId: ProcessId.FORMAZIONE, variables: {
      idPiano: `PF-DEMO-${year + 1}`, anno: year + 1, comuniAderenti: [monza, desio],
      registroObbligatoria: [{ codiceIstat: monza.codiceIstat, codiceFiscale: 'NRENNA92S60F704W', nominativo: 'Neri Anna', corso: 'sicurezza-aggiornamento', completatoIl: `${year - 4}-06-15` }],
    } }),
  ]);
  return started.map((s) => String(s.processInstanceKey));
}
