import { completeElement } from '../../processor/lifecycle.js';
import type { ElementBehavior } from '../behavior.js';

/** A start event passes straight on; its trigger's payload (if any) is applied on completion. */
export const startEventBehavior: ElementBehavior = {
  async onActivated(ctx, instance) {
    await completeElement(ctx, instance.key);
  },
};
