/** Row shapes of the engine's tables. JSON columns hold parsed values in memory. */
import type { JsonValue } from '../feel/feel.js';

export type Key = number;

export interface ProcessDefinitionRow {
  key: Key;
  bpmn_process_id: string;
  version: number;
  version_tag: string | null;
  resource_name: string;
  checksum: string;
  deployment_key: Key;
  tenant_id: string;
  xml: string;
  created_at: number;
  /** Set by DeleteResource: DRAINING while instances still run, then DELETED (migration 20261202_001). */
  deletion_state?: 'DRAINING' | 'DELETED' | null;
}

export interface FormRow {
  key: Key;
  form_id: string;
  version: number;
  version_tag: string | null;
  resource_name: string;
  checksum: string;
  deployment_key: Key;
  tenant_id: string;
  schema: string;
  created_at: number;
}

/** A deployed .dmn resource (migration 20261203_001). */
export interface DecisionRequirementsRow {
  key: Key;
  decision_requirements_id: string;
  name: string;
  version: number;
  resource_name: string;
  checksum: string;
  deployment_key: Key;
  tenant_id: string;
  xml: string;
  created_at: number;
}

export interface DecisionRow {
  key: Key;
  decision_id: string;
  name: string;
  version: number;
  decision_requirements_key: Key;
  decision_requirements_id: string;
  deployment_key: Key;
  tenant_id: string;
  created_at: number;
}

/** One evaluated decision of one evaluation; JSON columns hold the evaluation details. */
export interface DecisionInstanceRow {
  key: Key;
  evaluation_key: Key;
  evaluation_index: number;
  decision_key: Key;
  decision_id: string;
  decision_name: string;
  decision_version: number;
  decision_type: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  root_decision_key: Key;
  decision_requirements_key: Key;
  state: 'EVALUATED' | 'FAILED';
  failure: string | null;
  result: JsonValue;
  evaluated_inputs: JsonValue;
  matched_rules: JsonValue;
  evaluation_date: number;
  process_instance_key: Key | null;
  process_definition_key: Key | null;
  element_instance_key: Key | null;
  tenant_id: string;
}

export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessInstanceRow {
  key: Key;
  bpmn_process_id: string;
  process_definition_key: Key;
  version: number;
  state: ProcessInstanceState;
  start_date: number;
  end_date: number | null;
  parent_process_instance_key: Key | null;
  parent_element_instance_key: Key | null;
  tenant_id: string;
  incident_count: number;
}

export type ElementState =
  | 'ACTIVATING'
  | 'ACTIVATED'
  | 'COMPLETING'
  | 'COMPLETED'
  | 'TERMINATING'
  | 'TERMINATED';

/** Per-element runtime data that only some element kinds use. */
export interface ElementData {
  /** Parallel/inclusive joins waiting inside this scope: gateway id → flow id → tokens. */
  joins?: Record<string, Record<string, number>>;
  /** Tokens waiting at joins in this scope (they keep the scope alive). */
  waitingTokens?: number;
  /** Multi-instance body. */
  mi?: { total: number; completed: number; terminated: number; next: number; items?: JsonValue[]; output?: JsonValue[] };
  /** Multi-instance iteration index (0-based into the body's items). */
  loopIndex?: number;
  /** Set when an interrupting event will take over after this element terminates. */
  interruptedBy?: { elementId: string; variables?: Record<string, JsonValue> };
  /** Child process instance of a call activity. */
  calledInstanceKey?: Key;
  /** Event payload to apply when an event element completes. */
  eventVariables?: Record<string, JsonValue>;
  /** Set when the element's completion leaves its flow scope by a terminate end event. */
  terminateScope?: boolean;
  /** An interrupting event sub-process was triggered in this scope. */
  interrupted?: boolean;
  /** Timers, message or signal subscriptions were opened for this element. */
  subscribed?: boolean;
  /** Root scope: the start element (message/timer/signal start) and its payload. */
  startElementId?: string;
  /** Root scope created with start instructions, or a flow scope activated for them: the elements to start inside. */
  startElementIds?: string[];
  startEventVariables?: Record<string, JsonValue>;
  /** A flow scope created by ModifyProcessInstance for an element inside it: it starts nothing itself. */
  activatedForModification?: boolean;
  /** A catch event activated by its event-based gateway's trigger: it passes straight on. */
  triggered?: boolean;
  /** Exclusive/inclusive gateway: the flows chosen on activation. */
  flows?: string[];
  /** Escalation/error code that triggered a catch. */
  triggeredBy?: string;
}

export interface ElementInstanceRow {
  key: Key;
  process_instance_key: Key;
  process_definition_key: Key;
  bpmn_process_id: string;
  element_id: string;
  element_type: string;
  flow_scope_key: Key | null;
  state: ElementState;
  active_children: number;
  data: ElementData;
  start_date: number;
  end_date: number | null;
  incident_key: Key | null;
  tenant_id: string;
}

export interface VariableRow {
  key: Key;
  scope_key: Key;
  process_instance_key: Key;
  name: string;
  value: JsonValue;
  tenant_id: string;
}

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';

