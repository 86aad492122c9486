import type { Variables } from '../../feel/feel.js';
import type { Key } from '../../state/tables.js';
import type { ModifyInstanceCommand } from '../modification/modificationTypes.js';
import type { MigrateInstanceCommand } from '../migration/migrateInstance.js';
import type { DeleteResourceCommand } from '../resources/deleteResource.js';
import type { EvaluateDecisionCommand } from '../decisions/evaluateDecisionCommand.js';

export interface DeployResourceInput {
  name: string;
  content: Buffer;
}

/** Everything that changes engine state enters the processor as one of these. */
export type Command =
  | { type: 'deploy'; resources: DeployResourceInput[]; tenantId?: string }
  | { type: 'createInstance'; bpmnProcessId?: string; processDefinitionKey?: Key; version?: number; variables: Variables; startElementIds?: string[]; tenantId?: string }
  | { type: 'cancelInstance'; processInstanceKey: Key }
  | ModifyInstanceCommand
  | MigrateInstanceCommand
  | DeleteResourceCommand
  | EvaluateDecisionCommand
  | { type: 'activateJobs'; jobType: string; worker: string; timeout: number; maxJobs: number; fetchVariables: string[] }
  | { type: 'completeJob'; jobKey: Key; variables: Variables }
  | { type: 'failJob'; jobKey: Key; retries: number; errorMessage: string; retryBackOff: number; variables: Variables }
  | { type: 'throwError'; jobKey: Key; errorCode: string; errorMessage: string; variables: Variables }
  | { type: 'updateJobRetries'; jobKey: Key; retries: number }
  | { type: 'updateJobTimeout'; jobKey: Key; timeout: number }
  | { type: 'yieldJob'; jobKey: Key; deadline?: number }
  | { type: 'resolveIncident'; incidentKey: Key }
  | { type: 'setVariables'; elementInstanceKey: Key; variables: Variables; local: boolean }
  | { type: 'publishMessage'; name: string; correlationKey: string; timeToLive: number; messageId: string; variables: Variables; tenantId?: string }
  | { type: 'correlateMessage'; name: string; correlationKey: string; variables: Variables; tenantId?: string }
  | { type: 'broadcastSignal'; signalName: string; variables: Variables; tenantId?: string }
  | { type: 'tick' }
  | { type: 'userTask'; action: 'assign' | 'unassign' | 'complete' | 'update'; userTaskKey: Key; assignee?: string; allowOverride?: boolean; variables?: Variables; changeset?: Record<string, unknown> };

export type CommandType = Command['type'];

/** Who sent a command, when the gateway knows (REST basic auth); recorded on the records it causes. */
export interface CommandActor {
  id: string;
  type: 'USER' | 'CLIENT' | 'ANONYMOUS' | 'UNKNOWN';
}
