import { Router } from '@koa/router';
import type { AuditAction } from '../../../src/audit/index.js';
import type { JsonValue } from '../../../src/audit/AuditEntry.js';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { COMUNE_VARIABLE, comuniOf } from '../auth/InstanceScope.js';
import { currentUser } from '../auth/guards.js';
import type { UserAccess } from '../auth/roles.js';
import type { ProcessDefinitionSummary, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { badRequest, HttpProblem, notFound } from '../errors.js';
import { findResumeSteps } from '../instances/resumeSteps.js';
import { ensureMayOperate, flowNodesOf, mayOperate, migrationPlan, readMappings, readReason, refusedAsConflict } from '../instances/instanceOperations.js';

/**
 * /api/instances/:key/… operator actions (as Operate offers them): retry and resolve an incident, cancel,
 * correct a variable, move a token, migrate to another version of the diagram. Each goes through the
 * Camunda REST API v2 only (so it works on Camunda 8), is refused to Comune users and auditors, and is
 * audited with the user and the reason they gave.
 */
export function instanceOperationRoutes(services: AppServices): Router<AppState> {
  const { engine, scope } = services;
  const router = new Router<AppState>({ prefix: '/api/instances' });

  /** The running instance an operator may act on: 403 for other roles, 404 outside the user's scope. */
  const operable = async (ctx: AppContext): Promise<{ user: UserAccess; instance: ProcessInstanceSummary; comune?: string }> => {
    const user = currentUser(ctx);
    ensureMayOperate(user);
    const key = ctx.params.key;
    if (!/^\d{1,19}$/.test(key)) throw notFound();
    const instance = await engine.getProcessInstance(key);
    if (!instance || !(await scope.canSee(user, instance))) throw notFound();
    const vars = await engine.searchVariables({ processInstanceKey: key, name: COMUNE_VARIABLE });
    const root = vars.find((v) => v.scopeKey === key);
    return { user, instance, comune: root ? comuniOf(root)[0] : undefined };
  };
  const ensureRunning = (instance: ProcessInstanceSummary) => {
    if (instance.state !== 'ACTIVE') throw new HttpProblem(409, 'NOT_RUNNING', 'Il caso è già concluso: non si può più modificare.');
  };
  const audit = (user: UserAccess, action: AuditAction, entity: { type: string; key: string; processInstanceKey: string; comune?: string }, data: Record<string, JsonValue>) =>
    services.audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action,
      entity,
      data,
    });
  const activeElements = async (key: string) => (await engine.searchElementInstances(key)).filter((e) => e.state === 'ACTIVE' && e.type !== 'PROCESS');

  /** What the user may do to this case now: open incidents, tokens and where they can go, root variables, other versions. */
  router.get('/:key/operations', async (ctx) => {
    const user = currentUser(ctx);
    if (!mayOperate(user)) {
      ctx.body = { mayOperate: false };
      return;
    }
    const { instance } = await operable(ctx);
    const key = instance.processInstanceKey;
    const xml = (await engine.getProcessDefinitionXml(instance.processDefinitionKey)) ?? '';
    const [incidents, elements, steps, versions, variables, names] = await Promise.all([
      engine.searchIncidents(key),
      activeElements(key),
      findResumeSteps(xml, instance.processDefinitionId),
      engine.searchProcessDefinitions({ processDefinitionId: instance.processDefinitionId }),
      engine.searchVariables({ processInstanceKey: key }),
      flowNodesOf(xml, instance.processDefinitionId),
    ]);
    ctx.body = {
      mayOperate: true,
      running: instance.state === 'ACTIVE',
      child: Boolean(instance.parentProcessInstanceKey),
      incidents: incidents.filter((i) => i.state === undefined || i.state === 'ACTIVE').map((i) => ({ ...i, elementName: i.elementId ? names.get(i.elementId) : undefined })),
      tokens: elements.map((e) => ({ elementInstanceKey: e.elementInstanceKey, elementId: e.elementId, name: names.get(e.elementId) ?? e.elementName ?? e.elementId })),
      targets: steps,
      variables: variables.filter((v) => v.scopeKey === key).map((v) => ({ name: v.name, value: v.value })),
      versions: versions
        .filter((d) => d.processDefinitionKey !== instance.processDefinitionKey)
        .map((d) => ({ processDefinitionKey: d.processDefinitionKey, version: d.version }))
        .sort((a, b) => b.version - a.version),
      currentVersion: instance.processDefinitionVersion,
    };
  });

  /** Retry: give the failed job its retries back, then resolve the incident (Zeebe refuses to resolve a job incident with 0 retries). */
  router.post('/:key/incidents/:incidentKey/resolution', async (ctx) => {
    const { user, instance, comune } = await operable(ctx);
    const body = ctx.request.body as { retries?: unknown } | undefined;
    const reason = readReason(body);
    const retries = body?.retries === undefined ? 1 : Number(body.retries);
    if (!Number.isInteger(retries) || retries < 1 || retries > 10) throw badRequest('INVALID_RETRIES', 'I tentativi vanno da 1 a 10.', { field: 'retries' });
    const incident = (await engine.searchIncidents(instance.processInstanceKey)).find((i) => i.incidentKey === ctx.params.incidentKey);
    if (!incident) throw notFound('Incidente non trovato in questo caso.');
    if (incident.state !== undefined && incident.state !== 'ACTIVE') throw new HttpProblem(409, 'ALREADY_RESOLVED', 'L’incidente è già risolto.');
    await refusedAsConflict(async () => {
      if (incident.jobKey) await engine.updateJobRetries(incident.jobKey, retries);
      await engine.resolveIncident(incident.incidentKey);
    });
    await audit(user, 'incident.resolve', { type: 'incident', key: incident.incidentKey, processInstanceKey: instance.processInstanceKey, comune }, {
      reason,
      errorType: incident.errorType ?? null,
      errorMessage: incident.errorMessage ?? null,
      elementId: incident.elementId ?? null,
      jobKey: incident.jobKey ?? null,
      retries: incident.jobKey ? retries : null,
    });
    ctx.body = { incidentKey: incident.incidentKey, retries: incident.jobKey ? retries : null };
  });

  /** Cancel: the reason is mandatory (it is the act's motivation in the trail); a called sub-case is cancelled from its parent. */
  router.post('/:key/cancellation', async (ctx) => {
    const { user, instance, comune } = await operable(ctx);
    const reason = readReason(ctx.request.body);
    ensureRunning(instance);
    if (instance.parentProcessInstanceKey) {
      throw new HttpProblem(409, 'CALLED_CASE', 'Questa è una fase chiamata da un altro caso: annulla il caso principale.', { parentProcessInstanceKey: instance.parentProcessInstanceKey });
    }
    await refusedAsConflict(() => engine.cancelProcessInstance(instance.processInstanceKey));
    await audit(user, 'instance.cancel', { type: 'process-instance', key: instance.processInstanceKey, processInstanceKey: instance.processInstanceKey, comune }, { reason, processDefinitionId: instance.processDefinitionId });
    ctx.body = { processInstanceKey: instance.processInstanceKey, state: 'TERMINATED' };
  });

  /** Correct a case variable (root scope): the new value is JSON; the old one stays in the trail. */
  router.post('/:key/variables/:name', async (ctx) => {
    const { user, instance, comune } = await operable(ctx);
    const body = ctx.request.body as { value?: unknown } | undefined;
    const reason = readReason(body);
    ensureRunning(instance);
    if (typeof body?.value !== 'string') throw badRequest('INVALID_VALUE', 'Indica il nuovo valore in JSON (es. "testo", 12, true, "2026-03-10").', { field: 'value' });
    let value: JsonValue;
    try {
      value = JSON.parse(body.value) as JsonValue;
    } catch {
      throw badRequest('INVALID_VALUE', 'Il nuovo valore non è JSON valido: i testi vanno tra virgolette, es. "Monza".', { field: 'value' });
    }
    const name = ctx.params.name;
    const current = (await engine.searchVariables({ processInstanceKey: instance.processInstanceKey, name })).find((v) => v.scopeKey === instance.processInstanceKey);
    if (!current) throw notFound(`Il caso non ha la variabile ${name}.`);
    await refusedAsConflict(() => engine.setVariables(instance.processInstanceKey, { [name]: value }, true));
    // A date or the Comune of the case changed without a step: the task list and the scadenzario show it at once.
    await services.openWork?.refresh([instance.processInstanceKey]);
    let previous: JsonValue = current.value;
    try {
      previous = JSON.parse(current.value) as JsonValue;
    } catch {
      // a truncated preview stays text
    }
    await audit(user, 'variable.update', { type: 'process-instance', key: instance.processInstanceKey, processInstanceKey: instance.processInstanceKey, comune }, { reason, name, previous, value });
    ctx.body = { name, value };
  });

  /** Move a token: every active instance of one element ends, the chosen element starts in its place (ModifyProcessInstance). */
  router.post('/:key/modification', async (ctx) => {
    const { user, instance, comune } = await operable(ctx);
    const body = ctx.request.body as { fromElementId?: unknown; toElementId?: unknown } | undefined;
    const reason = readReason(body);
    ensureRunning(instance);
    const tokens = (await activeElements(instance.processInstanceKey)).filter((e) => e.elementId === body?.fromElementId);
    if (tokens.length === 0) throw badRequest('NO_TOKEN', 'Il caso non è fermo nel passo indicato.', { field: 'fromElementId' });
    const xml = (await engine.getProcessDefinitionXml(instance.processDefinitionKey)) ?? '';
    const target = (await findResumeSteps(xml, instance.processDefinitionId)).find((s) => s.elementId === body?.toElementId);
    if (!target) throw badRequest('INVALID_TARGET', 'Il passo di arrivo non esiste in questo diagramma o non vi si può spostare il caso.', { field: 'toElementId' });
    await refusedAsConflict(() =>
      engine.modifyProcessInstance(instance.processInstanceKey, {
        activate: tokens.map(() => ({ elementId: target.elementId })),
        terminate: tokens.map((t) => ({ elementInstanceKey: t.elementInstanceKey })),
      }),
    );
    await audit(user, 'instance.modify', { type: 'process-instance', key: instance.processInstanceKey, processInstanceKey: instance.processInstanceKey, comune }, {
      reason,
      from: { elementId: tokens[0].elementId, elementInstanceKeys: tokens.map((t) => t.elementInstanceKey) },
      to: { elementId: target.elementId, name: target.name },
    });
    ctx.body = { from: tokens[0].elementId, to: target.elementId, moved: tokens.length };
  });

  const comuneOf = async (key: string): Promise<string | undefined> => {
    const root = (await engine.searchVariables({ processInstanceKey: key, name: COMUNE_VARIABLE })).find((v) => v.scopeKey === key);
    return root ? comuniOf(root)[0] : undefined;
  };

  /** One case to another version: same-id mapping plus the user's own; a case standing at a step the target lacks is refused. */
  const migrateCase = async (user: UserAccess, instance: ProcessInstanceSummary, comune: string | undefined, target: ProcessDefinitionSummary, overrides: Array<{ sourceElementId: string; targetElementId: string }>, reason: string) => {
    const [sourceXml, targetXml, active] = await Promise.all([
      engine.getProcessDefinitionXml(instance.processDefinitionKey),
      engine.getProcessDefinitionXml(target.processDefinitionKey),
      activeElements(instance.processInstanceKey),
    ]);
    const plan = migrationPlan(await flowNodesOf(sourceXml ?? '', instance.processDefinitionId), await flowNodesOf(targetXml ?? '', target.processDefinitionId), active.map((e) => e.elementId), overrides);
    if (plan.unmapped.length > 0) {
      throw new HttpProblem(409, 'UNMAPPED_ELEMENTS', `La versione ${target.version} non ha i passi in cui il caso si trova: ${plan.unmapped.join(', ')}. Indica a quale passo corrispondono.`, { unmapped: plan.unmapped });
    }
    await refusedAsConflict(() => engine.migrateProcessInstance(instance.processInstanceKey, target.processDefinitionKey, plan.mappings));
    await audit(user, 'instance.migrate', { type: 'process-instance', key: instance.processInstanceKey, processInstanceKey: instance.processInstanceKey, comune }, {
      reason,
      from: { processDefinitionKey: instance.processDefinitionKey, version: instance.processDefinitionVersion ?? null },
      to: { processDefinitionKey: target.processDefinitionKey, version: target.version },
      // The trail keeps what decided the move: the active steps' mappings and any renamed step.
      mappings: plan.mappings.filter((m) => active.some((e) => e.elementId === m.sourceElementId) || m.sourceElementId !== m.targetElementId),
    });
  };

  /**
   * Migrate to another version of the same procedure. With `allRunning: true`, every other running case of
   * the same version that the user may see follows, each audited; those that cannot move are listed.
   */
  router.post('/:key/migration', async (ctx) => {
    const { user, instance, comune } = await operable(ctx);
    const body = ctx.request.body as { targetProcessDefinitionKey?: unknown; mappings?: unknown; allRunning?: unknown } | undefined;
    const reason = readReason(body);
    ensureRunning(instance);
    const targetKey = body?.targetProcessDefinitionKey;
    if (typeof targetKey !== 'string' || !/^\d{1,19}$/.test(targetKey)) throw badRequest('INVALID_TARGET', 'Indica la versione di arrivo.', { field: 'targetProcessDefinitionKey' });
    const target = await engine.getProcessDefinition(targetKey);
    if (!target || target.processDefinitionId !== instance.processDefinitionId) {
      throw badRequest('INVALID_TARGET', 'La versione di arrivo deve essere dello stesso procedimento.', { field: 'targetProcessDefinitionKey' });
    }
    if (target.processDefinitionKey === instance.processDefinitionKey) throw badRequest('SAME_VERSION', 'Il caso è già su questa versione.', { field: 'targetProcessDefinitionKey' });
    const overrides = readMappings(body?.mappings);
    await migrateCase(user, instance, comune, target, overrides, reason);
    const refused: Array<{ processInstanceKey: string; detail: string }> = [];
    let others = 0;
    if (body?.allRunning === true) {
      const running = await engine.searchProcessInstances({ processDefinitionKey: instance.processDefinitionKey, state: 'ACTIVE' }, { from: 0, limit: 1000 });
      for (const other of running.items) {
        if (other.processInstanceKey === instance.processInstanceKey || !(await scope.canSee(user, other))) continue;
        try {
          await migrateCase(user, other, await comuneOf(other.processInstanceKey), target, overrides, reason);
          others++;
        } catch (error) {
          if (!(error instanceof HttpProblem)) throw error;
          refused.push({ processInstanceKey: other.processInstanceKey, detail: error.detail });
        }
      }
    }
    ctx.body = { processInstanceKey: instance.processInstanceKey, processDefinitionKey: target.processDefinitionKey, version: target.version, others, refused };
  });

  return router;
}