export interface JobRow {
  key: Key;
  type: string;
  kind: string;
  state: JobState;
  retries: number;
  worker: string;
  deadline: number | null;
  recur_at: number | null;
  element_instance_key: Key;
  element_id: string;
  process_instance_key: Key;
  process_definition_key: Key;
  bpmn_process_id: string;
  process_definition_version: number;
  custom_headers: Record<string, string>;
  error_message: string;
  error_code: string;
  tenant_id: string;
  created_at: number;
}

export type IncidentState = 'ACTIVE' | 'RESOLVED';

export interface IncidentRow {
  key: Key;
  error_type: string;
  error_message: string;
  element_instance_key: Key;
  element_id: string;
  process_instance_key: Key;
  process_definition_key: Key;
  bpmn_process_id: string;
  job_key: Key | null;
  state: IncidentState;
  created_at: number;
  tenant_id: string;
}

export interface MessageRow {
  key: Key;
  name: string;
  correlation_key: string;
  message_id: string;
  time_to_live: number;
  deadline: number;
  variables: Record<string, JsonValue>;
  tenant_id: string;
  created_at: number;
}

export interface MessageSubscriptionRow {
  key: Key;
  message_name: string;
  correlation_key: string;
  element_instance_key: Key;
  element_id: string;
  process_instance_key: Key;
  bpmn_process_id: string;
  /** Non-interrupting catches may correlate many times. */
  interrupting: number;
  tenant_id: string;
}

/** One correlation per message and bpmnProcessId (Zeebe semantics). */
export interface MessageCorrelationRow {
  key: Key;
  message_key: Key;
  bpmn_process_id: string;
}

export interface MessageStartSubscriptionRow {
  key: Key;
  message_name: string;
  process_definition_key: Key;
  bpmn_process_id: string;
  element_id: string;
  tenant_id: string;
}

export interface MessageStartLockRow {
  key: Key;
  bpmn_process_id: string;
  correlation_key: string;
  message_name: string;
  process_instance_key: Key;
  tenant_id: string;
}

export interface TimerRow {
  key: Key;
  due_date: number;
  repetitions: number;
  /** ISO interval for cycles, kept to compute the next occurrence. */
  interval: string | null;
  element_id: string;
  /** Element instance the timer is attached to (catch, boundary, event-based gateway, scope); null for start timers. */
  element_instance_key: Key | null;
  process_instance_key: Key | null;
  process_definition_key: Key;
  bpmn_process_id: string;
  tenant_id: string;
}

export interface SignalSubscriptionRow {
  key: Key;
  signal_name: string;
  element_id: string;
  element_instance_key: Key | null;
  process_instance_key: Key | null;
  process_definition_key: Key;
  bpmn_process_id: string;
  tenant_id: string;
}

export interface UserTaskRow {
  key: Key;
  element_instance_key: Key;
  element_id: string;
  process_instance_key: Key;
  process_definition_key: Key;
  bpmn_process_id: string;
  process_definition_version: number;
  state: string;
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  due_date: string | null;
  follow_up_date: string | null;
  priority: number;
  form_key: Key | null;
  external_form_reference: string | null;
  custom_headers: Record<string, string>;
  name: string | null;
  creation_date: number;
  completion_date: number | null;
  tenant_id: string;
}

export interface RecordRow {
  position: number;
  key: Key;
  timestamp: number;
  record_type: 'EVENT' | 'COMMAND' | 'COMMAND_REJECTION';
  value_type: string;
  intent: string;
  process_instance_key: Key | null;
  element_id: string | null;
  value: Record<string, unknown>;
  /** Who sent the command that caused the record, when known (migration 20261125_001). */
  actor_id?: string | null;
  actor_type?: string | null;
}

export interface TableRows {
  process_definitions: ProcessDefinitionRow;
  forms: FormRow;
  decision_requirements: DecisionRequirementsRow;
  decisions: DecisionRow;
  decision_instances: DecisionInstanceRow;
  process_instances: ProcessInstanceRow;
  element_instances: ElementInstanceRow;
  variables: VariableRow;
  jobs: JobRow;
  incidents: IncidentRow;
  messages: MessageRow;
  message_subscriptions: MessageSubscriptionRow;
  message_correlations: MessageCorrelationRow;
  message_start_subscriptions: MessageStartSubscriptionRow;
  message_start_locks: MessageStartLockRow;
  timers: TimerRow;
  signal_subscriptions: SignalSubscriptionRow;
  user_tasks: UserTaskRow;
}

export type TableName = keyof TableRows;

/** Columns stored as JSON text. */
export const jsonColumns: { [T in TableName]: (keyof TableRows[T])[] } = {
  process_definitions: [],
  forms: [],
  decision_requirements: [],
  decisions: [],
  decision_instances: ['result', 'evaluated_inputs', 'matched_rules'],
  process_instances: [],
  element_instances: ['data'],
  variables: ['value'],
  jobs: ['custom_headers'],
  incidents: [],
  messages: ['variables'],
  message_subscriptions: [],
  message_correlations: [],
  message_start_subscriptions: [],
  message_start_locks: [],
  timers: [],
  signal_subscriptions: [],
  user_tasks: ['candidate_groups', 'candidate_users', 'custom_headers'],
};
