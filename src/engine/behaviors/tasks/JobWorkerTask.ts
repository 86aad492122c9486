import { evaluateNumber, evaluateString } from '../../feel/feel.js';
import type { ProcessingContext } from '../../processor/context.js';
import { cancelJobsOf, createJob, type JobSpec } from '../../processor/jobs.js';
import { visibleVariables } from '../../processor/variables.js';
import type { ElementInstanceRow } from '../../state/tables.js';
import type { ElementModel } from '../../model/types.js';
import type { ElementBehavior } from '../behavior.js';

async function jobSpec(ctx: ProcessingContext, instance: ElementInstanceRow, element: ElementModel): Promise<JobSpec> {
  const definition = element.taskDefinition as NonNullable<ElementModel['taskDefinition']>;
  const variables = await visibleVariables(ctx, instance.key);
  return {
    type: evaluateString(definition.type, variables),
    retries: evaluateNumber(definition.retries, variables),
    headers: element.taskHeaders,
  };
}

/** Service, send, business-rule and script tasks with a task definition: the work is a job for a worker. */
export const jobWorkerTaskBehavior: ElementBehavior = {
  prepare: jobSpec,
  async onActivated(ctx, instance, _element, plan) {
    await createJob(ctx, instance, plan as JobSpec);
  },
  async onTerminating(ctx, instance) {
    await cancelJobsOf(ctx, instance.key);
  },
};
