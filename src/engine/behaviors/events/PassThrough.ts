import { completeElement } from '../../processor/lifecycle.js';
import type { ElementBehavior } from '../behavior.js';

/** Elements without behaviour of their own (none intermediate throw, undefined and manual tasks, caught events). */
export const passThroughBehavior: ElementBehavior = {
  async onActivated(ctx, instance) {
    await completeElement(ctx, instance.key);
  },
};
