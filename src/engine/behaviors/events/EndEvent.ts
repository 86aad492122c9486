import { throwBpmnError } from '../../processor/errorEvents.js';
import { throwEscalation } from '../../processor/escalationEvents.js';
import { createIncident } from '../../processor/incidents.js';
import { completeElement, liveChildren, terminateElement } from '../../processor/lifecycle.js';
import type { ElementInstanceRow } from '../../state/tables.js';
import type { ElementBehavior } from '../behavior.js';

export const endEventBehavior: ElementBehavior = {
  async onActivated(ctx, instance, element) {
    const definition = element.eventDefinition;
    if (definition.kind === 'terminate') {
      // Ends its flow scope: every other element of the scope is terminated, waiting join tokens dropped.
      const scopeKey = instance.flow_scope_key as number;
      for (const sibling of await liveChildren(ctx, scopeKey)) {
        if (sibling.key !== instance.key) await terminateElement(ctx, sibling.key);
      }
      const scope = (await ctx.instance(scopeKey)) as ElementInstanceRow;
      ctx.update(scope, { data: { ...scope.data, joins: {}, waitingTokens: 0 } });
      await completeElement(ctx, instance.key);
      return;
    }
    if (definition.kind === 'error') {
      const code = definition.errorCode ?? '';
      const caught = await throwBpmnError(ctx, (await ctx.instance(instance.flow_scope_key)) as ElementInstanceRow, code, '', {});
      if (!caught) {
        await createIncident(ctx, instance, 'UNHANDLED_ERROR_EVENT', `Expected to throw an error event with the code '${code}', but it was not caught. No error events are available in the scope.`);
      }
      return;
    }
    if (definition.kind === 'escalation') {
      await throwEscalation(ctx, instance, definition.escalationCode ?? '');
      const fresh = await ctx.instance(instance.key);
      if (fresh?.state === 'ACTIVATED') await completeElement(ctx, instance.key);
      return;
    }
    await completeElement(ctx, instance.key);
  },
};
