import { throwEscalation } from '../../processor/escalationEvents.js';
import { completeElement } from '../../processor/lifecycle.js';
import type { ElementBehavior } from '../behavior.js';

/** Escalation intermediate throw: a non-interrupting catch lets it go on; an interrupting one ends it. */
export const escalationThrowBehavior: ElementBehavior = {
  async onActivated(ctx, instance, element) {
    const code = element.eventDefinition.kind === 'escalation' ? (element.eventDefinition.escalationCode ?? '') : '';
    await throwEscalation(ctx, instance, code);
    const fresh = await ctx.instance(instance.key);
    if (fresh?.state === 'ACTIVATED') await completeElement(ctx, instance.key);
  },
};
