import { evaluateExpression, evaluateNumber, evaluateString, evaluateStringList, ExpressionError, isExpression, type Variables } from '../../feel/feel.js';
import type { ElementModel, UserTaskDefinition } from '../../model/types.js';
import { addElementCheck, declareSupported } from '../../model/validate.js';
import type { ProcessingContext } from '../../processor/context.js';
import { cancelJobsOf, createJob, type JobSpec } from '../../processor/jobs.js';
import { cancelUserTasksOf, createUserTask, normalizeDateTime, type UserTaskProperties } from '../../processor/userTasks.js';
import { visibleVariables } from '../../processor/variables.js';
import type { ElementInstanceRow, FormRow } from '../../state/tables.js';
import type { ElementBehavior } from '../behavior.js';
import { registerBehavior } from '../registry.js';

/** Job type and header names of job-based user tasks (Zeebe's Protocol constants). */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
const HEADER = {
  assignee: 'io.camunda.zeebe:assignee',
  candidateGroups: 'io.camunda.zeebe:candidateGroups',
  candidateUsers: 'io.camunda.zeebe:candidateUsers',
  dueDate: 'io.camunda.zeebe:dueDate',
  followUpDate: 'io.camunda.zeebe:followUpDate',
  formKey: 'io.camunda.zeebe:formKey',
} as const;

const DEFAULT_PRIORITY = 50;

function dateTime(expression: string | undefined, variables: Variables): string | null {
  if (!expression) return null;
  const value = evaluateExpression(expression, variables);
  if (value === null) return null;
  const text = typeof value === 'string' ? normalizeDateTime(value) : undefined;
  if (text === undefined) {
    throw new ExpressionError(`Invalid date-time format '${typeof value === 'string' ? value : JSON.stringify(value)}' for expression '${expression.replace(/^\s*=/, '')}'`);
  }
  return text;
}

function priority(expression: string | undefined, variables: Variables): number {
  if (!expression) return DEFAULT_PRIORITY;
  const value = evaluateNumber(expression, variables);
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw new ExpressionError(`Expected priority to be in the range [0,100], but was '${value}'.`);
  }
  return value;
}

/** The linked form (`formId`) by binding type: the latest version, or the one deployed with this process. */
async function linkedForm(ctx: ProcessingContext, instance: ElementInstanceRow, formId: string, bindingType: string | undefined): Promise<FormRow> {
  const forms = await ctx.batch.find('forms', { form_id: formId, tenant_id: instance.tenant_id }, { orderBy: 'version' });
  if (bindingType === 'deployment') {
    const { definition } = await ctx.model(instance.process_definition_key);
    const form = forms.find((f) => f.deployment_key === definition.deployment_key);
    if (form) return form;
    throw new ExpressionError(
      `Expected to use a form with id '${formId}' with binding type 'deployment', but no such form found in the deployment with key ${definition.deployment_key} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended form to use.`,
      'FORM_NOT_FOUND',
    );
  }
  const latest = forms[forms.length - 1];
  if (latest) return latest;
  throw new ExpressionError(
    `Expected to find a form with id '${formId}', but no form with this id is found, at least a form with this id should be available. To resolve the Incident please deploy a form with the same id`,
    'FORM_NOT_FOUND',
  );
}

/** Every property of the task, evaluated at activation; a failure becomes an incident and nothing is written. */
async function evaluateProperties(ctx: ProcessingContext, instance: ElementInstanceRow, definition: UserTaskDefinition): Promise<UserTaskProperties> {
  const variables = await visibleVariables(ctx, instance.key);
  const assignee = definition.assignee ? evaluateString(definition.assignee, variables) : '';
  const formId = definition.formId ? evaluateString(definition.formId, variables) : '';
  const form = formId ? await linkedForm(ctx, instance, formId, definition.formBindingType) : undefined;
  return {
    assignee: assignee.trim() === '' ? null : assignee,
    candidateGroups: definition.candidateGroups ? evaluateStringList(definition.candidateGroups, variables) : [],
    candidateUsers: definition.candidateUsers ? evaluateStringList(definition.candidateUsers, variables) : [],
    dueDate: dateTime(definition.dueDate, variables),
    followUpDate: dateTime(definition.followUpDate, variables),
    priority: priority(definition.priority, variables),
    formKey: form?.key ?? null,
    externalFormReference: definition.externalReference ? evaluateString(definition.externalReference, variables) : null,
  };
}

