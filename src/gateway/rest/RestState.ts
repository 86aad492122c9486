import type { RouterContext } from '@koa/router';
import type { Engine } from '../../engine/Engine.js';
import type { Command, CommandActor } from '../../engine/processor/commands/types.js';
import type { DefinitionCatalog } from './DefinitionCatalog.js';
import type { InstanceHierarchy } from './InstanceHierarchy.js';

/** Who sent a REST request, as Camunda's audit log names it. */
export type Actor = CommandActor;

/** Per-request data, set by the app's middleware before any router runs. */
export interface RestState {
  actor: Actor;
  /** Runs an engine command on behalf of the request's actor (recorded for the audit log). */
  execute<T = unknown>(command: Command): Promise<T>;
}

export type RestContext = RouterContext<RestState>;

/** What every resource router is built from. */
export interface RestDeps {
  engine: Engine;
  catalog: DefinitionCatalog;
  hierarchy: InstanceHierarchy;
}
