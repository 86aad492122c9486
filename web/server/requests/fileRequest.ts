import type { AppServices } from '../AppState.js';
import { COMUNI_VARIABLE, comuniOf } from '../auth/InstanceScope.js';
import type { UserAccess } from '../auth/roles.js';
import { HttpProblem, notFound } from '../errors.js';
import type { ComuneRequestStore } from './ComuneRequestStore.js';
import { todayInRome, type RequestKind } from './requestKinds.js';

export interface FiledRequest {
  id: number;
  kind: string;
  businessKey: string;
  processDefinitionId: string;
  processInstanceKey: string;
  outcome: 'started' | 'correlated';
}

const italianDate = (iso: string) => iso.split('-').reverse().join('/');

/** One line for the queue, without the personal data of a disciplinary case (the case page holds those, under its own scope). */
function summaryOf(kind: RequestKind, v: Record<string, string | number>): string {
  switch (kind.id) {
    case 'segnalazione':
      return `Fatto conosciuto il ${italianDate(String(v.dataConoscenza))}`;
    case 'concorso':
      return `${v.postiRichiesti} ${v.postiRichiesti === 1 ? 'posto' : 'posti'} di ${v.profiloRichiesto}`;
    case 'fabbisogni-formativi':
      return `Per il piano formativo ${v.anno}`;
  }
}

/** The running training plan of that year that includes this Comune, if any. */
async function runningPlan(services: AppServices, codiceIstat: string, anno: number): Promise<{ processInstanceKey: string; idPiano: string } | undefined> {
  const { engine } = services;
  for (const v of await engine.searchVariables({ name: COMUNI_VARIABLE })) {
    if (v.scopeKey !== v.processInstanceKey || !comuniOf(v).includes(codiceIstat)) continue;
    const instance = await engine.getProcessInstance(v.processInstanceKey);
    if (instance?.state !== 'ACTIVE' || instance.processDefinitionId !== 'formazione') continue;
    const vars = await engine.searchVariables({ processInstanceKey: v.processInstanceKey });
    const root = (name: string) => vars.find((x) => x.name === name && x.scopeKey === x.processInstanceKey)?.value;
    if (root('anno') !== String(anno)) continue;
    const idPiano = root('idPiano');
    return { processInstanceKey: v.processInstanceKey, idPiano: idPiano ? (JSON.parse(idPiano) as string) : '' };
  }
  return undefined;
}

/**
 * Starts the case the request asks for, or joins the one already running (training needs of a year whose
 * plan includes the Comune), records the request in the queue and in the trail. The Comune is the
 * account's: `comune` comes from the signed-in user, never from the request.
 */
