import { describe, expect, it } from 'vitest';
import { PROCESSES, TaskType } from '../../processes/generated/task-types.js';
import { ALL_HANDLERS, modelTaskTypes } from '../../workers/index.js';

describe('workers cover the models', () => {
  it('every service and send task type in the BPMN has a handler, and no handler is for a type no model has', () => {
    // given
    const inModels = new Set(Object.values(PROCESSES).flatMap((p) => [...p.taskTypes]));
    // then
    expect(modelTaskTypes().filter((t) => !ALL_HANDLERS[t])).toEqual([]);
    expect(Object.keys(ALL_HANDLERS).filter((t) => !inModels.has(t as TaskType))).toEqual([]);
  });
});
