import type { ElementModel } from '../../model/types.js';
import type { Key, TimerRow } from '../../state/tables.js';
import { nextOccurrence } from '../../timers/timerSpec.js';
import type { ProcessingContext } from '../context.js';
import { triggerEvent } from '../eventTrigger.js';
import { startProcessInstance } from '../instances.js';

function repeats(timer: TimerRow): boolean {
  return timer.interval !== null && (timer.repetitions === -1 || timer.repetitions > 0);
}

function rescheduled(timer: TimerRow): TimerRow {
  return {
    ...timer,
    due_date: nextOccurrence(timer.interval as string, timer.due_date),
    repetitions: timer.repetitions === -1 ? -1 : timer.repetitions - 1,
  };
}

/**
 * Fires every timer whose due date has passed on the engine clock. A timer fires once; a cycle is
 * re-armed for its next occurrence when the catch does not interrupt (boundary, event sub-process)
 * or belongs to a start event.
 */
export async function fireDueTimers(ctx: ProcessingContext): Promise<void> {
  const now = ctx.now();
  const due = (await ctx.services.store.knex('timers').select('key').where('due_date', '<=', now).orderBy('due_date').limit(1000)) as { key: Key }[];
  for (const { key } of due) {
    const timer = await ctx.batch.get('timers', key);
    if (!timer || timer.due_date > now) continue;
    ctx.event('TIMER', 'TRIGGERED', timer.key, { elementId: timer.element_id, elementInstanceKey: timer.element_instance_key ?? -1, dueDate: timer.due_date, processDefinitionKey: timer.process_definition_key }, timer.process_instance_key, timer.element_id);
    const { model, definition } = await ctx.model(timer.process_definition_key);
    const catchElement = model.elements.get(timer.element_id) as ElementModel;
    if (timer.element_instance_key === null) {
      if (repeats(timer)) ctx.batch.put('timers', rescheduled(timer));
      else ctx.batch.delete('timers', timer.key);
      await startProcessInstance(ctx, definition, { variables: {}, startElementId: catchElement.id });
      continue;
    }
    const interrupting = catchElement.type === 'intermediateCatchEvent' || catchElement.cancelActivity;
    if (repeats(timer) && !interrupting) ctx.batch.put('timers', rescheduled(timer));
    else ctx.batch.delete('timers', timer.key);
    await triggerEvent(ctx, timer.element_instance_key, catchElement, {});
  }
  ctx.batch.afterCommit(() => ctx.services.timersChanged());
}