export async function fileRequest(
  services: AppServices,
  store: ComuneRequestStore,
  user: UserAccess,
  comune: { codiceIstat: string; nome: string },
  kind: RequestKind,
  values: Record<string, string | number>,
): Promise<FiledRequest> {
  const { engine, audit } = services;
  const deployed = await engine.searchProcessDefinitions({ processDefinitionId: kind.processDefinitionId });
  if (deployed.length === 0) throw notFound(`Il procedimento ${kind.processDefinitionId} non è rilasciato: la richiesta non si può ancora inoltrare.`);
  const year = kind.id === 'fabbisogni-formativi' ? Number(values.anno) : Number(todayInRome().slice(0, 4));
  const joined = kind.id === 'fabbisogni-formativi' ? await runningPlan(services, comune.codiceIstat, year) : undefined;
  const prefix = `${kind.prefix}-${year}-${comune.codiceIstat}-`;
  const businessKey = joined?.idPiano || `${prefix}${String((await store.countWithPrefix(prefix)) + 1).padStart(3, '0')}`;
  const createdAt = new Date().toISOString();
  const id = await store.insertPending({
    kind: kind.id, codiceIstat: comune.codiceIstat, comuneNome: comune.nome, username: user.username, displayName: user.displayName,
    createdAt, businessKey, processDefinitionId: kind.processDefinitionId, summary: summaryOf(kind, values),
  });
  const actor = { type: 'user' as const, id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) };
  let processInstanceKey: string;
  let outcome: 'started' | 'correlated';
  try {
    if (joined) {
      processInstanceKey = joined.processInstanceKey;
      outcome = 'correlated';
      // The needs join the plan's data (root scope, beside those sent before), where the formazione staff read them.
      const held = (await engine.searchVariables({ processInstanceKey, name: 'fabbisogniComuni' })).find((v) => v.scopeKey === processInstanceKey);
      const before = held ? (JSON.parse(held.value) as unknown) : [];
      await engine.setVariables(processInstanceKey, { fabbisogniComuni: [...(Array.isArray(before) ? before : []), needsEntry(comune, values, id)] }, true);
    } else {
      const variables = startVariables(kind, businessKey, comune, values);
      ({ processInstanceKey } = await engine.createProcessInstance(kind.processDefinitionId, variables));
      outcome = 'started';
      await audit.append({
        actor,
        action: 'instance.start',
        entity: { type: 'process-instance', key: processInstanceKey, processInstanceKey, comune: comune.codiceIstat },
        data: { processDefinitionId: kind.processDefinitionId, variables: variables as never, request: id },
      });
      if (kind.id === 'segnalazione') await sendSegnalazione(services, actor, processInstanceKey, businessKey, comune.codiceIstat, values);
    }
  } catch (error) {
    await store.remove(id);
    if (error instanceof HttpProblem) throw error;
    throw new HttpProblem(502, 'ENGINE_UNAVAILABLE', `Il motore dei processi non ha avviato il caso: la richiesta non è stata registrata (${(error as Error).message}).`);
  }
  await store.settle(id, outcome, processInstanceKey);
  await audit.append({
    actor,
    action: 'request.file',
    entity: { type: 'comune-request', key: String(id), processInstanceKey, comune: comune.codiceIstat },
    data: { kind: kind.id, businessKey, processDefinitionId: kind.processDefinitionId, outcome, values },
  });
  return { id, kind: kind.id, businessKey, processDefinitionId: kind.processDefinitionId, processInstanceKey, outcome };
}

/**
 * The request is the segnalazione itself (art. 55-bis c.4): the UPD receives it today, through the system.
 * The case first needs its notizia (and the 10-day term), so the message is published with a time to live
 * and the engine keeps it until the case waits at «Ricevi la segnalazione del Comune», where it correlates at
 * once. A case that stays with the Comune (rimprovero verbale) or takes the flagranza path never opens that
 * subscription, and the message expires unused.
 */
const SEGNALAZIONE_TTL_MS = 30 * 86_400_000;

async function sendSegnalazione(
  services: AppServices,
  actor: { type: 'user'; id: string; role?: string },
  processInstanceKey: string,
  idProcedimento: string,
  comune: string,
  values: Record<string, string | number>,
): Promise<void> {
  const variables = { dataRicezioneSegnalazione: todayInRome(), testoSegnalazione: String(values.descrizioneFatto) };
  const { messageKey } = await services.engine.publishMessage({ name: 'upd-segnalazione-comune', correlationKey: idProcedimento, variables, timeToLiveMs: SEGNALAZIONE_TTL_MS });
  await services.audit.append({
    actor,
    action: 'instance.message',
    entity: { type: 'process-instance', key: processInstanceKey, processInstanceKey, comune },
    data: { message: 'upd-segnalazione-comune', elementId: 'Receive_Segnalazione', correlationKey: idProcedimento, messageKey, variables, timeToLiveMs: SEGNALAZIONE_TTL_MS },
  });
}

function needsEntry(comune: { codiceIstat: string; nome: string }, values: Record<string, string | number>, request?: number): Record<string, unknown> {
  const { anno: _anno, ...needs } = values;
  return { codiceIstat: comune.codiceIstat, nomeComune: comune.nome, ricevutiIl: todayInRome(), ...needs, ...(request ? { richiesta: request } : {}) };
}

function startVariables(kind: RequestKind, businessKey: string, comune: { codiceIstat: string; nome: string }, values: Record<string, string | number>): Record<string, unknown> {
  switch (kind.id) {
    case 'segnalazione':
      // the disciplinary case's Comune is codiceIstat (InstanceScope, candidate group comune-<istat>)
      return { idProcedimento: businessKey, codiceIstat: comune.codiceIstat, ...values };
    case 'concorso':
      return { idConcorso: businessKey, comuniAderenti: [comune], ...values };
    case 'fabbisogni-formativi':
      return { idPiano: businessKey, anno: values.anno, comuniAderenti: [comune], fabbisogniComuni: [needsEntry(comune, values)] };
  }
}
