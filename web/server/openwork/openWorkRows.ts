import { Temporal } from 'temporal-polyfill';
import type { CaseDeadlineRow } from '../deadlines/DeadlineRegister.js';
import { ROME } from '../deadlines/deadlineStatus.js';
import { registerDayOf } from '../deadlines/registerQuery.js';
import type { IndexedTask } from '../tasks/taskFacts.js';

/** `|a|b|`: a list a single value is found in with LIKE '%|a|%' (ISTAT codes, group ids hold no '|'). */
export const barred = (values: readonly string[]): string => `|${[...new Set(values)].join('|')}|`;

/** The Rome calendar day of an instant, YYYY-MM-DD. */
export const romeDay = (iso: string): string => Temporal.Instant.fromEpochMilliseconds(Date.parse(iso)).toZonedDateTimeISO(ROME).toPlainDate().toString();

/** A text that sorts as Italian readers expect case numbers to: accents and case ignored, numbers by value. */
export function sortKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(20, '0'))
    .slice(0, 300);
}

export interface OpenTaskRow {
  user_task_key: string;
  root_key: string;
  process_instance_key: string;
  process_definition_id: string;
  process_name: string;
  assignee: string | null;
  candidate_groups: string;
  scope_comuni: string;
  comune: string | null;
  priority: number;
  due_ms: number | null;
  due_day: string | null;
  created_ms: number;
  item: string;
  indexed_at: number;
}

export function openTaskRow(rootKey: string, { task, scope }: IndexedTask, indexedAt: number): OpenTaskRow {
  const due = task.dueDate && Number.isFinite(Date.parse(task.dueDate)) ? task.dueDate : undefined;
  return {
    user_task_key: task.userTaskKey,
    root_key: rootKey,
    process_instance_key: task.processInstanceKey,
    process_definition_id: task.processDefinitionId,
    process_name: task.processName ?? task.processDefinitionId,
    assignee: task.assignee ?? null,
    candidate_groups: barred(task.candidateGroups),
    scope_comuni: barred(scope),
    comune: task.comune?.slice(0, 100) ?? null,
    priority: task.priority,
    due_ms: due ? Date.parse(due) : null,
    due_day: due ? romeDay(due) : null,
    created_ms: task.creationDate && Number.isFinite(Date.parse(task.creationDate)) ? Date.parse(task.creationDate) : 0,
    item: JSON.stringify(task),
    indexed_at: indexedAt,
  };
}

export interface OpenDeadlineRow {
  root_key: string;
  variable: string;
  process_definition_id: string;
  process_name: string;
  scope_comuni: string;
  called_process_definition_id: string | null;
  called_scope_comuni: string | null;
  comune: string | null;
  nature: string | null;
  due_ms: number;
  register_day: string;
  until_due: boolean;
  case_sort: string;
  entry: string;
  indexed_at: number;
}

export function openDeadlineRow({ entry, scope, called, untilDue }: CaseDeadlineRow, indexedAt: number): OpenDeadlineRow {
  const { daysLeft: _days, status: _status, ...stored } = entry;
  return {
    root_key: entry.processInstanceKey,
    variable: entry.variable.slice(0, 300),
    process_definition_id: entry.processDefinitionId,
    process_name: entry.processName ?? entry.processDefinitionId,
    scope_comuni: barred(scope),
    called_process_definition_id: called?.processDefinitionId ?? null,
    called_scope_comuni: called ? barred(called.scope) : null,
    comune: entry.comune?.slice(0, 100) ?? null,
    nature: entry.nature ?? null,
    due_ms: Date.parse(entry.dueAt),
    register_day: registerDayOf(entry),
    until_due: untilDue,
    case_sort: sortKey(entry.businessKey ?? entry.processInstanceKey),
    entry: JSON.stringify(stored),
    indexed_at: indexedAt,
  };
}
