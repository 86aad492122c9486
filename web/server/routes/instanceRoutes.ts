import { Router } from '@koa/router';
import type { Knex } from 'knex';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { CaseScopeGuard } from '../auth/CaseScopeGuard.js';
import { COMUNE_VARIABLE, comuniOf } from '../auth/InstanceScope.js';
import { currentUser } from '../auth/guards.js';
import { hasRole, processIdAllowed, visibleProcessIds } from '../auth/roles.js';
import type { InstanceSearchFilter, InstanceState, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { badRequest, forbidden, HttpProblem, notFound } from '../errors.js';
import { readInstanceStatus } from '../live/instanceStatus.js';
import { CaseReadRecorder, PAGE_VIEW_ID } from '../audit/CaseReadRecorder.js';
import { ensureMayStart, readStartVariables, startFormOf, startFormsFor, type StartForm } from '../instances/startForms.js';
import { ensureMayResume, mayResume, readResumeRequest, resumeStepNamed, resumeStepsOf } from '../instances/paperCaseResume.js';
import { awaitedAt, CASE_MESSAGES, caseMessageById, mayDeliver, readMessageValues, type CaseMessage } from '../instances/caseMessages.js';
import type { StartFormOffer } from '../../shared/startFormTypes.js';

const STATES: readonly InstanceState[] = ['ACTIVE', 'COMPLETED', 'TERMINATED'];
/** Variables that name a case to people: the protocol/procedure number of each service. */
export const BUSINESS_KEY_VARIABLES = ['idProcedimento', 'idConcorso', 'idPiano', 'protocollo'];
const MAX_PAGE_SIZE = 100;

/** /api/instances: process instances the user may see, their live status and data. */
export function instanceRoutes(services: AppServices, knex: Knex): Router<AppState> {
  const { engine, scope, live } = services;
  const scopeGuard = new CaseScopeGuard(services.audit);
  const router = new Router<AppState>({ prefix: '/api/instances' });
  const caseReads = new CaseReadRecorder(services.audit, engine);

  /** The case page's id for this opening (one read per page view), checked before anything is read. */
  const pageViewOf = (ctx: AppContext): string | undefined => {
    const raw = ctx.query.pageView;
    if (raw === undefined) return undefined;
    if (typeof raw !== 'string' || !PAGE_VIEW_ID.test(raw)) throw badRequest('INVALID_PAGE_VIEW', 'pageView: da 8 a 64 lettere, cifre o trattini.');
    return raw;
  };

  /** The instance, or 404 for an unknown key and for one outside the user's scope alike. */
  const instanceFor = async (ctx: AppContext): Promise<ProcessInstanceSummary> => {
    const user = currentUser(ctx);
    if (!hasRole(user, 'admin', 'provincia', 'comune', 'auditor')) throw forbidden();
    const pageView = pageViewOf(ctx);
    const key = ctx.params.key;
    if (!/^\d{1,19}$/.test(key)) throw notFound();
    const instance = await engine.getProcessInstance(key);
    if (!instance || !(await scope.canSee(user, instance))) throw notFound();
    // Who opened a disciplinary case is evidence too: recorded before its data is returned.
    await caseReads.record(user, instance, ctx.path.split('/')[4] ?? 'summary', pageView);
    return instance;
  };

  router.get('/', async (ctx) => {
    const user = currentUser(ctx);
    if (!hasRole(user, 'admin', 'provincia', 'comune', 'auditor')) throw forbidden();
    const q = ctx.query as Record<string, string | undefined>;
    const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(q.size ?? 20) || 20));
    const page = Math.max(1, Number(q.page ?? 1) || 1);
    if (q.state && !STATES.includes(q.state as InstanceState)) throw badRequest('INVALID_FILTER', `Stato non valido: ${q.state}`);
    for (const d of [q.startedFrom, q.startedTo]) if (d && Number.isNaN(Date.parse(d))) throw badRequest('INVALID_FILTER', `Data non valida: ${d}`);
    if (q.comune && !/^\d{6}$/.test(q.comune)) throw badRequest('INVALID_FILTER', 'Il codice ISTAT ha 6 cifre.');

    let keys: string[] | undefined;
    const narrow = (more: string[]) => {
      const wanted = new Set(more);
      keys = keys === undefined ? more : keys.filter((k) => wanted.has(k));
    };
    const visible = await scope.visibleInstanceKeys(user);
    if (visible !== 'all') narrow(visible);
    if (q.comune) {
      const vars = await engine.searchVariables({ name: COMUNE_VARIABLE, value: JSON.stringify(q.comune) });
      narrow(vars.filter((v) => v.scopeKey === v.processInstanceKey && comuniOf(v).includes(q.comune!)).map((v) => v.processInstanceKey));
    }
    if (q.businessKey) {
      const found: string[] = [];
      for (const name of BUSINESS_KEY_VARIABLES) {
        const vars = await engine.searchVariables({ name, value: JSON.stringify(q.businessKey) });
        found.push(...vars.map((v) => v.processInstanceKey));
      }
      narrow(found);
    }
    const processIds = visibleProcessIds(user);
    // Service prefixes name called processes too (procedimento-disciplinare-istruttoria): list the real ids.
    const serviceIds =
      processIds === 'all' || q.processDefinitionId
        ? undefined
        : [...new Set((await engine.searchProcessDefinitions()).map((d) => d.processDefinitionId).filter((id) => processIdAllowed(processIds, id)))];
    const filter: InstanceSearchFilter = {
      processDefinitionId: q.processDefinitionId || undefined,
      processDefinitionIds: serviceIds,
      state: q.state as InstanceState | undefined,
      processInstanceKeys: keys,
      startedFrom: q.startedFrom ? new Date(q.startedFrom).toISOString() : undefined,
      startedTo: q.startedTo ? new Date(q.startedTo).toISOString() : undefined,
    };
    if (q.processDefinitionId && !processIdAllowed(processIds, q.processDefinitionId)) {
      ctx.body = { items: [], total: 0, page, size };
      return;
    }
    const result = await engine.searchProcessInstances(filter, { from: (page - 1) * size, limit: size });
    // The Comune of each listed case: one variable search for the page, not one per case.
    const comuni = new Map<string, string | undefined>();
    if (result.items.length > 0) {
      for (const v of await engine.searchVariables({ processInstanceKeys: result.items.map((i) => i.processInstanceKey), name: COMUNE_VARIABLE })) {
        if (v.scopeKey === v.processInstanceKey) comuni.set(v.processInstanceKey, comuniOf(v)[0]);
      }
    }
    const items = result.items.map((i) => ({ ...i, codiceIstat: comuni.get(i.processInstanceKey) }));
    ctx.body = { items, total: result.total, page, size };
  });

  /** The procedures this user may start, with the variables each needs. */
  router.get('/start-forms', async (ctx) => {
    const user = currentUser(ctx);
    const items: StartFormOffer[] = startFormsFor(user).map((f) => ({ ...f, mayResume: mayResume(user, f) }));
    ctx.body = { items };
  });

  const startableForm = (processDefinitionId: unknown): StartForm => {
    if (typeof processDefinitionId !== 'string') throw badRequest('INVALID_PROCESS', 'Indica il procedimento da avviare.');
    const form = startFormOf(processDefinitionId);
    if (!form) throw badRequest('NOT_STARTABLE', `Il processo ${processDefinitionId} non si avvia da qui (è una fase avviata dal suo procedimento).`);
    return form;
  };

  /** The steps of the deployed diagram a case begun on paper may be resumed at. */
  router.get('/start-forms/:processDefinitionId/resume-steps', async (ctx) => {
    const form = startableForm(ctx.params.processDefinitionId);
    ensureMayResume(currentUser(ctx), form);
    ctx.body = { items: (await resumeStepsOf(engine, form.processDefinitionId)).steps };
  });

  /**
   * Starts a case of a deployed procedure with its start variables (checked here, not by the engine);
   * with `resume: { elementId, note }`, a case begun on paper at the step it has reached.
   */
  router.post('/', async (ctx) => {
    const user = currentUser(ctx);
    const body = (ctx.request.body ?? {}) as { processDefinitionId?: unknown; variables?: unknown; resume?: unknown };
    const form = startableForm(body.processDefinitionId);
    ensureMayStart(user, form);
    if (body.resume !== undefined) ensureMayResume(user, form);
    const resume = body.resume === undefined ? undefined : readResumeRequest(body.resume);
    const variables = await readStartVariables(form, body.variables, knex);
    const deployed = await engine.searchProcessDefinitions({ processDefinitionId: form.processDefinitionId });
    if (deployed.length === 0) throw notFound(`Il procedimento ${form.processDefinitionId} non è rilasciato.`);
    const step = resume && resumeStepNamed((await resumeStepsOf(engine, form.processDefinitionId)).steps, resume.elementId);
    // One running case per business key: a second start with the same number is a mistake, not a new case.
    const sameKey = await engine.searchVariables({ name: form.businessKey, value: JSON.stringify(variables[form.businessKey]) });
    for (const v of sameKey.filter((x) => x.scopeKey === x.processInstanceKey)) {
      const other = await engine.getProcessInstance(v.processInstanceKey);
      if (other?.state === 'ACTIVE' && other.processDefinitionId === form.processDefinitionId) {
        throw new HttpProblem(409, 'DUPLICATE_CASE', `C’è già un caso in corso con ${form.businessKey} ${String(variables[form.businessKey])}.`, { field: form.businessKey, processInstanceKey: other.processInstanceKey });
      }
    }
    const { processInstanceKey } = await engine.createProcessInstance(form.processDefinitionId, variables, step ? { startElementIds: [step.elementId] } : {});
    const comune = typeof variables.codiceIstat === 'string' ? variables.codiceIstat : undefined;
    await services.audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'instance.start',
      entity: { type: 'process-instance', key: processInstanceKey, processInstanceKey, ...(comune ? { comune } : {}) },
      data: {
        processDefinitionId: form.processDefinitionId,
        variables: variables as never,
        // A case begun on paper: the trail says at which step it was entered and why, in the officer's words.
        ...(step && resume ? { resumedAt: { elementId: step.elementId, name: step.name }, resumeNote: resume.note } : {}),
      },
    });
    ctx.status = 201;
    ctx.body = { processInstanceKey, processDefinitionId: form.processDefinitionId, variables, ...(step ? { resumedAt: step } : {}) };
  });

  router.get('/:key', async (ctx) => {
    ctx.body = await instanceFor(ctx);
  });

  router.get('/:key/status', async (ctx) => {
    ctx.body = await readInstanceStatus(engine, await instanceFor(ctx));
  });

  router.get('/:key/variables', async (ctx) => {
    const instance = await instanceFor(ctx);
    ctx.body = { items: (await readInstanceStatus(engine, instance)).variables };
  });

  router.get('/:key/live', async (ctx) => {
    const instance = await instanceFor(ctx);
    live.stream(ctx, async () => ({ ...(await readInstanceStatus(engine, instance)) }));
  });

  /** The case's root variables, its Comuni, and the allow-listed messages it waits for now. */
  const waitingMessages = async (instance: ProcessInstanceSummary) => {
    const [elements, vars] = await Promise.all([engine.searchElementInstances(instance.processInstanceKey), engine.searchVariables({ processInstanceKey: instance.processInstanceKey })]);
    const root = vars.filter((v) => v.scopeKey === v.processInstanceKey);
    const variables: Record<string, unknown> = {};
    for (const v of root) {
      try {
        variables[v.name] = JSON.parse(v.value);
      } catch {
        variables[v.name] = v.value;
      }
    }
    const comuni = root.filter((v) => v.name === COMUNE_VARIABLE).flatMap(comuniOf);
    // The case's own elements and those of the processes it called that are running now (the istruttoria phase).
    // `seen`: every element that ran in them, so a boundary message already caught is not offered again.
    const active = new Set(elements.filter((e) => e.state === 'ACTIVE').map((e) => `${instance.processDefinitionId}#${e.elementId}`));
    const seen = new Set(elements.map((e) => `${instance.processDefinitionId}#${e.elementId}`));
    // What a called phase holds now (e.g. the new hearing day it set), for the checks of its own messages.
    const calledVariables = new Map<string, Record<string, unknown>>();
    if (instance.state === 'ACTIVE' && elements.some((e) => e.state === 'ACTIVE' && e.type === 'CALL_ACTIVITY')) {
      const called = await engine.searchProcessInstances({ parentProcessInstanceKey: instance.processInstanceKey, state: 'ACTIVE' }, { from: 0, limit: 50 });
      for (const child of called.items.filter((c) => c.parentProcessInstanceKey === instance.processInstanceKey)) {
        const own: Record<string, unknown> = {};
        for (const v of await engine.searchVariables({ processInstanceKey: child.processInstanceKey })) {
          if (v.scopeKey !== child.processInstanceKey) continue;
          try {
            own[v.name] = JSON.parse(v.value);
          } catch {
            own[v.name] = v.value;
          }
        }
        calledVariables.set(child.processDefinitionId, own);
        for (const e of await engine.searchElementInstances(child.processInstanceKey)) {
          seen.add(`${child.processDefinitionId}#${e.elementId}`);
          if (e.state === 'ACTIVE') active.add(`${child.processDefinitionId}#${e.elementId}`);
        }
      }
    }
    const at = new Map<CaseMessage, string>();
    if (instance.state === 'ACTIVE') {
      for (const m of CASE_MESSAGES) {
        const elementId = awaitedAt(m, active, seen);
        if (elementId) at.set(m, elementId);
      }
    }
    const waiting = [...at.keys()];
    return { variables, comuni, waiting, at, calledVariables };
  };
  const offer = (m: CaseMessage, elementId: string | undefined) => ({ id: m.id, elementId, label: m.label, fields: m.fields });

  /** The messages this user may deliver to the case now (e.g. the Comune's segnalazione to the UPD). */
  router.get('/:key/messages', async (ctx) => {
    const user = currentUser(ctx);
    const instance = await instanceFor(ctx);
    const { comuni, waiting, at } = await waitingMessages(instance);
    ctx.body = { items: waiting.filter((m) => mayDeliver(user, m, comuni)).map((m) => offer(m, at.get(m))) };
  });

  /** Delivers an allow-listed message the case waits for: checked, published with the case's correlation key, audited. */
  router.post('/:key/messages/:messageId', async (ctx) => {
    const user = currentUser(ctx);
    const instance = await instanceFor(ctx);
    const message = caseMessageById(ctx.params.messageId);
    if (!message) throw notFound();
    const { variables, comuni, waiting, at, calledVariables } = await waitingMessages(instance);
    if (!mayDeliver(user, message, comuni)) throw forbidden();
    if (!waiting.includes(message)) throw new HttpProblem(409, 'NOT_WAITING', 'Il caso non attende questo messaggio (già ricevuto o non ancora a questo passo).');
    const submitted = (ctx.request.body as { values?: unknown } | undefined)?.values;
    // A message's variables land in the case's root scope on correlation: never the Comune that scopes it.
    if (submitted && typeof submitted === 'object' && !Array.isArray(submitted)) {
      const entity = { type: 'process-instance', key: instance.processInstanceKey, processInstanceKey: instance.processInstanceKey, ...(comuni[0] ? { comune: comuni[0] } : {}) };
      await scopeGuard.check(user, 'instance.message', entity, submitted as Record<string, unknown>, variables);
    }
    const values = readMessageValues(message, submitted, { ...variables, ...(calledVariables.get(message.processDefinitionId) ?? {}) });
    const key = variables[message.correlationVariable];
    if (typeof key !== 'string' || key === '') throw new HttpProblem(409, 'NO_CORRELATION_KEY', `Il caso non ha ${message.correlationVariable}: il messaggio non si può correlare.`);
    const { messageKey } = await engine.publishMessage({ name: message.messageName, correlationKey: key, variables: values });
    await services.audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'instance.message',
      entity: { type: 'process-instance', key: instance.processInstanceKey, processInstanceKey: instance.processInstanceKey, ...(comuni[0] ? { comune: comuni[0] } : {}) },
      data: { message: message.messageName, elementId: at.get(message) ?? null, correlationKey: key, messageKey, variables: values },
    });
    ctx.status = 201;
    ctx.body = { message: message.id, messageKey, variables: values };
  });

  return router;
}
