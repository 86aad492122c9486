import type { sendUnaryData, ServerUnaryCall, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { reject } from '../../engine/errors.js';
import type { Engine } from '../../engine/Engine.js';
import type { ActivatedJob } from '../../engine/processor/commands/jobCommands.js';
import type { DeployResult } from '../../engine/processor/commands/deploy.js';
import type { CreatedInstance } from '../../engine/processor/commands/processInstances.js';
import type { Variables } from '../../engine/feel/feel.js';
import { parseKey, parseLong, parseVariables } from './convert.js';
import { toServiceError } from './status.js';
import { resultTimeout } from '../requestTimeout.js';
import { stringifyExactJson } from '../../engine/exactJson.js';
import { principalOf } from './authentication.js';
import type { Command } from '../../engine/processor/commands/types.js';
import type { DecisionEvaluationResult } from '../../engine/processor/decisions/recordEvaluation.js';
import { wireDeployment, wireEvaluation } from './decisionWire.js';

type Req = Record<string, any>;

/** The Camunda release whose gateway protocol and REST shapes this engine answers with. */
export const GATEWAY_VERSION = '8.9.0';

/**
 * A job stream counts as not ready (Zeebe's gateway: `isReady()` false, the push fails as BLOCKED)
 * while this much of what was pushed to it is not yet written to the connection (its client is not reading).
 * grpc-java's bar is 32 KiB; here every group commit pushes its jobs in one burst (hundreds of
 * small jobs to a healthy client), so the bar is higher.
 */
export const MAX_UNSENT_STREAM_BYTES = 1024 * 1024;

/** Runs an engine command on behalf of the call's authenticated principal (recorded for the audit log). */
type Execute = <T = unknown>(command: Command) => Promise<T>;

function unary(engine: Engine, handler: (request: Req, execute: Execute) => Promise<unknown>) {
  return (call: ServerUnaryCall<Req, unknown>, callback: sendUnaryData<unknown>): void => {
    const actor = principalOf(call.metadata);
    const execute: Execute = <T>(command: Command) => engine.execute<T>(command, { actor });
    Promise.resolve()
      .then(() => handler(call.request, execute))
      .then((response) => callback(null, response))
      .catch((error) => callback(toServiceError(error)));
  };
}

function wireJob(job: ActivatedJob): Req {
  return {
    key: String(job.key),
    type: job.type,
    processInstanceKey: String(job.processInstanceKey),
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: String(job.processDefinitionKey),
    elementId: job.elementId,
    elementInstanceKey: String(job.elementInstanceKey),
    customHeaders: job.customHeaders,
    worker: job.worker,
    retries: job.retries,
    deadline: String(job.deadline),
    variables: job.variables,
    tenantId: job.tenantId,
  };
}

function instanceResponse(created: CreatedInstance): Req {
  return {
    processDefinitionKey: String(created.processDefinitionKey),
    bpmnProcessId: created.bpmnProcessId,
    version: created.version,
    processInstanceKey: String(created.processInstanceKey),
    tenantId: created.tenantId,
  };
}

function createCommand(request: Req) {
  const definitionKey = parseLong(request.processDefinitionKey);
  return {
    type: 'createInstance' as const,
    bpmnProcessId: request.bpmnProcessId || undefined,
    processDefinitionKey: definitionKey > 0 ? definitionKey : undefined,
    version: request.version === undefined || request.version === null ? -1 : Number(request.version),
    variables: parseVariables(request.variables),
    tenantId: request.tenantId || undefined,
    startElementIds: ((request.startInstructions ?? []) as Req[]).map((i) => String(i.elementId ?? '')),
  };
}

function activationRequest(request: Req) {
  if (!request.type || String(request.type).trim() === '') reject('INVALID_ARGUMENT', "Expected to activate jobs, but property 'type' is blank");
  const timeout = parseLong(request.timeout);
  if (timeout < 1) reject('INVALID_ARGUMENT', `Expected to activate jobs with a timeout of at least 1 ms, but was ${timeout}`);
  return {
    jobType: String(request.type),
    worker: String(request.worker || 'default'),
    timeout,
    fetchVariables: (request.fetchVariable ?? []) as string[],
  };
}

/** The handlers of `gateway_protocol.Gateway` this engine implements; the rest answer UNIMPLEMENTED. */
export function gatewayHandlers(engine: Engine, address: { host: string; port: () => number }): UntypedServiceImplementation {
  return {
    Topology: unary(engine, async () => ({
      brokers: [{
        nodeId: 0,
        host: address.host,
        port: address.port(),
        partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
        version: GATEWAY_VERSION,
      }],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
    })),

    DeployResource: unary(engine, async (request, execute) => {
      const result = await execute<DeployResult>({
        type: 'deploy',
        resources: (request.resources ?? []).map((r: Req) => ({ name: String(r.name ?? ''), content: Buffer.from(r.content ?? []) })),
        tenantId: request.tenantId || undefined,
      });
      return {
        key: String(result.key),
        tenantId: result.tenantId,
        deployments: result.deployments.map(wireDeployment),
      };
    }),

    EvaluateDecision: unary(engine, async (request, execute) => {
      const decisionKey = parseLong(request.decisionKey);
      const result = await execute<DecisionEvaluationResult>({
        type: 'evaluateDecision',
        decisionKey: decisionKey > 0 ? decisionKey : undefined,
        decisionId: request.decisionId || undefined,
        variables: parseVariables(request.variables),
        tenantId: request.tenantId || undefined,
      });
      return wireEvaluation(result);
    }),

    DeployProcess: unary(engine, async (request, execute) => {
      const result = await execute<DeployResult>({
        type: 'deploy',
        resources: (request.processes ?? []).map((r: Req) => ({ name: String(r.name ?? ''), content: Buffer.from(r.definition ?? []) })),
      });
      return {
        key: String(result.key),
        processes: result.deployments.flatMap((d) => ('process' in d ? [{ ...d.process, processDefinitionKey: String(d.process.processDefinitionKey) }] : [])),
      };
    }),

    CreateProcessInstance: unary(engine, async (request, execute) => instanceResponse(await execute<CreatedInstance>(createCommand(request)))),

    CreateProcessInstanceWithResult: unary(engine, async (request, execute) => {
      const command = createCommand(request.request ?? {});
      const created = await execute<CreatedInstance>(command);
      const timeout = resultTimeout(parseLong(request.requestTimeout));
      const variables = await engine.awaitCompletion(created.processInstanceKey, timeout);
      const fetch: string[] = request.fetchVariables ?? [];
      const picked: Variables = fetch.length === 0 ? variables : Object.fromEntries(Object.entries(variables).filter(([name]) => fetch.includes(name)));
      return { ...instanceResponse(created), variables: stringifyExactJson(picked) };
    }),

    CancelProcessInstance: unary(engine, async (request, execute) => {
      await execute({ type: 'cancelInstance', processInstanceKey: parseKey(request.processInstanceKey, 'processInstanceKey') });
      return {};
    }),

    ActivateJobs: (call: ServerWritableStream<Req, unknown>) => {
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      Promise.resolve()
        .then(async () => {
          const base = activationRequest(call.request);
          // Zeebe refuses a job batch without a worker name (JobBatchActivateProcessor).
          if (!String(call.request.worker ?? '').trim()) reject('INVALID_ARGUMENT', 'Expected to activate job batch with worker to be present, but it was blank');
          const maxJobs = Number(call.request.maxJobsToActivate ?? 0);
          if (maxJobs < 1) reject('INVALID_ARGUMENT', `Expected to activate at least 1 job, but maxJobsToActivate was ${maxJobs}`);
          const jobs = await engine.activateJobs({ ...base, maxJobs }, parseLong(call.request.requestTimeout), abort.signal);
          if (jobs.length > 0 && abort.signal.aborted) engine.yieldJobs(jobs);
          else if (jobs.length > 0) call.write({ jobs: jobs.map(wireJob) });
          call.end();
        })
        // grpc-js sends a streaming call's status from its 'error' handler; destroy() would end the
        // call without any status and leave the client waiting.
        .catch((error) => call.emit('error', toServiceError(error)));
    },

    StreamActivatedJobs: (call: ServerWritableStream<Req, unknown>) => {
      try {
        const request = activationRequest(call.request);
        let open = true;
        // Jobs written to the call but not yet written to the connection. grpc-js queues writes without limit
        // (call.write() answers false but keeps the job) and, once the client has gone, drops them
        // without a callback: such jobs were never delivered and go back to the pool when the stream ends.
        const unsent = new Set<{ key: number; deadline: number; bytes: number }>();
        let unsentBytes = 0;
        const close = engine.openJobStream({
          request,
          ready: () => open && !call.cancelled && !call.destroyed && unsentBytes < MAX_UNSENT_STREAM_BYTES,
          push: (job) => {
            if (!open || call.cancelled || call.destroyed) return false;
            const entry = { key: job.key, deadline: job.deadline, bytes: job.variables.length + job.customHeaders.length + 200 };
            unsent.add(entry);
            unsentBytes += entry.bytes;
            call.write(wireJob(job), (error?: Error | null) => {
              if (error || !unsent.delete(entry)) return;
              unsentBytes -= entry.bytes;
            });
            return true;
          },
        });
        const end = (): void => {
          if (!open) return;
          open = false;
          close();
          engine.yieldJobs([...unsent]);
          unsent.clear();
          unsentBytes = 0;
        };
        call.on('cancelled', end);
        call.on('close', end);
        call.on('error', end);
      } catch (error) {
        call.emit('error', toServiceError(error));
      }
    },

    CompleteJob: unary(engine, async (request, execute) => {
      await execute({ type: 'completeJob', jobKey: parseKey(request.jobKey, 'jobKey'), variables: parseVariables(request.variables) });
      return {};
    }),

    FailJob: unary(engine, async (request, execute) => {
      await execute({
        type: 'failJob',
        jobKey: parseKey(request.jobKey, 'jobKey'),
        retries: Number(request.retries ?? 0),
        errorMessage: String(request.errorMessage ?? ''),
        retryBackOff: parseLong(request.retryBackOff),
        variables: parseVariables(request.variables),
      });
      return {};
    }),

    ThrowError: unary(engine, async (request, execute) => {
      if (!request.errorCode) reject('INVALID_ARGUMENT', "Expected to throw an error, but property 'errorCode' is blank");
      await execute({
        type: 'throwError',
        jobKey: parseKey(request.jobKey, 'jobKey'),
        errorCode: String(request.errorCode),
        errorMessage: String(request.errorMessage ?? ''),
        variables: parseVariables(request.variables),
      });
      return {};
    }),

    UpdateJobRetries: unary(engine, async (request, execute) => {
      await execute({ type: 'updateJobRetries', jobKey: parseKey(request.jobKey, 'jobKey'), retries: Number(request.retries ?? 0) });
      return {};
    }),

    UpdateJobTimeout: unary(engine, async (request, execute) => {
      await execute({ type: 'updateJobTimeout', jobKey: parseKey(request.jobKey, 'jobKey'), timeout: parseLong(request.timeout) });
      return {};
    }),

    ResolveIncident: unary(engine, async (request, execute) => {
      await execute({ type: 'resolveIncident', incidentKey: parseKey(request.incidentKey, 'incidentKey') });
      return {};
    }),

    SetVariables: unary(engine, async (request, execute) => {
      const result = await execute<{ key: number }>({
        type: 'setVariables',
        elementInstanceKey: parseKey(request.elementInstanceKey, 'elementInstanceKey'),
        variables: parseVariables(request.variables),
        local: Boolean(request.local),
      });
      return { key: String(result.key) };
    }),

    PublishMessage: unary(engine, async (request, execute) => {
      const result = await execute<{ key: number; tenantId: string }>({
        type: 'publishMessage',
        name: String(request.name ?? ''),
        correlationKey: String(request.correlationKey ?? ''),
        timeToLive: parseLong(request.timeToLive),
        messageId: String(request.messageId ?? ''),
        variables: parseVariables(request.variables),
        tenantId: request.tenantId || undefined,
      });
      return { key: String(result.key), tenantId: result.tenantId };
    }),

    BroadcastSignal: unary(engine, async (request, execute) => {
      const result = await execute<{ key: number; tenantId: string }>({
        type: 'broadcastSignal',
        signalName: String(request.signalName ?? ''),
        variables: parseVariables(request.variables),
        tenantId: request.tenantId || undefined,
      });
      return { key: String(result.key), tenantId: result.tenantId };
    }),
  };
}
