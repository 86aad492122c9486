import { reject } from '../../errors.js';
import { behaviorFor } from '../../behaviors/registry.js';
import type { ProcessingContext } from '../context.js';
import { markIncidentResolved } from '../incidents.js';
import { publishJob } from '../jobs.js';
import { runActivation, runCompletion } from '../lifecycle.js';
import type { Command } from './types.js';

/**
 * ResolveIncident: a job incident needs retries first (UpdateJobRetries), then the job is activatable
 * again. Other incidents re-run the step that failed, with the variables as they are now.
 */
export async function resolveIncident(ctx: ProcessingContext, command: Extract<Command, { type: 'resolveIncident' }>): Promise<Record<string, never>> {
  const incident = await ctx.batch.get('incidents', command.incidentKey);
  if (!incident || incident.state !== 'ACTIVE') {
    reject('NOT_FOUND', `Expected to resolve incident with key '${command.incidentKey}', but no such incident was found`);
  }
  if (incident.job_key !== null) {
    const job = await ctx.batch.get('jobs', incident.job_key);
    if (job && job.state === 'FAILED' && job.retries <= 0) {
      reject('FAILED_PRECONDITION', `Expected to resolve incident with key '${incident.key}', but job with key '${job.key}' has no retries left. Update the job retries first.`);
    }
    await markIncidentResolved(ctx, incident);
    if (job && (job.state === 'FAILED' || job.state === 'ERROR_THROWN')) {
      // Zeebe makes the job activatable in the INCIDENT RESOLVED event itself; no JOB record follows.
      const reopened = { ...job, state: 'ACTIVATABLE' as const, recur_at: null };
      ctx.batch.put('jobs', reopened);
      await publishJob(ctx, reopened);
    }
    return {};
  }
  await markIncidentResolved(ctx, incident);
  const instance = await ctx.instance(incident.element_instance_key);
  if (!instance) return {};
  if (instance.state === 'ACTIVATING') await runActivation(ctx, instance.key);
  else if (instance.state === 'COMPLETING') await runCompletion(ctx, instance.key);
  else if (instance.state === 'ACTIVATED') {
    // E.g. an error end event whose error was not caught: throw it again.
    const element = await ctx.element(instance);
    await behaviorFor(instance.element_type, element).onActivated(ctx, instance, element, undefined);
  }
  return {};
}