/** Job-based user task: the properties travel as `io.camunda.zeebe:*` headers of a job for the tasklist worker. */
function jobSpecOf(element: ElementModel, properties: UserTaskProperties): JobSpec {
  const definition = element.userTask ?? {};
  const headers: Record<string, string> = { ...element.taskHeaders };
  if (properties.assignee) headers[HEADER.assignee] = properties.assignee;
  if (definition.candidateGroups) headers[HEADER.candidateGroups] = JSON.stringify(properties.candidateGroups);
  if (definition.candidateUsers) headers[HEADER.candidateUsers] = JSON.stringify(properties.candidateUsers);
  if (properties.dueDate) headers[HEADER.dueDate] = properties.dueDate;
  if (properties.followUpDate) headers[HEADER.followUpDate] = properties.followUpDate;
  if (definition.formKey) headers[HEADER.formKey] = definition.formKey;
  else if (properties.formKey !== null) headers[HEADER.formKey] = String(properties.formKey);
  return { type: USER_TASK_JOB_TYPE, retries: 1, headers };
}

/** Camunda user task (`zeebe:userTask`): a row in `user_tasks`, completed through the user-task commands. */
export const camundaUserTaskBehavior: ElementBehavior = {
  async prepare(ctx, instance, element) {
    return evaluateProperties(ctx, instance, element.userTask ?? {});
  },
  async onActivated(ctx, instance, element, plan) {
    await createUserTask(ctx, instance, plan as UserTaskProperties, element.taskHeaders, element.name ?? null);
  },
  async onTerminating(ctx, instance) {
    await cancelUserTasksOf(ctx, instance.key);
  },
};

export const jobBasedUserTaskBehavior: ElementBehavior = {
  async prepare(ctx, instance, element) {
    return jobSpecOf(element, await evaluateProperties(ctx, instance, element.userTask ?? {}));
  },
  async onActivated(ctx, instance, _element, plan) {
    await createJob(ctx, instance, plan as JobSpec);
  },
  async onTerminating(ctx, instance) {
    await cancelJobsOf(ctx, instance.key);
  },
};

registerBehavior('userTask', (element) => (element.isZeebeUserTask ? camundaUserTaskBehavior : jobBasedUserTaskBehavior));
declareSupported('userTask', ['none']);
addElementCheck((element) => {
  const definition = element.userTask;
  if (element.type !== 'userTask' || !definition) return [];
  const errors: string[] = [];
  const forms = [definition.formId, definition.formKey, definition.externalReference].filter(Boolean);
  if (forms.length > 1) errors.push("Exactly one of the attributes 'formId', 'formKey' or 'externalReference' must be present on 'zeebe:formDefinition'");
  if (element.isZeebeUserTask && definition.formKey) errors.push("An embedded form ('formKey') is only supported by job-based user tasks; use 'formId' or 'externalReference'");
  if (!element.isZeebeUserTask && definition.externalReference) errors.push("An external form reference is only supported by Camunda user tasks ('zeebe:userTask')");
  if (definition.formBindingType && !['latest', 'deployment'].includes(definition.formBindingType)) {
    errors.push(`Form binding type '${definition.formBindingType}' is not supported by this engine (use 'latest' or 'deployment')`);
  }
  if (definition.priority && !isExpression(definition.priority)) {
    const value = Number(definition.priority);
    if (!Number.isInteger(value) || value < 0 || value > 100) errors.push(`Priority must be an integer between 0 and 100, but was '${definition.priority}'`);
  }
  for (const [name, text] of [['dueDate', definition.dueDate], ['followUpDate', definition.followUpDate]] as const) {
    if (text && !isExpression(text) && normalizeDateTime(text) === undefined) errors.push(`Attribute '${name}' must be an ISO 8601 date-time with offset, but was '${text}'`);
  }
  return errors;
});
